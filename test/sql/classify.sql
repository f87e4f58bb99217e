-- Classification: every shipped standard at each of its lines (at the line
-- and one dong above) with d = K-1 and d = K, period selection by date, the
-- explanation, the per-capita income helper, NULLs and errors.
SET search_path = povext, public;

-- The first n indicators of a standard (in bit order), as a deprivation set
CREATE FUNCTION first_indicators(standard_code text, n int) RETURNS deprivations
LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_agg(code), '{}')::deprivations
      FROM (SELECT i.code FROM standard_indicator AS si JOIN indicator AS i ON i.code = si.indicator
             WHERE si.standard = standard_code ORDER BY i.bit LIMIT n) AS firsts
$$;

-- The boundary table
SELECT l.standard, l.area, s.rule, v.line, v.y, d.d,
       classify(v.y, first_indicators(l.standard, d.d), l.standard, l.area) AS status
  FROM standard_line AS l
  JOIN standard AS s ON s.code = l.standard
 CROSS JOIN LATERAL (VALUES ('poor_line', l.poor_line), ('poor_line + 1', l.poor_line + 1),
                            ('near_poor_line', l.near_poor_line), ('near_poor_line + 1', l.near_poor_line + 1),
                            ('middle_line', l.middle_line), ('middle_line + 1', l.middle_line + 1)) AS v(line, y)
 CROSS JOIN LATERAL (VALUES (s.minimum_deprivations - 1), (s.minimum_deprivations)) AS d(d)
 WHERE v.y IS NOT NULL
   AND (v.line NOT LIKE 'near_poor_line%' OR l.near_poor_line <> l.poor_line)
 ORDER BY l.standard, l.area, v.y, d.d;

-- The traps: vn-2016 makes any income at or below the line poor, whatever d;
-- vn-2022 never makes an income above the line poor, whatever d.
SELECT classify(700000, '{}', 'vn-2016', 'rural') AS vn2016_at_line_no_deprivations,
       classify(1500001, '{employment,dependants,nutrition,health_insurance,adult_education,school_attendance,housing_quality,housing_area,water,sanitation,telecom,information_access}',
                'vn-2022', 'rural') AS vn2022_above_line_all_deprivations,
       classify(0, '{}', 'vn-2022', 'urban') AS vn2022_zero_income;

-- Only the standard's own indicators count: social_insurance is an HCMC
-- indicator, not a national one; sanitation left the HCMC list in 2021.
SELECT classify(1000000, '{health_insurance,water,social_insurance}', 'vn-2022', 'urban') AS national,
       classify(30000000, '{health_insurance,water,social_insurance}', 'hcm-2021', 'urban') AS hcmc,
       classify(40000000, '{health_insurance,water,sanitation}', 'hcm-2021', 'urban') AS hcmc_sanitation_ignored;

-- Fractions of a dong: one hundredth above the line is above it
SELECT classify(2000000.00, '{}', 'vn-2022', 'urban') AS at_line, classify(2000000.01, '{}', 'vn-2022', 'urban') AS above;

-- The same rules written independently in SQL give the same status on
-- 20,000 generated households for every standard and area.
CREATE TABLE generated_household AS
SELECT g AS id, (g % 2)::int AS area_index, (g * 7919 % 4500000)::numeric AS monthly, (g * 104729 % 80000000)::numeric AS yearly,
       (SELECT coalesce(array_agg(code ORDER BY bit), '{}')::deprivations FROM indicator WHERE ((g * 2654435761) >> bit) & 1 = 1 AND bit < 14) AS d
  FROM generate_series(1, 20000) AS g;
SELECT l.standard,
       count(*) AS households,
       count(*) FILTER (WHERE classify(y, h.d, l.standard, l.area) IS DISTINCT FROM
           CASE
               WHEN s.rule = 'two_band' AND y <= l.poor_line THEN 'poor'
               WHEN s.rule = 'two_band' AND y <= l.near_poor_line AND deprivation_count(h.d & si.mask) >= s.minimum_deprivations THEN 'poor'
               WHEN s.rule = 'two_band' AND y <= l.near_poor_line THEN 'near_poor'
               WHEN s.rule = 'income_and_deprivation' AND y <= l.poor_line AND deprivation_count(h.d & si.mask) >= s.minimum_deprivations THEN 'poor'
               WHEN s.rule = 'income_and_deprivation' AND y <= l.poor_line THEN 'near_poor'
               WHEN y <= l.middle_line THEN 'middle'
               ELSE 'not_poor'
           END::status) AS mismatches,
       count(*) FILTER (WHERE classify(y, h.d, l.standard, l.area) = 'poor') AS poor
  FROM generated_household AS h
  JOIN standard_line AS l ON l.area = (ARRAY['urban', 'rural']::area[])[h.area_index + 1]
  JOIN standard AS s ON s.code = l.standard
  JOIN (SELECT standard, array_agg(indicator)::deprivations AS mask FROM standard_indicator GROUP BY standard) AS si
    ON si.standard = l.standard
 CROSS JOIN LATERAL (SELECT CASE s.unit WHEN 'month' THEN h.monthly ELSE h.yearly END AS y) AS income
 GROUP BY l.standard ORDER BY l.standard;

-- By scope and date: the standard in force that day, at the period edges
SELECT on_date, scope, area, (explain_classification(1000000, '{}', scope, area, on_date)).standard
  FROM (VALUES ('2016-01-01'::date), ('2021-12-31'), ('2022-01-01'), ('2026-12-31')) AS dates(on_date),
       (VALUES ('national')) AS scopes(scope), (VALUES ('urban'::area), ('rural')) AS areas(area)
 ORDER BY on_date, area;
SELECT on_date, (explain_classification(30000000, '{}', 'hcmc', 'urban', on_date)).standard,
       classify(30000000, '{}', 'hcmc', 'urban', on_date) AS status
  FROM (VALUES ('2016-01-01'::date), ('2018-12-31'), ('2019-01-01'), ('2020-12-31'), ('2021-01-01'),
               ('2024-09-30'), ('2024-10-01'), ('2025-12-31')) AS dates(on_date)
 ORDER BY on_date;

-- The explanation a ward officer shows a household
\x on
SELECT * FROM explain_classification(2500000, '{employment,health_insurance,housing_area,social_insurance}', 'vn-2022', 'urban');
SELECT * FROM explain_classification(850000, '{water,telecom}', 'national', 'rural', '2019-05-01');
SELECT * FROM explain_classification(40000000, '{water,telecom,housing_area,nutrition}', 'hcm-2021', 'rural');
\x off
SELECT matched_rule, status FROM explain_classification(3000001, '{}', 'vn-2022', 'urban');
SELECT matched_rule, status FROM explain_classification(46000001, '{}', 'hcm-2021', 'urban');

-- Per-capita income from household income of 12 months and members
SELECT per_capita_income(25200000, 3) AS monthly_default,
       per_capita_income(25200000, 3, 'month') AS monthly,
       per_capita_income(25200000, 3, 'year') AS yearly,
       per_capita_income(0, 1) AS zero,
       per_capita_income(10000000, 3, 'year') AS repeating;
-- A household exactly at the line by the helper, and one dong of yearly income above it
SELECT classify(per_capita_income(25200000, 3), '{}', 'vn-2016', 'rural') AS at_line,
       classify(per_capita_income(25200001, 3), '{}', 'vn-2016', 'rural') AS one_dong_above;

-- NULL inputs give NULL
SELECT classify(NULL, '{}', 'vn-2022', 'urban') IS NULL AS null_income,
       classify(1, NULL, 'vn-2022', 'urban') IS NULL AS null_deprivations,
       classify(1, '{}', NULL, 'urban') IS NULL AS null_standard,
       classify(1, '{}', 'vn-2022', NULL) IS NULL AS null_area,
       classify(1, '{}', 'national', 'urban', NULL) IS NULL AS null_date,
       explain_classification(NULL, '{}', 'vn-2022', 'urban') IS NULL AS null_explain,
       per_capita_income(NULL, 3) IS NULL AS null_household_income,
       per_capita_income(1, NULL) IS NULL AS null_members;

-- Errors
SELECT classify(-1, '{}', 'vn-2022', 'urban');
SELECT classify(-0.01, '{}', 'vn-2016', 'urban');
SELECT classify('NaN', '{}', 'vn-2022', 'urban');
SELECT classify('Infinity', '{}', 'vn-2022', 'urban');
SELECT classify('-Infinity', '{}', 'vn-2022', 'urban');
SELECT classify(1, '{}', 'vn-2020', 'urban');
SELECT classify(1, '{}', 'ophi-mpi', 'urban');
SELECT classify(1, '{}', 'national', 'urban', '2015-12-31');
SELECT classify(1, '{}', 'hcmc', 'urban', '2031-01-01');
SELECT classify(1, '{}', 'hanoi', 'urban', '2025-01-01');
SELECT per_capita_income(-1, 3);
SELECT per_capita_income(1000, 0);
SELECT per_capita_income(1000, -2);
SELECT per_capita_income('NaN', 2);
\set VERBOSITY sqlstate
SELECT classify(-1, '{}', 'vn-2022', 'urban');
SELECT classify(1, '{}', 'vn-2020', 'urban');
SELECT classify(1, '{}', 'ophi-mpi', 'rural');
SELECT classify(1, '{}', 'national', 'urban', '2015-12-31');
SELECT per_capita_income(1000, 0);
\set VERBOSITY default

-- A standard that defines one area only
INSERT INTO standard (code, scope, name, unit, rule, minimum_deprivations, legal_basis, confidence)
VALUES ('ward-pilot', 'ward_pilot', 'Pilot standard of one ward', 'month', 'two_band', 2, 'Ward decision 1/2025', 'unverified');
INSERT INTO standard_line (standard, scope, area, in_force, poor_line, near_poor_line, legal_basis, confidence)
VALUES ('ward-pilot', 'ward_pilot', 'urban', '[2025-01-01,)', 2500000, 3000000, 'Ward decision 1/2025', 'unverified');
-- ... its rule needs deprivations, but it has no indicators yet
SELECT classify(1, '{}', 'ward-pilot', 'urban');
INSERT INTO standard_indicator (standard, indicator, weight_numerator, weight_denominator, confidence)
VALUES ('ward-pilot', 'water', 1, 2, 'unverified'), ('ward-pilot', 'sanitation', 1, 2, 'unverified');
SELECT classify(1, '{}', 'ward-pilot', 'rural');
SELECT classify(1, '{}', 'ward_pilot', 'rural', '2025-06-01');
SELECT classify(3000000, '{}', 'ward-pilot', 'urban') AS at_near_poor_line,
       classify(3000001, '{}', 'ward-pilot', 'urban') AS above_without_middle_line,
       classify(1, '{}', 'ward_pilot', 'urban', 'infinity') AS open_ended;

-- Clean up for the tests that follow
DELETE FROM standard_indicator WHERE standard = 'ward-pilot';
DELETE FROM standard_line WHERE standard = 'ward-pilot';
DELETE FROM standard WHERE code = 'ward-pilot';
DROP TABLE generated_household;
DROP FUNCTION first_indicators(text, int);

-- A standard code in a PL/pgSQL variable changes from call to call
CREATE FUNCTION classify_each(income numeric, codes text[]) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    code text;
    result text := '';
BEGIN
    FOREACH code IN ARRAY codes LOOP
        result := result || code || ': ' || classify(income, '{}', code, 'urban') || ' ';
    END LOOP;
    RETURN result;
END
$$;
SELECT classify_each(2500000, '{vn-2016,vn-2022,vn-2016}') AS statuses;
DROP FUNCTION classify_each(numeric, text[]);

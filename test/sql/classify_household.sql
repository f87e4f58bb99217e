-- Household-level classification: what a registry holds (income of the 12
-- months before the review, members) converted to each standard's unit by
-- povext itself.  Every shipped line in both units, at the line and one dong
-- above, members 1, 7 and the largest integer; NULLs; errors; periods of
-- force by scope and date; the unit trap closed; the household FGT
-- aggregates and standard_in_force.
SET search_path = povext, public;

-- The first n indicators of a standard (in bit order), as a deprivation set
CREATE FUNCTION first_indicators(standard_code text, n int) RETURNS deprivations
LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_agg(code), '{}')::deprivations
      FROM (SELECT i.code FROM standard_indicator AS si JOIN indicator AS i ON i.code = si.indicator
             WHERE si.standard = standard_code ORDER BY i.bit LIMIT n) AS firsts
$$;

-- The boundary table: household incomes that land exactly on each line after
-- conversion (line * 12 * members for monthly lines, line * members for
-- yearly ones) and one dong above, with K - 1 deprivations (so that every
-- line changes the status), by code and by scope on the line's first day.
SELECT l.standard, l.area, s.unit, v.line, m.members, h.household_income,
       classify_household(h.household_income, m.members, first_indicators(l.standard, s.minimum_deprivations - 1),
                          l.standard, l.area) AS by_code,
       classify_household(h.household_income, m.members, first_indicators(l.standard, s.minimum_deprivations - 1),
                          s.scope, l.area, lower(l.in_force)) AS by_scope
  FROM standard_line AS l
  JOIN standard AS s ON s.code = l.standard
 CROSS JOIN LATERAL (VALUES ('poor_line', l.poor_line), ('near_poor_line', l.near_poor_line),
                            ('middle_line', l.middle_line)) AS v(line, y)
 CROSS JOIN (VALUES (1), (7)) AS m(members)
 CROSS JOIN LATERAL (VALUES (v.y * m.members * CASE s.unit WHEN 'month' THEN 12 ELSE 1 END),
                            (v.y * m.members * CASE s.unit WHEN 'month' THEN 12 ELSE 1 END + 1)) AS h(household_income)
 WHERE v.y IS NOT NULL
   AND (v.line <> 'near_poor_line' OR l.near_poor_line <> l.poor_line)
 ORDER BY l.standard, l.area, v.y, m.members, h.household_income;

-- With K deprivations, the two bands of vn-2016 and the one of vn-2022
SELECT classify_household(25200000, 3, first_indicators('vn-2016', 3), 'vn-2016', 'rural') AS vn2016_at_poor_line,
       classify_household(36000000, 3, first_indicators('vn-2016', 3), 'vn-2016', 'rural') AS vn2016_at_near_poor_line,
       classify_household(36000001, 3, first_indicators('vn-2016', 3), 'vn-2016', 'rural') AS vn2016_above,
       classify_household(54000000, 3, first_indicators('vn-2022', 3), 'vn-2022', 'rural') AS vn2022_at_line,
       classify_household(54000001, 3, first_indicators('vn-2022', 3), 'vn-2022', 'rural') AS vn2022_above;

-- The largest household: one dong above the line is above it.  The
-- household income is compared with the line times 12 * members, exactly;
-- the per-capita income shown is rounded.
SELECT per_capita_income(2000000::numeric * 12 * 2147483647 + 1, 2147483647) AS rounded_per_capita,
       classify_household(2000000::numeric * 12 * 2147483647, 2147483647, '{}', 'vn-2022', 'urban') AS at_line,
       classify_household(2000000::numeric * 12 * 2147483647 + 1, 2147483647, '{}', 'vn-2022', 'urban') AS one_dong_above,
       classify(per_capita_income(2000000::numeric * 12 * 2147483647 + 1, 2147483647), '{}',
                'vn-2022', 'urban') AS per_capita_path,
       classify_household(46000000::numeric * 2147483647 + 1, 2147483647, '{}', 'hcmc', 'urban', '2025-06-01') AS hcmc_one_dong_above,
       classify_household(0, 1, '{}', 'hcm-2024', 'rural') AS zero_income;

-- The trap closed: one household (60,000,000 VND over 12 months, 2 members,
-- 4 deprivations) on the same day under the national standard (monthly line)
-- and the HCMC one (yearly line).  Its per-capita income is 2,500,000 a
-- month, 30,000,000 a year: above the national line (not poor: vn-2022
-- needs the income at or below it), below the HCMC one (poor).  The 0.2.0 path
-- with per_capita_income's default unit gets HCMC right here only by chance;
-- below, a household that is not poor in HCMC.
SELECT classify_household(60000000, 2, '{employment,health_insurance,housing_area,sanitation}',
                          'national', 'urban', '2025-06-01') AS national,
       classify_household(60000000, 2, '{employment,health_insurance,housing_area,sanitation}',
                          'hcmc', 'urban', '2025-06-01') AS hcmc;
SELECT standard, unit, household_income, members, per_capita_income, poor_line, matched_rule, status
  FROM unnest('{national,hcmc}'::text[]) AS u(scope_given),
       explain_household(240000000, 4, '{}', u.scope_given, 'urban', '2025-06-01')
 ORDER BY u.scope_given;
SELECT classify(per_capita_income(240000000, 4), '{}', 'hcmc', 'urban', '2025-06-01') AS default_unit_path,
       classify_household(240000000, 4, '{}', 'hcmc', 'urban', '2025-06-01') AS household_path;
-- 60,000 households of 1 to 6 members with 24 to 144 million VND a year: the
-- default unit made nearly all of them poor under the city standard.
SELECT count(*) FILTER (WHERE classify(per_capita_income(income, members), '{}', 'hcmc', 'urban', '2025-06-01') = 'poor') AS poor_default_unit,
       count(*) FILTER (WHERE classify(per_capita_income(income, members, 'year'), '{}', 'hcmc', 'urban', '2025-06-01') = 'poor') AS poor_yearly,
       count(*) FILTER (WHERE classify_household(income, members, '{}', 'hcmc', 'urban', '2025-06-01') = 'poor') AS poor_household,
       count(*) FILTER (WHERE classify_household(income, members, '{}', 'hcmc', 'urban', '2025-06-01')
                         IS DISTINCT FROM classify(per_capita_income(income, members, 'year'), '{}', 'hcmc', 'urban', '2025-06-01')) AS disagree_hcmc,
       count(*) FILTER (WHERE classify_household(income, members, '{}', 'national', 'urban', '2025-06-01')
                         IS DISTINCT FROM classify(per_capita_income(income, members, 'month'), '{}', 'national', 'urban', '2025-06-01')) AS disagree_national
  FROM (SELECT 24000000 + (i * 7919 % 120000) * 1000 AS income, 1 + i % 6 AS members
          FROM generate_series(1, 60000) AS i) AS h;

-- Periods of force: the day before and the first day of each standard, for a
-- household of 3 with 54,000,000 VND (1,500,000 a month: the vn-2016 rural
-- middle line and the vn-2022 rural poor line) and one with 100,800,000
-- (33,600,000 a year, between the HCMC lines of the periods)
SELECT d.scope, d.on_date, e.standard, e.unit, e.household_income, e.per_capita_income, e.poor_line, e.status
  FROM (VALUES ('national', '2021-12-31'::date, 54000000), ('national', '2022-01-01', 54000000),
               ('national', '2026-12-31', 54000000),
               ('hcmc', '2018-12-31', 100800000), ('hcmc', '2019-01-01', 100800000),
               ('hcmc', '2020-12-31', 100800000), ('hcmc', '2021-01-01', 100800000),
               ('hcmc', '2024-09-30', 100800000), ('hcmc', '2024-10-01', 100800000),
               ('hcmc', '2030-12-31', 100800000)) AS d(scope, on_date, income),
       explain_household(d.income, 3, '{}', d.scope, 'rural', d.on_date) AS e
 ORDER BY d.scope, d.on_date;

-- The explanation record
\x on
SELECT * FROM explain_household(72000001, 3, '{health_insurance,social_insurance}', 'vn-2022', 'urban');
SELECT * FROM explain_household(162000000, 3, '{employment,health_insurance,housing_area}',
                                'hcmc', 'urban', '2025-06-01');
\x off

-- NULL inputs give NULL (one all-NULL row for the explanation)
SELECT classify_household(NULL, 3, '{}', 'vn-2022', 'urban') IS NULL AS null_income,
       classify_household(1, NULL, '{}', 'vn-2022', 'urban') IS NULL AS null_members,
       classify_household(1, 3, NULL, 'vn-2022', 'urban') IS NULL AS null_deprivations,
       classify_household(1, 3, '{}', NULL, 'urban') IS NULL AS null_standard,
       classify_household(1, 3, '{}', 'vn-2022', NULL) IS NULL AS null_area,
       classify_household(1, 3, '{}', 'national', 'urban', NULL) IS NULL AS null_date,
       standard_in_force('national', 'urban', NULL) IS NULL AS null_in_force;
SELECT count(*) AS rows, count(status) AS non_null_status
  FROM explain_household(1, 0, '{}', 'national', 'urban', NULL);

-- Errors
SELECT classify_household(1000, 0, '{}', 'vn-2022', 'urban');
SELECT classify_household(1000, -3, '{}', 'national', 'urban', '2025-06-01');
SELECT classify_household('NaN', 3, '{}', 'vn-2022', 'urban');
SELECT classify_household('Infinity', 3, '{}', 'hcmc', 'urban', '2025-06-01');
SELECT classify_household(-1, 3, '{}', 'vn-2022', 'urban');
SELECT explain_household(-0.5, 3, '{}', 'vn-2022', 'urban');
SELECT classify_household(1, 3, '{}', 'national', 'urban');
SELECT classify_household(1, 3, '{}', 'ophi-mpi', 'urban');
SELECT classify_household(1, 3, '{}', 'national', 'urban', '2015-12-31');
SELECT classify_household(1, 3, '{}', 'hcmc', 'urban', '2031-01-01');
SELECT classify_household(1, 3, '{}', 'hanoi', 'urban', '2025-06-01');
SELECT standard_in_force('international', 'urban', '2025-06-01');
\set VERBOSITY sqlstate
SELECT classify_household(1000, 0, '{}', 'vn-2022', 'urban');
SELECT classify_household('NaN', 3, '{}', 'vn-2022', 'urban');
SELECT classify_household(1, 3, '{}', 'national', 'urban');
SELECT classify_household(1, 3, '{}', 'hcmc', 'urban', '2031-01-01');
\set VERBOSITY default

-- standard_in_force, and the deprivation index of the standard in force
SELECT scope, area, on_date, standard_in_force(scope, area, on_date)
  FROM (VALUES ('national', 'rural'::area, '2021-12-31'::date), ('national', 'rural', '2022-01-01'),
               ('hcmc', 'urban', '2024-09-30'), ('hcmc', 'urban', '2024-10-01')) AS v(scope, area, on_date)
 ORDER BY scope, on_date;
SELECT on_date,
       af_m0(d, standard_in_force('national', 'urban', on_date), 3/12.0) AS m0_of_standard_in_force,
       af_m0(d, standard_in_force('national', 'urban', on_date), 3/12.0)
     = af_m0(d, CASE WHEN on_date < '2022-01-01' THEN 'vn-2016' ELSE 'vn-2022' END, 3/12.0) AS same_as_by_code
  FROM (VALUES ('{health_insurance,water,sanitation}'::deprivations), ('{employment,nutrition,housing_area}'),
               ('{}')) AS h(d),
       unnest('{2021-12-31,2022-01-01}'::date[]) AS on_date
 GROUP BY on_date ORDER BY on_date;

-- Household FGT aggregates: the line and per-capita income in the unit of the
-- standard in force.  National urban 2,000,000 a month: 72,000,000 for 3
-- members is at the line (poor, gap 0), one dong more is not poor, 0 is poor
-- with gap 1; a NULL argument skips the row.
CREATE TABLE fgt_household (id int, income numeric, members int, area area);
INSERT INTO fgt_household VALUES
    (1, 72000000, 3, 'urban'), (2, 72000001, 3, 'urban'), (3, 0, 1, 'urban'),
    (4, 36000000, 3, 'urban'), (5, NULL, 2, 'urban'), (6, 1000000, NULL, 'urban');
SELECT fgt_p0_household(income, members, 'national', area, '2025-06-01') AS p0,
       fgt_p0_household(income, members, 'national', area, '2025-06-01', members) AS p0_people,
       fgt_p1_household(income, members, 'national', area, '2025-06-01') AS p1,
       fgt_p2_household(income, members, 'national', area, '2025-06-01') AS p2,
       fgt_watts_household(income, members, 'national', area, '2025-06-01') AS watts,
       fgt_watts_household(income, members, 'national', area, '2025-06-01', members) FILTER (WHERE income > 0) AS watts_positive
  FROM fgt_household;
-- The same state as fgt_state_agg of the per-capita incomes in the standard's
-- unit against its line, monthly (national) and yearly (HCMC)
SELECT fgt_state_agg_household(income, members, 'national', area, '2025-06-01', members)::text
     = fgt_state_agg(per_capita_income(income, members, 'month'), 2000000, members)::text AS national_same,
       fgt_state_agg_household(income, members, 'hcmc', area, '2025-06-01', members)::text
     = fgt_state_agg(per_capita_income(income, members, 'year'), 46000000, members)::text AS hcmc_same,
       fgt_p0_household(income, members, 'hcmc', area, '2025-06-01') AS hcmc_p0
  FROM fgt_household;
SELECT fgt_state_agg_household(income, members, 'hcmc', area, '2025-06-01') FROM fgt_household;
-- One dong above the line of the largest household: not poor, although its
-- per-capita income as float8 is the line
SELECT per_capita_income(2000000::numeric * 12 * 2147483647 + 1, 2147483647)::float8 = 2000000 AS float8_per_capita_at_line,
       fgt_p0_household(2000000::numeric * 12 * 2147483647 + i, 2147483647, 'national', 'urban', '2025-06-01') AS p0
  FROM generate_series(0, 1) AS i;
-- Only NULL rows, no rows
SELECT fgt_p0_household(income, members, 'national', area, '2025-06-01') FILTER (WHERE id > 4) AS only_nulls,
       fgt_state_agg_household(income, members, 'national', area, '2025-06-01') FILTER (WHERE false) AS no_rows
  FROM fgt_household;
-- Errors: lines that differ between the rows (group by area), bad households
SELECT fgt_p0_household(income, members, 'national', a, '2025-06-01')
  FROM (VALUES (1::numeric, 1, 'urban'::area), (1, 1, 'rural')) AS v(income, members, a);
SELECT a, fgt_p0_household(income, members, 'national', a, '2025-06-01')
  FROM (VALUES (1::numeric, 1, 'urban'::area), (1, 1, 'rural')) AS v(income, members, a)
 GROUP BY a ORDER BY a;
SELECT fgt_p0_household(income, 0, 'national', 'urban', '2025-06-01') FROM fgt_household;
SELECT fgt_p0_household(-income, 1, 'national', 'urban', '2025-06-01') FROM fgt_household WHERE id = 1;
SELECT fgt_p0_household(income, 1, 'national', 'urban', '2015-06-01') FROM fgt_household;
SELECT fgt_p0_household(income, 1, 'national', 'urban', '2025-06-01', -1) FROM fgt_household WHERE id = 1;

-- Parallel plans give the serial result
CREATE TABLE fgt_many AS
SELECT i AS id, (i * 7919 % 200) * 1000000::numeric AS income, 1 + i % 5 AS members,
       (CASE WHEN i % 3 = 0 THEN 'rural' ELSE 'urban' END)::area AS area
  FROM generate_series(1, 20000) AS i;
ANALYZE fgt_many;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF)
SELECT area, fgt_state_agg_household(income, members, 'national', area, '2025-06-01', members)
  FROM fgt_many GROUP BY area;
CREATE TABLE fgt_parallel AS
SELECT area, fgt_state_agg_household(income, members, 'national', area, '2025-06-01', members)::text AS state
  FROM fgt_many GROUP BY area;
RESET max_parallel_workers_per_gather;
SET max_parallel_workers_per_gather = 0;
SELECT p.area, p.state = fgt_state_agg_household(m.income, m.members, 'national', m.area, '2025-06-01', m.members)::text AS serial_equals_parallel,
       fgt_p0_household(m.income, m.members, 'national', m.area, '2025-06-01', m.members) AS p0
  FROM fgt_parallel AS p JOIN fgt_many AS m USING (area)
 GROUP BY p.area, p.state ORDER BY p.area;
RESET ALL;

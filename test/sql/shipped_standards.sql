-- The shipped standards as 0.3.0 corrects them (docs/standards.md gives the
-- source of every fact): the HCMC standard of the 2025 review (hcm-2024) at
-- its lines, in force for the city's 2025-2030 period, with its legal basis
-- and confidence.
SET search_path = povext, public;

-- hcm-2024 as shipped: two income bands, no middle line, to the end of 2030
SELECT code, scope, unit, rule, minimum_deprivations AS k, confidence, shipped, corrected
  FROM standard WHERE code = 'hcm-2024';
SELECT area, in_force, poor_line, near_poor_line, middle_line, confidence, shipped, corrected
  FROM standard_line WHERE standard = 'hcm-2024' ORDER BY area;
\x on
SELECT legal_basis, note FROM standard WHERE code = 'hcm-2024';
SELECT DISTINCT legal_basis AS line_legal_basis FROM standard_line WHERE standard = 'hcm-2024';
\x off

-- The bands of the 2025 review at their boundaries (VND per person per
-- year): poor at or below 46,000,000; near-poor above it and up to
-- 54,000,000; above that, not poor.
SELECT area, y, classify(y, '{}', 'hcm-2024', area) AS status,
       (explain_classification(y, '{}', 'hcm-2024', area)).matched_rule
  FROM unnest('{46000000,46000001,54000000,54000001}'::numeric[]) AS y,
       unnest('{urban,rural}'::area[]) AS area
 ORDER BY area, y;
-- ... the assumed rule (two_band): deprived in 3 of the 13 indicators, the
-- near-poor band is poor; deprivations do not matter outside the bands.
SELECT y, d, classify(y, d, 'hcm-2024', 'urban') AS status
  FROM unnest('{46000000,54000000,54000001}'::numeric[]) AS y,
       unnest('{"{}","{water,sanitation}","{water,sanitation,social_insurance}"}'::deprivations[]) AS d
 ORDER BY y, deprivation_count(d);

-- A review at the end of 2026 under scope hcmc: a household of 4 with
-- 200 million VND of income in the last 12 months (50 million a person)
SELECT e.standard, e.per_capita_income, e.poor_line, e.near_poor_line, e.matched_rule, e.status,
       classify(per_capita_income(200000000, 4, 'year'), '{health_insurance}', 'hcmc', 'urban', '2026-12-15') AS classify
  FROM explain_classification(per_capita_income(200000000, 4, 'year'), '{health_insurance}',
                              'hcmc', 'rural', '2026-12-15') AS e;
-- ... the standard in force at the edges of its period, and after it
SELECT on_date, area, (explain_classification(46000000, '{}', 'hcmc', area, on_date)).standard,
       classify(46000000, '{}', 'hcmc', area, on_date) AS status
  FROM unnest('{2024-09-30,2024-10-01,2025-12-31,2026-01-01,2026-12-15,2030-12-31}'::date[]) AS on_date,
       unnest('{urban,rural}'::area[]) AS area
 ORDER BY on_date, area;
SELECT classify(46000000, '{}', 'hcmc', 'urban', '2031-01-01');

-- vn-2022: its lines cite the amendment that keeps them in force in 2026
SELECT standard, area, in_force, legal_basis FROM standard_line WHERE standard = 'vn-2022' ORDER BY area;

-- Every correction left the rows shipped and not corrected, so that pg_dump
-- leaves them to CREATE EXTENSION
SELECT count(*) FILTER (WHERE shipped) AS shipped_rows, count(*) FILTER (WHERE corrected) AS corrected_rows
  FROM (SELECT shipped, corrected FROM standard UNION ALL SELECT shipped, corrected FROM standard_line) AS rows;

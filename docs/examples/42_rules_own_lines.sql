INSERT INTO standard (code, scope, name, unit, rule, minimum_deprivations, legal_basis, confidence)
VALUES ('band-test', 'band_test', 'Test', 'month', 'income_and_deprivation', 3, 'none', 'unknown');
INSERT INTO standard_line (standard, scope, area, in_force, poor_line, near_poor_line, middle_line, legal_basis, confidence)
VALUES ('band-test', 'band_test', 'urban', '[2025-01-01,)', 2000000, 2500000, NULL, 'none', 'unknown');
INSERT INTO standard_indicator (standard, indicator, weight_numerator, weight_denominator, confidence)
SELECT 'band-test', indicator, weight_numerator, weight_denominator, 'unknown'
  FROM standard_indicator WHERE standard = 'vn-2022';
SELECT y AS per_capita_income, e.poor_line, e.near_poor_line, e.matched_rule, e.status
  FROM unnest('{2000000,2200000,2600000}'::numeric[]) AS y,
       explain_classification(y, '{water,sanitation,telecom}', 'band-test', 'urban') AS e
 ORDER BY y;

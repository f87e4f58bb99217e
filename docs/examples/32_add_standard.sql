INSERT INTO standard (code, scope, name, unit, rule, minimum_deprivations, legal_basis, confidence, note)
VALUES ('vn-2027', 'national', 'Chuẩn nghèo đa chiều từ 2027', 'month', 'income_and_deprivation', 3,
        'NĐ 351/2025/NĐ-CP', 'unverified',
        'Lines from secondary sources; rule, near-poor and middle lines, and indicators not yet checked: copied from vn-2022.');
INSERT INTO standard_line (standard, scope, area, in_force, poor_line, near_poor_line, middle_line, legal_basis, confidence)
VALUES ('vn-2027', 'national', 'rural', '[2027-01-01,)', 2200000, 2200000, NULL, 'NĐ 351/2025/NĐ-CP', 'secondary'),
       ('vn-2027', 'national', 'urban', '[2027-01-01,)', 2800000, 2800000, NULL, 'NĐ 351/2025/NĐ-CP', 'secondary');
SELECT classify(2500000, '{water,sanitation,telecom}', 'vn-2027', 'urban');
INSERT INTO standard_indicator (standard, indicator, weight_numerator, weight_denominator, confidence)
SELECT 'vn-2027', indicator, weight_numerator, weight_denominator, 'unverified'
  FROM standard_indicator WHERE standard = 'vn-2022';
SELECT on_date, e.standard, e.poor_line, e.deprivation_count, e.matched_rule, e.status
  FROM unnest('{2026-12-31,2027-01-01}'::date[]) AS on_date,
       explain_classification(2500000, '{water,sanitation,telecom}', 'national', 'urban', on_date) AS e
 ORDER BY on_date;
UPDATE standard_line SET in_force = '[2026-07-01,)' WHERE standard = 'vn-2027' AND area = 'urban';
INSERT INTO standard_line (standard, scope, area, in_force, poor_line, near_poor_line, legal_basis, confidence)
VALUES ('vn-2022', 'hcmc', 'urban', '[2031-01-01,)', 1, 1, 'x', 'unverified');
INSERT INTO standard (code, scope, name, unit, rule, minimum_deprivations, legal_basis, confidence)
VALUES ('mpi-2030', 'international', 'x', 'year', 'weighted_score', NULL, 'x', 'unknown');

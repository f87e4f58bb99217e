DELETE FROM standard WHERE code = 'vn-2016';
DELETE FROM standard_line WHERE standard = 'vn-2016' AND area = 'rural';
TRUNCATE standard_indicator;
TRUNCATE indicator CASCADE;
INSERT INTO standard (code, scope, name, unit, rule, minimum_deprivations, legal_basis, confidence)
VALUES ('ward-pilot', 'ward_pilot', 'Pilot standard', 'month', 'two_band', 1, 'Ward decision 1/2025', 'unverified');
INSERT INTO standard_line (standard, scope, area, in_force, poor_line, near_poor_line, legal_basis, confidence)
VALUES ('ward-pilot', 'ward_pilot', 'urban', '[2025-01-01,)', 2500000, 3000000, 'Ward decision 1/2025', 'unverified');
INSERT INTO standard_indicator (standard, indicator, weight_numerator, weight_denominator, confidence)
VALUES ('ward-pilot', 'water', 1, 1, 'unverified');
DELETE FROM standard WHERE code = 'ward-pilot';
DELETE FROM standard_indicator WHERE standard = 'ward-pilot';
DELETE FROM standard_line WHERE standard = 'ward-pilot';
DELETE FROM standard WHERE code = 'ward-pilot';

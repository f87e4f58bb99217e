SELECT classify(1000000, '{}', 'national', 'urban');
SELECT classify(1000000, '{}', 'VN-2022', 'urban');
SELECT classify(1000000, '{}', 'ophi-mpi', 'urban');
SELECT classify(1000000, '{}', 'danang', 'urban', '2024-06-01');
SELECT classify(1000000, '{}', 'international', 'urban', '2024-06-01');
SELECT classify(1000000, '{}', 'national', 'urban', '2015-12-31');
INSERT INTO standard (code, scope, name, unit, rule, minimum_deprivations, legal_basis, confidence)
VALUES ('ward-pilot', 'ward_pilot', 'Pilot standard', 'month', 'two_band', 2, 'Ward decision 1/2025', 'unverified');
SELECT classify(1000000, '{}', 'ward-pilot', 'urban');
INSERT INTO standard_line (standard, scope, area, in_force, poor_line, near_poor_line, legal_basis, confidence)
VALUES ('ward-pilot', 'ward_pilot', 'urban', '[2025-01-01,)', 2500000, 3000000, 'Ward decision 1/2025', 'unverified');
SELECT classify(1000000, '{}', 'ward-pilot', 'rural');
SELECT classify(1000000, '{}', 'ward-pilot', 'urban');
SELECT classify(-1, '{}', 'vn-2022', 'urban');
SELECT classify('NaN', '{}', 'vn-2022', 'urban');
SELECT classify('Infinity', '{}', 'vn-2016', 'urban');
SELECT classify(1000000, '{}', 'vn-2022', 'suburban');
SELECT per_capita_income(-5, 4);
SELECT per_capita_income('Infinity', 4);
SELECT per_capita_income(90000000, 0);
SELECT per_capita_income(90000000, 4, 'week');

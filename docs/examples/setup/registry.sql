-- A registry of two wards of Quận 11 with four households, computed as of 2026-06-01,
-- and the review of both wards on that date.
SELECT povext.create_registry('district11', ARRAY['national', 'hcmc']);
UPDATE district11.registry_setting SET reference_date = '2026-06-01';
INSERT INTO district11.ward VALUES ('p05', 'Phường 5', 'Quận 11', 3120), ('p07', 'Phường 7', 'Quận 11', 2800);
INSERT INTO district11.household (code, ward, area, housing_durable, floor_area, clean_water,
                           hygienic_latrine, uses_telecom, has_information_device, household_income)
VALUES ('HH-001', 'p05', 'urban', true, 21, true, true, true, true, 66000000),
       ('HH-002', 'p05', 'urban', false, 40, true, false, true, true, 36000000),
       ('HH-003', 'p07', 'urban', true, 60, true, true, true, true, 400000000),
       ('HH-004', 'p07', 'urban', false, 12, false, true, true, false, 30000000);
INSERT INTO district11.member (person_id, household, name, birth_date, sex, working_capacity, disability,
                        health_insurance, attending_school, school_level_ok, employed,
                        works_for_wages, labour_contract, social_insurance,
                        stunted_or_underweight, income)
VALUES ('079080000001', 1, 'Nguyễn Văn An', '1980-03-02', 'male',   true,  false, true,  false, true,  true,  true,  false, false, false, NULL),
       ('079082000002', 1, 'Trần Thị Bình', '1982-07-15', 'female', true,  false, false, false, true,  false, false, NULL,  NULL,  false, NULL),
       ('079120000003', 1, 'Nguyễn Thị Chi', '2020-06-01', 'female', false, false, false, true,  true,  false, false, NULL,  NULL,  false, NULL),
       ('079150000004', 2, 'Lê Văn Dũng', '1950-01-20', 'male',   false, true,  true,  false, true,  false, false, NULL,  NULL,  false, NULL),
       ('079155000005', 2, 'Phạm Thị Em', '1955-09-09', 'female', false, false, true,  false, true,  false, false, NULL,  NULL,  false, NULL),
       ('079170000006', 3, 'Võ Văn Phúc', '1970-01-01', 'male',   true,  false, true,  false, true,  true,  true,  true,  true,  false, NULL),
       ('079172000007', 3, 'Đỗ Thị Giang', '1972-02-02', 'female', true,  false, true,  false, true,  true,  true,  true,  true,  false, NULL),
       ('079160000008', 4, 'Hồ Văn Hải', '1960-05-05', 'male',   true,  false, false, false, true,  false, false, NULL,  NULL,  false, NULL);
SELECT count(*) FROM povext.registry_review('district11', 'p05', '2026-06-01', 'regular', 'QĐ 12/QĐ-UBND');
SELECT count(*) FROM povext.registry_review('district11', 'p07', '2026-06-01', 'regular', 'QĐ 13/QĐ-UBND');

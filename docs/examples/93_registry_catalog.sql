SELECT povext.create_registry('ward_demo', ARRAY['hcmc']);
UPDATE ward_demo.registry_setting SET reference_date = '2026-06-01';
INSERT INTO ward_demo.ward VALUES ('p05', 'Phường 5', 'Quận 11', 3120);
INSERT INTO ward_demo.household (code, ward, area, housing_durable, floor_area, clean_water,
                                 hygienic_latrine, uses_telecom, has_information_device, household_income)
VALUES ('HH-001', 'p05', 'urban', true, 20, true, true, true, true, 36000000);
INSERT INTO ward_demo.member (person_id, household, birth_date, sex) VALUES ('a', 1, '1980-01-01', 'male'),
                                                                           ('b', 1, '1982-01-01', 'female');
SELECT * FROM povext.registry;
-- A DBA corrects a cut-off: the household is recomputed in the same statement.
UPDATE povext.indicator_cutoff SET value = 10.5
 WHERE standard = 'hcm-2024' AND indicator = 'housing_area' AND parameter = 'min_m2_per_person';
SELECT standard, deprivations FROM ward_demo.household_status;
SELECT count(*) FROM povext.registry_check('ward_demo');

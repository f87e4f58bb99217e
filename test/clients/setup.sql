-- The data the client tests read: four households of one ward, with a
-- deprivations column (what a BI tool would reflect) and their incomes.
CREATE SCHEMA clients;
CREATE TABLE clients.household (
    id integer PRIMARY KEY,
    ward text NOT NULL,
    area povext.area NOT NULL,
    income numeric(14, 2) NOT NULL,    -- income of the 12 months, VND
    members integer NOT NULL,
    deprivations povext.deprivations NOT NULL
);
INSERT INTO clients.household VALUES
    (1, 'P01', 'urban', 40000000, 4, '{health_insurance,housing_area,sanitation}'),
    (2, 'P01', 'urban', 60000000, 3, '{water}'),
    (3, 'P01', 'rural', 30000000, 5, '{}'),
    (4, 'P01', 'urban', 250000000, 4, '{}');

-- A registry of two wards (its report views are what BI tools read).
SELECT povext.create_registry('clientreg', ARRAY['national', 'hcmc']);
UPDATE clientreg.registry_setting SET reference_date = '2026-06-01';
INSERT INTO clientreg.ward VALUES ('P01', 'Phường 1', 'Quận 11', 400), ('P02', 'Phường 2', 'Quận 11', 300);
INSERT INTO clientreg.household (code, ward, area, housing_durable, floor_area, clean_water,
                                 hygienic_latrine, uses_telecom, has_information_device, household_income)
VALUES ('H1', 'P01', 'urban', true, 21, true, true, true, true, 66000000),
       ('H2', 'P01', 'urban', false, 40, false, false, true, true, 600000000),
       ('H3', 'P02', 'urban', true, 60, true, true, true, true, 30000000);
INSERT INTO clientreg.member (person_id, household, birth_date, sex, working_capacity, disability,
                              health_insurance, attending_school, school_level_ok, employed,
                              works_for_wages, labour_contract, social_insurance, stunted_or_underweight)
SELECT 'p' || h.id || '-' || i, h.id, date '1980-01-01' + i * 400, 'female', true, false, true, false, true,
       true, true, true, true, false
  FROM clientreg.household AS h, generate_series(1, 3) AS i;

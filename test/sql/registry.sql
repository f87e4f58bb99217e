-- The household registry: derivation of deprivations, per-capita income and
-- status from members and household answers, kept by triggers.
\set SHOW_CONTEXT never
SELECT povext.create_registry('reg', ARRAY['national', 'hcmc']);
-- a fixed reference date: ages and standards are taken at it
UPDATE reg.registry_setting SET reference_date = '2026-06-01';
INSERT INTO reg.ward VALUES ('w1', 'Phường 1', 'Quận 11', 500);

-- Every fact known and no deprivation, unless a row below says otherwise.
CREATE FUNCTION pg_temp.add_household(code text, floor_area numeric, income numeric,
                                      area povext.area DEFAULT 'urban') RETURNS bigint
    LANGUAGE sql AS $$
    INSERT INTO reg.household (code, ward, area, housing_durable, floor_area, clean_water,
                               hygienic_latrine, uses_telecom, has_information_device, household_income)
    VALUES (code, 'w1', area, true, floor_area, true, true, true, true, income) RETURNING id
$$;
CREATE FUNCTION pg_temp.add_member(person text, household_code text, birth date,
                                   income numeric DEFAULT NULL) RETURNS void
    LANGUAGE sql AS $$
    INSERT INTO reg.member (person_id, household, birth_date, sex, working_capacity, disability,
                            health_insurance, attending_school, school_level_ok, employed,
                            works_for_wages, labour_contract, social_insurance,
                            stunted_or_underweight, income)
    SELECT person, h.id, birth, 'male', true, false, true, birth > '2008-06-01', true, birth <= '2008-06-01',
           false, NULL, true, false, income
      FROM reg.household AS h WHERE h.code = household_code
$$;
CREATE VIEW pg_temp.statuses AS
    SELECT h.code, h.members, h.per_capita_income_year, h.computed_at,
           s.scope, s.standard, s.deprivations, s.undetermined, s.status
      FROM reg.household AS h LEFT JOIN reg.household_status AS s ON s.household = h.id
     ORDER BY h.code, s.scope;

-- A household without members has no status.
SELECT pg_temp.add_household('empty', 40, 0) IS NOT NULL AS added;
SELECT * FROM pg_temp.statuses WHERE code = 'empty';

-- Incomes exactly at the lines: 72,000,000 a year for 3 members is 2,000,000
-- a month (the urban vn-2022 line: at or below it is poor or near-poor) and
-- 24,000,000 a year (at or below hcm-2024's 46,000,000).  One đồng more per
-- household is above the national line.
SELECT pg_temp.add_household('at_line', 24, 72000000) IS NOT NULL AS added;
SELECT pg_temp.add_household('above_line', 24, 72000001) IS NOT NULL AS added;
SELECT pg_temp.add_member(c || i, c, date '1980-01-01' + i)
  FROM unnest(ARRAY['at_line', 'above_line']) AS c, generate_series(1, 3) AS i;
SELECT * FROM pg_temp.statuses WHERE code IN ('at_line', 'above_line');

-- Floor area exactly 8 m² per person is not deprived nationally; under it is.
-- HCMC's shipped cut-off is 6 m².
SELECT pg_temp.add_household('area_8', 16, 0) IS NOT NULL AS added;
SELECT pg_temp.add_household('area_7.99', 15.98, 0) IS NOT NULL AS added;
SELECT pg_temp.add_member(c || i, c, date '1990-01-01')
  FROM unnest(ARRAY['area_8', 'area_7.99']) AS c, generate_series(1, 2) AS i;
SELECT code, scope, deprivations, status FROM pg_temp.statuses WHERE code LIKE 'area%';

-- Ages on the reference date: a child aged exactly 6 without health insurance
-- deprives the household, one a day short of 6 does not.
SELECT pg_temp.add_household('six', 100, 600000000) IS NOT NULL AS added;
SELECT pg_temp.add_household('five', 100, 600000000) IS NOT NULL AS added;
SELECT pg_temp.add_member('six_adult', 'six', '1990-01-01'), pg_temp.add_member('six_child', 'six', '2020-06-01'),
       pg_temp.add_member('five_adult', 'five', '1990-01-01'), pg_temp.add_member('five_child', 'five', '2020-06-02');
UPDATE reg.member SET health_insurance = false WHERE person_id IN ('six_child', 'five_child');
SELECT code, scope, deprivations, status FROM pg_temp.statuses WHERE code IN ('six', 'five');
-- The next day the second child is 6 too: recomputing as of then shows it,
-- and the check compares with the reference date again.
SELECT povext.registry_recompute('reg', '2026-06-02');
SELECT code, scope, deprivations, computed_at FROM pg_temp.statuses WHERE code = 'five';
SELECT household, stored, computed FROM povext.registry_check('reg') ORDER BY household LIMIT 1;
SELECT povext.registry_recompute('reg', only_due => true);
SELECT count(*) FROM povext.registry_check('reg');

-- A student of working age is outside the labour force, not unemployed; the
-- same member out of school and without work is.
SELECT pg_temp.add_household('student', 100, 600000000) IS NOT NULL AS added;
SELECT pg_temp.add_member('student_adult', 'student', '1990-01-01'), pg_temp.add_member('student_16', 'student', '2010-01-01');
SELECT code, scope, deprivations FROM pg_temp.statuses WHERE code = 'student';
UPDATE reg.member SET attending_school = false WHERE person_id = 'student_16';
SELECT code, scope, deprivations FROM pg_temp.statuses WHERE code = 'student';

-- NULLs.  A missing answer makes its indicator undetermined; the status is
-- NULL only when the undetermined indicators could change it.  A household
-- income of NULL is the sum of the members' incomes, unknown if one is.
SELECT pg_temp.add_household('unknown', 100, NULL) IS NOT NULL AS added;
SELECT pg_temp.add_member('unknown_1', 'unknown', '1990-01-01', 12000000),
       pg_temp.add_member('unknown_2', 'unknown', '1991-01-01', 12000000);
SELECT code, scope, per_capita_income_year, deprivations, undetermined, status
  FROM pg_temp.statuses WHERE code = 'unknown';
UPDATE reg.household SET housing_durable = NULL, clean_water = false, hygienic_latrine = false
 WHERE code = 'unknown';
SELECT code, scope, per_capita_income_year, deprivations, undetermined, status
  FROM pg_temp.statuses WHERE code = 'unknown';
UPDATE reg.member SET income = NULL WHERE person_id = 'unknown_2';
SELECT code, scope, per_capita_income_year, deprivations, undetermined, status
  FROM pg_temp.statuses WHERE code = 'unknown';

-- One statement touching several households recomputes each once; a member
-- moving between households changes both.
UPDATE reg.member SET household = (SELECT id FROM reg.household WHERE code = 'six')
 WHERE person_id = 'five_adult';
SELECT code, members, scope, deprivations, status FROM pg_temp.statuses WHERE code IN ('six', 'five');
DELETE FROM reg.member WHERE person_id IN ('five_child', 'six_child');
SELECT code, members, scope, deprivations, status FROM pg_temp.statuses WHERE code IN ('six', 'five');

-- Derived columns written by hand are put right.
UPDATE reg.household SET members = 99, per_capita_income_year = 1 WHERE code = 'at_line';
INSERT INTO reg.household (code, ward, area, members) VALUES ('by_hand', 'w1', 'urban', 5);
SELECT code, members, per_capita_income_year FROM reg.household WHERE code IN ('at_line', 'by_hand') ORDER BY code;

-- A cut-off is data: a DBA's change recomputes the affected households in
-- the same statement (registry_catalog tests every catalog table), so
-- registry_check lists none and registry_recompute has nothing to write.
UPDATE povext.indicator_cutoff SET value = 7.99
 WHERE standard = 'vn-2022' AND indicator = 'housing_area' AND parameter = 'min_m2_per_person';
SELECT h.code, c.computed FROM povext.registry_check('reg') AS c JOIN reg.household AS h ON h.id = c.household;
SELECT povext.registry_recompute('reg', only_due => true);
SELECT code, scope, deprivations FROM pg_temp.statuses WHERE code LIKE 'area%' AND scope = 'national';
UPDATE povext.indicator_cutoff SET value = 8
 WHERE standard = 'vn-2022' AND indicator = 'housing_area' AND parameter = 'min_m2_per_person';
SELECT povext.registry_recompute('reg');
SELECT shipped, corrected FROM povext.indicator_cutoff
 WHERE standard = 'vn-2022' AND indicator = 'housing_area';

-- The triggers and functions do not depend on the caller's search_path.
CREATE SCHEMA evil;
CREATE FUNCTION evil.unnest(anyarray) RETURNS SETOF anyelement LANGUAGE sql AS 'SELECT NULL';
SET search_path = evil, public;
UPDATE reg.member SET income = 1 WHERE person_id = 'unknown_2';
SELECT povext.registry_recompute('reg');
SELECT count(*) FROM povext.registry_check('reg');
RESET search_path;
DROP FUNCTION evil.unnest(anyarray);
DROP SCHEMA evil;

-- Errors.
\set VERBOSITY sqlstate
-- member of a missing household
INSERT INTO reg.member (person_id, household, birth_date) VALUES ('ghost', -1, '2000-01-01');
-- negative incomes and areas
UPDATE reg.member SET income = -1 WHERE person_id = 'unknown_1';
UPDATE reg.household SET household_income = -1 WHERE code = 'unknown';
UPDATE reg.household SET floor_area = -1 WHERE code = 'unknown';
UPDATE reg.household SET household_income = 'NaN' WHERE code = 'unknown';
-- a member in two households
SELECT pg_temp.add_member('unknown_1', 'six', '1990-01-01');
-- a household with members
DELETE FROM reg.household WHERE code = 'unknown';
\set VERBOSITY default
-- birth date after the reference date
SELECT pg_temp.add_member('unborn', 'unknown', '2026-06-02');
-- a household with history cannot be deleted, and history is append-only
INSERT INTO reg.status_history (household, standard, status, recognised_on, review_kind, decision_ref)
SELECT id, 'vn-2022', 'poor', '2025-12-01', 'periodic', 'QĐ 1/2025' FROM reg.household WHERE code = 'empty';
\set VERBOSITY sqlstate
DELETE FROM reg.household WHERE code = 'empty';
\set VERBOSITY default
UPDATE reg.status_history SET status = 'near_poor';
DELETE FROM reg.status_history;
TRUNCATE reg.status_history;
-- registry functions
SELECT povext.registry_check('no_such_schema');
SELECT povext.registry_recompute('public');
SELECT povext.create_registry('reg2', ARRAY['nowhere']);
SELECT povext.create_registry('reg2', ARRAY[]::text[]);

-- A household without history can be deleted with its members gone.
DELETE FROM reg.member WHERE household = (SELECT id FROM reg.household WHERE code = 'above_line');
DELETE FROM reg.household WHERE code = 'above_line';
SELECT count(*) FROM reg.household_status AS s
 WHERE NOT EXISTS (SELECT FROM reg.household AS h WHERE h.id = s.household);

-- The registry is consistent at the end.
SELECT * FROM povext.registry_check('reg');
DROP VIEW pg_temp.statuses;
SET client_min_messages = warning;
DROP SCHEMA reg CASCADE;

-- A change of povext's catalog (standard, standard_line, standard_indicator,
-- indicator_cutoff) recomputes the registry households it affects, in the
-- same statement; registry_check is empty after each change.
\set SHOW_CONTEXT never
SET client_min_messages = warning;
-- a DBA's own scope, so that every row can be inserted, changed and deleted
INSERT INTO povext.standard (code, scope, name, unit, rule, minimum_deprivations, legal_basis, confidence)
VALUES ('dist-1', 'district', 'District test standard', 'month', 'income_and_deprivation', 1, 'test', 'unknown');
INSERT INTO povext.standard_indicator (standard, indicator, weight_numerator, weight_denominator, confidence)
VALUES ('dist-1', 'water', 1, 1, 'unknown');
SELECT povext.create_registry('rc', ARRAY['national', 'hcmc', 'district']);
SELECT povext.create_registry('rc_national', ARRAY['national']);
UPDATE rc.registry_setting SET reference_date = '2026-06-01';
UPDATE rc_national.registry_setting SET reference_date = '2026-06-01';
SELECT * FROM povext.registry WHERE schema_name LIKE 'rc%' ORDER BY 1;
INSERT INTO rc.ward VALUES ('w1', 'Ward 1', 'District 1', 10);
INSERT INTO rc.household (code, ward, area, housing_durable, floor_area, clean_water, hygienic_latrine,
                          uses_telecom, has_information_device, household_income)
VALUES ('small', 'w1', 'urban', true, 20, true, true, true, true, 36000000),
       ('rural', 'w1', 'rural', true, 90, true, true, true, true, 30000000),
       ('empty', 'w1', 'urban', true, 10, true, true, true, true, NULL);
INSERT INTO rc.member (person_id, household, birth_date, sex, working_capacity, disability, health_insurance,
                       attending_school, school_level_ok, employed, works_for_wages, labour_contract,
                       social_insurance, stunted_or_underweight)
SELECT p, h.id, '1980-01-01', 'male', true, false, true, false, true, true, false, NULL, true, false
  FROM (VALUES ('a', 'small'), ('b', 'small'), ('c', 'rural')) AS v(p, code)
  JOIN rc.household AS h ON h.code = v.code;
CREATE VIEW pg_temp.statuses AS
    SELECT h.code, s.scope, s.standard, s.deprivations, s.undetermined, s.status
      FROM rc.household AS h JOIN rc.household_status AS s ON s.household = h.id
     WHERE s.scope <> 'national'
     ORDER BY h.code, s.scope;
CREATE FUNCTION pg_temp.stale() RETURNS bigint LANGUAGE sql AS $$
    SELECT (SELECT count(*) FROM povext.registry_check('rc')) + (SELECT count(*) FROM povext.registry_check('rc_national'))
$$;
SELECT * FROM pg_temp.statuses;

-- standard_line: INSERT puts households of the area under the new standard
INSERT INTO povext.standard_line (standard, scope, area, in_force, poor_line, near_poor_line, legal_basis, confidence)
VALUES ('dist-1', 'district', 'urban', '[2026-01-01,)', 1000000, 1500000, 'test', 'unknown');
SELECT * FROM pg_temp.statuses WHERE scope = 'district';
SELECT pg_temp.stale();
-- UPDATE of a line: the urban households under dist-1 (36,000,000 a year for two is 1,500,000 a month)
UPDATE povext.standard_line SET poor_line = 1500000 WHERE standard = 'dist-1';
SELECT * FROM pg_temp.statuses WHERE scope = 'district';
SELECT pg_temp.stale();
-- UPDATE of the period of force: the standard is no longer in force on the reference date
UPDATE povext.standard_line SET in_force = '[2027-01-01,)' WHERE standard = 'dist-1';
SELECT * FROM pg_temp.statuses WHERE scope = 'district';
SELECT pg_temp.stale();
UPDATE povext.standard_line SET in_force = '[2026-01-01,)' WHERE standard = 'dist-1';
SELECT * FROM pg_temp.statuses WHERE scope = 'district';

-- standard_indicator: INSERT of an indicator without cut-offs (undetermined); DELETE below
INSERT INTO povext.standard_indicator (standard, indicator, weight_numerator, weight_denominator, confidence)
VALUES ('dist-1', 'housing_area', 1, 1, 'unknown');
SELECT * FROM pg_temp.statuses WHERE scope = 'district';
SELECT pg_temp.stale();
-- indicator_cutoff: INSERT (10 m² a person: 20 m² for two is deprived), UPDATE, DELETE
INSERT INTO povext.indicator_cutoff (standard, indicator, parameter, value, legal_basis, confidence)
VALUES ('dist-1', 'housing_area', 'min_m2_per_person', 10.5, 'test', 'unknown');
SELECT * FROM pg_temp.statuses WHERE scope = 'district';
SELECT pg_temp.stale();
UPDATE povext.indicator_cutoff SET value = 9 WHERE standard = 'dist-1';
SELECT * FROM pg_temp.statuses WHERE scope = 'district';
SELECT pg_temp.stale();
DELETE FROM povext.indicator_cutoff WHERE standard = 'dist-1';
SELECT * FROM pg_temp.statuses WHERE scope = 'district';
SELECT pg_temp.stale();
INSERT INTO povext.indicator_cutoff (standard, indicator, parameter, value, legal_basis, confidence)
VALUES ('dist-1', 'housing_area', 'min_m2_per_person', 10.5, 'test', 'unknown');
-- standard: UPDATE of K (one deprivation is no longer enough)
UPDATE povext.standard SET minimum_deprivations = 2 WHERE code = 'dist-1';
SELECT * FROM pg_temp.statuses WHERE scope = 'district';
SELECT pg_temp.stale();
-- a change the registry does not depend on writes nothing
UPDATE povext.standard SET note = 'a note' WHERE code = 'dist-1';
SELECT pg_temp.stale();
DELETE FROM povext.indicator_cutoff WHERE standard = 'dist-1';
DELETE FROM povext.standard_indicator WHERE standard = 'dist-1' AND indicator = 'housing_area';
SELECT * FROM pg_temp.statuses WHERE scope = 'district';
SELECT pg_temp.stale();
-- DELETE of the line, then of the standard, and INSERT of a standard without lines
DELETE FROM povext.standard_line WHERE standard = 'dist-1';
SELECT * FROM pg_temp.statuses WHERE scope = 'district';
SELECT pg_temp.stale();
DELETE FROM povext.standard_indicator WHERE standard = 'dist-1';
DELETE FROM povext.standard WHERE code = 'dist-1';
INSERT INTO povext.standard (code, scope, name, unit, rule, minimum_deprivations, legal_basis, confidence)
VALUES ('dist-2', 'district', 'Second', 'month', 'two_band', 1, 'test', 'unknown');
SELECT pg_temp.stale();

-- A shipped cut-off corrected by the DBA (HCMC housing area 6 -> 10.5 m²)
UPDATE povext.indicator_cutoff SET value = 10.5
 WHERE standard = 'hcm-2024' AND indicator = 'housing_area' AND parameter = 'min_m2_per_person';
SELECT * FROM pg_temp.statuses WHERE scope = 'hcmc';
SELECT pg_temp.stale();

-- A registry that defers: the change waits for registry_recompute(only_due => true)
UPDATE rc.registry_setting SET recompute_on_catalog_change = false;
UPDATE povext.indicator_cutoff SET value = 6
 WHERE standard = 'hcm-2024' AND indicator = 'housing_area' AND parameter = 'min_m2_per_person';
SELECT h.code FROM povext.registry_check('rc') AS c JOIN rc.household AS h ON h.id = c.household;
SELECT povext.registry_recompute('rc', only_due => true);
SELECT pg_temp.stale();
UPDATE rc.registry_setting SET recompute_on_catalog_change = true;

-- A catalog maintainer needs no privilege on the registries: each affected
-- registry is recomputed as its owner, so row-level security for other roles
-- hides nothing from it (this household table's policy shows the maintainer
-- urban households only).
CREATE ROLE registry_catalog_maintainer;
GRANT UPDATE ON povext.indicator_cutoff TO registry_catalog_maintainer;
ALTER TABLE rc.household ENABLE ROW LEVEL SECURITY;
CREATE POLICY urban_only ON rc.household TO registry_catalog_maintainer USING (area = 'urban');
SET ROLE registry_catalog_maintainer;
UPDATE povext.indicator_cutoff SET value = 10.5
 WHERE standard = 'hcm-2024' AND indicator = 'housing_area' AND parameter = 'min_m2_per_person';
RESET ROLE;
SELECT pg_temp.stale();
SELECT * FROM pg_temp.statuses WHERE scope = 'hcmc';
-- An owner who cannot recompute the registry: an error naming it, never a
-- stale registry (first a missing privilege, then row-level security forced
-- on the owner).  A registry the change does not affect (rc_national follows
-- no hcmc standard) is not checked.
CREATE ROLE registry_catalog_owner;
ALTER TABLE rc.household OWNER TO registry_catalog_owner;
SET ROLE registry_catalog_maintainer;
UPDATE povext.indicator_cutoff SET value = 10
 WHERE standard = 'hcm-2024' AND indicator = 'housing_area' AND parameter = 'min_m2_per_person';
RESET ROLE;
GRANT USAGE ON SCHEMA rc TO registry_catalog_owner;
GRANT SELECT ON rc.registry_setting, rc.member TO registry_catalog_owner;
GRANT SELECT, INSERT, UPDATE, DELETE ON rc.household_status TO registry_catalog_owner;
ALTER TABLE rc.household FORCE ROW LEVEL SECURITY;
SET ROLE registry_catalog_maintainer;
UPDATE povext.indicator_cutoff SET value = 10
 WHERE standard = 'hcm-2024' AND indicator = 'housing_area' AND parameter = 'min_m2_per_person';
RESET ROLE;
ALTER TABLE rc.household NO FORCE ROW LEVEL SECURITY;
SET ROLE registry_catalog_maintainer;
UPDATE povext.indicator_cutoff SET value = 10
 WHERE standard = 'hcm-2024' AND indicator = 'housing_area' AND parameter = 'min_m2_per_person';
RESET ROLE;
ALTER TABLE rc.household OWNER TO CURRENT_USER;
ALTER TABLE rc.household DISABLE ROW LEVEL SECURITY;
SELECT pg_temp.stale();

-- The member trigger: a statement that must recompute a household row-level
-- security hides (a member moved into it) fails instead of skipping it.
ALTER TABLE rc.household ENABLE ROW LEVEL SECURITY;
GRANT USAGE ON SCHEMA rc TO registry_catalog_maintainer;
GRANT SELECT, UPDATE ON rc.household TO registry_catalog_maintainer;
GRANT SELECT, UPDATE ON rc.member TO registry_catalog_maintainer;
GRANT SELECT ON rc.registry_setting TO registry_catalog_maintainer;
GRANT SELECT, INSERT, UPDATE, DELETE ON rc.household_status TO registry_catalog_maintainer;
SET ROLE registry_catalog_maintainer;
UPDATE rc.member SET household = (SELECT id FROM rc.household WHERE code = 'small') WHERE person_id = 'c';
SELECT count(*) FROM rc.household;
RESET ROLE;
SELECT h.code, m.person_id FROM rc.member AS m JOIN rc.household AS h ON h.id = m.household ORDER BY 2;
ALTER TABLE rc.household DISABLE ROW LEVEL SECURITY;
DROP POLICY urban_only ON rc.household;

-- Listing a schema as a registry is for its owner
SET ROLE registry_catalog_maintainer;
DELETE FROM povext.registry WHERE schema_name = 'rc';
INSERT INTO povext.registry VALUES ('pg_catalog');
RESET ROLE;

-- A dropped registry does not stop catalog changes; its row serves a new
-- registry of the same name
DROP SCHEMA rc_national CASCADE;
UPDATE povext.indicator_cutoff SET value = 6
 WHERE standard = 'hcm-2024' AND indicator = 'housing_area' AND parameter = 'min_m2_per_person';
SELECT * FROM pg_temp.statuses WHERE scope = 'hcmc';
SELECT povext.create_registry('rc_national', ARRAY['national']);
SELECT * FROM povext.registry WHERE schema_name LIKE 'rc%' ORDER BY 1;
SELECT pg_temp.stale();

DROP SCHEMA rc, rc_national CASCADE;
DELETE FROM povext.registry WHERE schema_name IN ('rc', 'rc_national');
DELETE FROM povext.standard WHERE scope = 'district';
DROP OWNED BY registry_catalog_maintainer, registry_catalog_owner;
DROP ROLE registry_catalog_maintainer, registry_catalog_owner;

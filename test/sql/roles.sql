-- Roles and row-level security (issue 9): what each role can and cannot
-- read or write through tables, views and functions; no path shows a ward
-- officer another ward's rows.  The registry is set up by a database owner
-- that is not a superuser (CREATEROLE and CREATE on the database only).
\set SHOW_CONTEXT never
\set VERBOSITY terse
CREATE ROLE regress_district_admin CREATEROLE;
SELECT format('GRANT CREATE ON DATABASE %I TO regress_district_admin', current_database()) \gexec
SET ROLE regress_district_admin;
\set registry rl
\i test/sql/two_wards.inc

-- Without the grant option on the catalog, the admin cannot make a catalog
-- maintainer; the registry's roles it can.
SELECT * FROM povext.setup_roles('rl', catalog_maintainer => 'regress_catalog');
SELECT * FROM povext.setup_roles('rl', ward_officer => 'regress_officer', analyst => 'regress_analyst', bi_reader => 'regress_bi');
CREATE ROLE regress_officer_a IN ROLE regress_officer;
CREATE ROLE regress_officer_b IN ROLE regress_officer;
CREATE ROLE regress_officer_none IN ROLE regress_officer;
INSERT INTO rl.ward_assignment VALUES ('regress_officer_a', 'p05'), ('regress_officer_b', 'p07'), ('regress_no_such_role', 'p07');
UPDATE rl.report_setting SET min_cell_count = 2;
-- reviews are the district's: the owner runs them
SELECT count(*) FROM povext.registry_review('rl', 'p05', '2026-06-01', 'regular', 'QĐ 12');
SELECT count(*) FROM povext.registry_review('rl', 'p07', '2026-06-01', 'regular', 'QĐ 13');
RESET ROLE;
-- only another role's registry
SET ROLE regress_officer_a;
SELECT * FROM povext.setup_roles('rl', analyst => 'regress_analyst');
RESET ROLE;
-- the role that created the extension grants the catalog maintainer's rights
SELECT * FROM povext.setup_roles(NULL, catalog_maintainer => 'regress_catalog');
SELECT * FROM povext.setup_roles(NULL, ward_officer => 'regress_officer');

-- Ward officer of p05: tables
SET ROLE regress_officer_a;
SELECT code, name FROM rl.ward ORDER BY code;
SELECT household, transition FROM rl.status_history ORDER BY id;
SELECT code, ward FROM rl.household ORDER BY id;
SELECT person_id, household FROM rl.member ORDER BY person_id;
SELECT household, scope, status FROM rl.household_status ORDER BY household, scope;
SELECT role_name, ward FROM rl.ward_assignment;
-- views
SELECT ward, level, scope, households_total, households, poor_households FROM rl.report_ward ORDER BY scope, level DESC, ward;
SELECT DISTINCT ward FROM rl.report_household;
SELECT DISTINCT ward, level FROM rl.report_indicator ORDER BY 1;
SELECT ward, level, scope, households, poor_households FROM rl.report_mpi ORDER BY scope, level DESC, ward;
SELECT DISTINCT ward, level FROM rl.report_mpi_contribution ORDER BY 1;
SELECT ward, level, decision_ref, scope, transition, households FROM rl.report_transition ORDER BY scope, transition, level DESC;
SELECT scope, measure, households_total, poor_households FROM rl.report_target ORDER BY scope, measure;
SELECT * FROM rl.report_ward_suppressed;
SELECT * FROM rl.report_ward_rows();
-- functions
SELECT household, code, scope FROM povext.registry_review_candidates('rl') ORDER BY 1, 3;
SELECT household, code FROM povext.registry_review_candidates('rl', 'p07');
SELECT * FROM povext.registry_status_on('rl', 3, '2027-01-01');
SELECT scope, status FROM povext.registry_status_on('rl', 1, '2027-01-01') ORDER BY 1;
SELECT povext.registry_household_income('rl', 4) AS income_of_p07_household;
SELECT povext.registry_poor_group('rl', 4);
SELECT count(*) FROM povext.registry_escaped('rl', 12, '2027-01-01');
SELECT * FROM povext.registry_review('rl', 'p05', '2026-06-01', 'regular', 'QĐ 1');
-- aggregates over what the officer can read
SELECT count(*), povext.af_headcount_ratio(deprivations, standard, 3/12.0) FROM rl.household_status WHERE scope = 'national';
-- writes: own ward only
INSERT INTO rl.household (code, ward, area) VALUES ('HH-X', 'p07', 'urban');
UPDATE rl.household SET household_income = 1 WHERE ward = 'p07';
UPDATE rl.household SET ward = 'p07' WHERE code = 'HH-001';
DELETE FROM rl.member WHERE household = 3;
UPDATE rl.member SET income = 1 WHERE household IN (3, 4);
INSERT INTO rl.member (person_id, household, birth_date, sex) VALUES ('079190000009', 3, '1990-01-01', 'male');
INSERT INTO rl.household_status (household, scope, standard, deprivations, undetermined, status, as_of)
VALUES (4, 'national', 'vn-2016', '{}', '{}', 'poor', '2026-06-01');
INSERT INTO rl.ward_assignment VALUES ('regress_officer_a', 'p07');
DELETE FROM rl.status_history;
UPDATE povext.standard SET note = 'x' WHERE code = 'vn-2022';
-- a new household of p05 and its member: the registry computes it as the officer
INSERT INTO rl.household (id, code, ward, area, housing_durable, floor_area, clean_water, hygienic_latrine,
                          uses_telecom, has_information_device, household_income)
VALUES (10, 'HH-010', 'p05', 'urban', true, 30, true, true, true, true, 20000000);
INSERT INTO rl.member (person_id, household, birth_date, sex, working_capacity, disability, health_insurance,
                       attending_school, school_level_ok, employed, works_for_wages, labour_contract,
                       social_insurance, stunted_or_underweight, income)
VALUES ('079190000010', 10, '1990-01-01', 'female', true, false, true, false, true, true, false, NULL, true, false, NULL);
SELECT household, scope, status FROM rl.household_status WHERE household = 10 ORDER BY scope;
RESET ROLE;

-- The stale households registry_check lists: the owner sees every ward's,
-- an officer only theirs (the check's prepared queries follow the role).
SET ROLE regress_district_admin;
UPDATE rl.registry_setting SET reference_date = '2026-07-01';
SELECT household FROM povext.registry_check('rl') ORDER BY 1;
SET ROLE regress_officer_b;
SELECT household FROM povext.registry_check('rl') ORDER BY 1;
SELECT povext.registry_recompute('rl');
SELECT code, computed_at FROM rl.household ORDER BY id;
SET ROLE regress_officer_a;
SELECT household FROM povext.registry_check('rl') ORDER BY 1;
SET ROLE regress_officer_none;
SELECT count(*) FROM rl.household;
SELECT count(*) FROM rl.report_ward;
SET ROLE regress_district_admin;
SELECT povext.registry_recompute('rl');
SELECT code, ward, computed_at FROM rl.household ORDER BY id;
RESET ROLE;

-- Analyst: the suppressed views, targets and settings; no household row.
SET ROLE regress_analyst;
SELECT ward, level, scope, households, poor_households, poor_rate_pct, suppressed
  FROM rl.report_ward_suppressed ORDER BY scope, level DESC, ward;
SELECT count(*) FROM rl.report_indicator_suppressed;
SELECT count(*) FROM rl.report_mpi_suppressed;
SELECT count(*) FROM rl.report_mpi_contribution_suppressed;
SELECT count(*) FROM rl.report_transition_suppressed;
SELECT count(*) FROM rl.report_target_suppressed;
SELECT count(*) FROM rl.target;
SELECT min_cell_count FROM rl.report_setting;
SELECT count(*) FROM rl.report_ward;
SELECT count(*) FROM rl.report_household;
SELECT count(*) FROM rl.mpi_state;
SELECT count(*) FROM rl.household;
SELECT count(*) FROM rl.member;
SELECT count(*) FROM rl.household_status;
SELECT count(*) FROM rl.ward;
SELECT count(*) FROM povext.registry_check('rl');
SELECT count(*) FROM povext.registry_review_candidates('rl');
UPDATE rl.report_setting SET min_cell_count = 1;
RESET ROLE;

-- BI reader: the suppressed views only.
SET ROLE regress_bi;
SELECT count(*) FROM rl.report_ward_suppressed;
SELECT count(*) FROM rl.report_target_suppressed;
SELECT count(*) FROM rl.target;
SELECT count(*) FROM rl.report_ward;
SELECT count(*) FROM rl.household;
RESET ROLE;

-- Catalog maintainer: the catalog, not the registry.
BEGIN;
SET ROLE regress_catalog;
UPDATE povext.label SET label = 'hộ nghèo theo chuẩn' WHERE kind = 'status' AND code = 'poor' AND language = 'vi';
INSERT INTO povext.label (kind, code, language, label) VALUES ('status', 'poor', 'fr', 'ménage pauvre');
UPDATE povext.indicator_cutoff SET value = 7 WHERE standard = 'vn-2022' AND indicator = 'housing_area';
SELECT label FROM povext.label WHERE kind = 'status' AND code = 'poor' ORDER BY language;
SELECT count(*) FROM rl.household;
ROLLBACK;

-- Errors of setup_roles
SELECT * FROM povext.setup_roles('no_such_schema', analyst => 'regress_analyst');
SELECT * FROM povext.setup_roles(NULL, analyst => 'regress_analyst');

-- Clean up
DROP SCHEMA rl CASCADE;
SELECT format('REVOKE CREATE ON DATABASE %I FROM regress_district_admin', current_database()) \gexec
DROP OWNED BY regress_catalog, regress_officer, regress_analyst, regress_bi;
DROP ROLE regress_officer_a, regress_officer_b, regress_officer_none, regress_officer, regress_analyst, regress_bi,
          regress_catalog, regress_district_admin;

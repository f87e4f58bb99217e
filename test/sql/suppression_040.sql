-- Small-cell suppression of indicator contributions (0.4.0): a row of
-- report_mpi_contribution_suppressed hides its censored headcount and
-- contribution (and the all_* twins) when the households poor and deprived
-- in its indicator, or in any indicator of its dimension, are 1..k-1, not
-- only when the poor households are.
\set SHOW_CONTEXT never
SELECT povext.create_registry('leak', ARRAY['national']);
UPDATE leak.registry_setting SET reference_date = '2026-06-01';
SELECT min_cell_count FROM leak.report_setting;
INSERT INTO leak.ward VALUES ('w1', 'Phường 1', 'Quận 11', 100);
-- 8 households deprived in housing_quality, housing_area, sanitation and
-- telecom; h1 and h2 also without clean water.
INSERT INTO leak.household (code, ward, area, housing_durable, floor_area, clean_water, hygienic_latrine,
                            uses_telecom, has_information_device, household_income)
SELECT 'h' || i, 'w1', 'urban', false, 5, i > 2, false, false, true, 12000000 FROM generate_series(1, 8) AS i;
INSERT INTO leak.member (person_id, household, birth_date, sex, working_capacity, disability, health_insurance,
                         attending_school, school_level_ok, employed, works_for_wages, labour_contract,
                         social_insurance, stunted_or_underweight, income)
SELECT 'p' || i, i, '1980-01-01', 'male', true, false, true, false, true, true, true, true, true, false, NULL
  FROM generate_series(1, 8) AS i;
SELECT indicator, households, deprived_households, deprived_share_pct, suppressed
  FROM leak.report_indicator_suppressed WHERE level = 'ward' AND indicator = 'water';
SELECT households, households_measured, poor_households, suppressed FROM leak.report_mpi_suppressed WHERE level = 'ward';
-- The leak: water's censored headcount was 25.00 (2 of the 8) and its
-- contribution 5.88, not suppressed; water_sanitation's contribution minus
-- sanitation's gave water's as well.
SELECT level, kind, code, poor_households, censored_headcount_pct, contribution_pct, suppressed,
       all_poor_households, all_censored_headcount_pct, all_contribution_pct
  FROM leak.report_mpi_contribution_suppressed
 WHERE code IN ('water', 'sanitation', 'water_sanitation', 'housing_area', 'housing')
 ORDER BY level DESC, kind, code;

-- A dimension row: h3 and h4 without health insurance, so 2 households are
-- poor and deprived in the health dimension.
UPDATE leak.member SET health_insurance = false WHERE household IN (3, 4);
SELECT kind, code, censored_headcount_pct, contribution_pct, suppressed, all_censored_headcount_pct, all_contribution_pct
  FROM leak.report_mpi_contribution_suppressed
 WHERE level = 'ward' AND code IN ('health', 'health_insurance', 'nutrition')
 ORDER BY kind, code;

-- The all_* columns: h9 to h11, whose health insurance is undetermined,
-- are counted there only; they lack clean water (water: 2 measured, 5 in
-- all) and h9, h10 an information device (information_access: 0 measured,
-- 2 in all).
INSERT INTO leak.household (code, ward, area, housing_durable, floor_area, clean_water, hygienic_latrine,
                            uses_telecom, has_information_device, household_income)
SELECT 'h' || i, 'w1', 'urban', false, 5, false, false, false, i = 11, 12000000 FROM generate_series(9, 11) AS i;
INSERT INTO leak.member (person_id, household, birth_date, sex, working_capacity, disability, health_insurance,
                         attending_school, school_level_ok, employed, works_for_wages, labour_contract,
                         social_insurance, stunted_or_underweight, income)
SELECT 'p' || i, i, '1980-01-01', 'male', true, false, NULL, false, true, true, true, true, true, false, NULL
  FROM generate_series(9, 11) AS i;
SELECT households, households_measured, poor_households, all_poor_households, suppressed
  FROM leak.report_mpi_suppressed WHERE level = 'ward';
-- The view: the counts (NULL on dimension rows) and each row's dimension.
SELECT kind, code, dimension, poor_households, poor_deprived_households, censored_headcount_pct, contribution_pct,
       all_poor_households, all_poor_deprived_households, all_censored_headcount_pct, all_contribution_pct
  FROM leak.report_mpi_contribution WHERE level = 'ward' ORDER BY kind, dimension, code;
SELECT kind, code, dimension, poor_households, poor_deprived_households, censored_headcount_pct, contribution_pct,
       suppressed, all_poor_households, all_poor_deprived_households, all_censored_headcount_pct, all_contribution_pct
  FROM leak.report_mpi_contribution_suppressed WHERE level = 'ward' ORDER BY kind, dimension, code;
-- The district rows (one ward) are suppressed alike.
SELECT count(*) FROM leak.report_mpi_contribution_suppressed AS w
  JOIN leak.report_mpi_contribution_suppressed AS d USING (scope, standard, kind, code)
 WHERE w.level = 'ward' AND d.level = 'district'
   AND (w.censored_headcount_pct, w.contribution_pct, w.suppressed, w.all_censored_headcount_pct, w.all_contribution_pct,
        w.poor_deprived_households, w.all_poor_deprived_households)
       IS NOT DISTINCT FROM
       (d.censored_headcount_pct, d.contribution_pct, d.suppressed, d.all_censored_headcount_pct, d.all_contribution_pct,
        d.poor_deprived_households, d.all_poor_deprived_households);
-- With k = 2 only a count of 1 is hidden, and there is none here:
-- everything is shown.
UPDATE leak.report_setting SET min_cell_count = 2;
SELECT count(*) FILTER (WHERE suppressed) AS suppressed, count(*) FILTER (WHERE contribution_pct IS NULL) AS hidden
  FROM leak.report_mpi_contribution_suppressed;
UPDATE leak.report_setting SET min_cell_count = 3;
SELECT kind, code, suppressed FROM leak.report_mpi_contribution_suppressed
 WHERE level = 'ward' AND suppressed ORDER BY kind, code;

-- The new columns are at the end, in the suppressed twin too.
SELECT a.attnum, a.attname, format_type(a.atttypid, a.atttypmod) AS type
  FROM pg_attribute AS a
 WHERE a.attrelid = 'leak.report_mpi_contribution_suppressed'::regclass AND a.attnum > 16
 ORDER BY a.attnum;

-- The suppressed view of a registry is replaced with its rows function's
-- owner and grants, and a user's view on it is kept (as the 0.4.0 update
-- does for the registries made before).
CREATE ROLE regress_sv_reader;
SELECT count(*) FROM povext.setup_roles('leak', bi_reader => 'regress_sv_reader');
CREATE VIEW public.leak_water AS
    SELECT level, code, contribution_pct FROM leak.report_mpi_contribution_suppressed WHERE code = 'water';
SELECT p.oid AS old_rows_function, p.proowner AS old_owner FROM pg_proc AS p
 WHERE p.oid = 'leak.report_mpi_contribution_rows()'::regprocedure \gset
SELECT povext.registry_create_mpi_contribution('leak');
SELECT p.oid <> :old_rows_function AS replaced, p.proowner = :old_owner AS same_owner, p.prosecdef,
       has_function_privilege('regress_sv_reader', p.oid, 'EXECUTE') AS reader_executes,
       (SELECT count(*) FROM aclexplode(p.proacl) AS a WHERE a.grantee = 0) AS public_grants
  FROM pg_proc AS p WHERE p.oid = 'leak.report_mpi_contribution_rows()'::regprocedure;
SELECT count(*) FROM pg_proc AS p WHERE p.pronamespace = 'leak'::regnamespace AND p.proname LIKE '%replaced';
SELECT has_table_privilege('regress_sv_reader', 'leak.report_mpi_contribution_suppressed', 'SELECT') AS reader_reads;
SET ROLE regress_sv_reader;
SELECT code, contribution_pct, suppressed FROM leak.report_mpi_contribution_suppressed
 WHERE level = 'ward' AND kind = 'indicator' AND code IN ('water', 'sanitation') ORDER BY code;
RESET ROLE;
SELECT * FROM public.leak_water ORDER BY level DESC;

DROP VIEW public.leak_water;
SET client_min_messages = warning;
DROP SCHEMA leak CASCADE;
RESET client_min_messages;
DELETE FROM povext.registry WHERE schema_name = 'leak';
DROP ROLE regress_sv_reader;

-- Defects found by adversarial review (0.2.0), each with the input that
-- showed it.  Every case here failed (or crashed the server) before its fix.
SET client_min_messages = warning;
CREATE ROLE povext_regress_untrusted;
RESET client_min_messages;
GRANT CREATE ON SCHEMA public TO povext_regress_untrusted;

-- 1. A user-defined moving aggregate plugs af_state_accum in, with an
-- inverse that returns a stored, compressed state (401 score rows): the
-- transition function must detoast it, not read compressed bytes.
SET ROLE povext_regress_untrusted;
CREATE TABLE big_state AS
-- (Every row is consistent: nutrition weighs 500 points, the other
-- indicators 1, 2, 4, ..., 128 and 245, and a row of score i is deprived in
-- the indicators of i's binary digits, or of 245 and i - 245's.)
SELECT format('{"standard": "ophi-mpi", "denominator": 1000, "indicators": ["nutrition", "school_attendance", '
              '"sanitation", "child_mortality", "years_of_schooling", "cooking_fuel", "drinking_water", '
              '"electricity", "housing", "assets"], "points": [500, 1, 2, 4, 8, 16, 32, 64, 128, 245], '
              '"scores": [%s]}',
              string_agg(format('[%s, 1, [0, %s, %s]]', i,
                                array_to_string(ARRAY(SELECT ((i - 245 * (i >= 256)::int) >> j) & 1
                                                        FROM generate_series(0, 7) AS j), ', '),
                                (i >= 256)::int),
                         ', ' ORDER BY i))::povext.af_state AS s
  FROM generate_series(0, 400) AS i;
SELECT pg_column_compression(s) IS NOT NULL AS compressed FROM big_state;
CREATE FUNCTION stored_state(povext.af_state, povext.deprivations, text) RETURNS povext.af_state
    LANGUAGE sql AS 'SELECT s FROM public.big_state';
CREATE AGGREGATE moving_af(povext.deprivations, text) (
    SFUNC = povext.af_state_accum, STYPE = povext.af_state,
    MSFUNC = povext.af_state_accum, MINVFUNC = stored_state, MSTYPE = povext.af_state);
SELECT i, povext.af_measures(moving_af('{nutrition}', 'ophi-mpi')
                             OVER (ORDER BY i ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING), 0.5)
  FROM generate_series(1, 4) AS i;
-- The same through af_state_combine, which merges in place.
CREATE FUNCTION stored_state(povext.af_state, povext.af_state) RETURNS povext.af_state
    LANGUAGE sql STRICT AS 'SELECT s FROM public.big_state';
CREATE AGGREGATE moving_af_merge(povext.af_state) (
    SFUNC = povext.af_state_combine, STYPE = povext.af_state,
    MSFUNC = povext.af_state_combine, MINVFUNC = stored_state, MSTYPE = povext.af_state);
SELECT i, povext.af_measures(moving_af_merge(format(
           '{"standard": "ophi-mpi", "denominator": 1000, "indicators": ["nutrition", "school_attendance", '
           '"sanitation", "child_mortality", "years_of_schooling", "cooking_fuel", "drinking_water", '
           '"electricity", "housing", "assets"], "points": [500, 1, 2, 4, 8, 16, 32, 64, 128, 245], '
           '"scores": [[500, %s, [%s, 0, 0, 0, 0, 0, 0, 0, 0, 0]]]}', i, i)::povext.af_state)
                             OVER (ORDER BY i ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING), 0.5)
  FROM generate_series(1, 4) AS i;
DROP AGGREGATE moving_af(povext.deprivations, text);
DROP AGGREGATE moving_af_merge(povext.af_state);
DROP FUNCTION stored_state(povext.af_state, povext.deprivations, text);
DROP FUNCTION stored_state(povext.af_state, povext.af_state);
DROP TABLE big_state;

-- 2. The same for sample_state: moving aggregates built from
-- sample_state_accum and sample_state_combine, with an inverse that returns
-- a stored state of 2,000 pairs, compressed, then out of line and not
-- compressed (storage external).
CREATE TABLE big_sample AS
SELECT povext.sample_state_agg(i % 10, 1) AS s FROM generate_series(1, 2000) AS i;
SELECT pg_column_compression(s) IS NOT NULL AS compressed FROM big_sample;
CREATE FUNCTION stored_sample(povext.sample_state, float8) RETURNS povext.sample_state
    LANGUAGE sql AS 'SELECT s FROM public.big_sample';
CREATE FUNCTION stored_sample(povext.sample_state, povext.sample_state) RETURNS povext.sample_state
    LANGUAGE sql AS 'SELECT s FROM public.big_sample';
CREATE AGGREGATE moving_sample(float8) (
    SFUNC = povext.sample_state_accum, STYPE = povext.sample_state,
    MSFUNC = povext.sample_state_accum, MINVFUNC = stored_sample, MSTYPE = povext.sample_state);
CREATE AGGREGATE moving_sample_merge(povext.sample_state) (
    SFUNC = povext.sample_state_combine, STYPE = povext.sample_state,
    MSFUNC = povext.sample_state_combine, MINVFUNC = stored_sample, MSTYPE = povext.sample_state);
SELECT i, povext.sample_quantile(s, 1) AS largest, povext.sample_median(s) AS median,
       round(povext.sample_gini(s)::numeric, 6) AS gini
  FROM (SELECT i, moving_sample(i * 100) OVER (ORDER BY i ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING) AS s
          FROM generate_series(1, 4) AS i) AS w;
ALTER TABLE big_sample ALTER COLUMN s SET STORAGE EXTERNAL;
TRUNCATE big_sample;
INSERT INTO big_sample SELECT povext.sample_state_agg(i % 10, 1) FROM generate_series(1, 2000) AS i;
SELECT pg_column_compression(s) IS NULL AS not_compressed FROM big_sample;
SELECT i, povext.sample_quantile(s, 1) AS largest, povext.sample_median(s) AS median,
       round(povext.sample_gini(s)::numeric, 6) AS gini
  FROM (SELECT i, moving_sample_merge(povext.sample_state_agg(i * 100))
                      OVER (ORDER BY i ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING) AS s
          FROM generate_series(1, 4) AS i GROUP BY i) AS w;
DROP AGGREGATE moving_sample(float8);
DROP AGGREGATE moving_sample_merge(povext.sample_state);
DROP FUNCTION stored_sample(povext.sample_state, float8);
DROP FUNCTION stored_sample(povext.sample_state, povext.sample_state);
DROP TABLE big_sample;

-- 3. The same for fgt_state, a value of fixed size stored plain (its type's
-- storage): built from fgt_state_accum and fgt_state_combine.
CREATE TABLE stored_fgt_state AS
SELECT povext.fgt_state_agg(i, 50) AS s FROM generate_series(1, 100) AS i;
CREATE FUNCTION stored_fgt(povext.fgt_state, float8, float8) RETURNS povext.fgt_state
    LANGUAGE sql AS 'SELECT s FROM public.stored_fgt_state';
CREATE FUNCTION stored_fgt(povext.fgt_state, povext.fgt_state) RETURNS povext.fgt_state
    LANGUAGE sql AS 'SELECT s FROM public.stored_fgt_state';
CREATE AGGREGATE moving_fgt(float8, float8) (
    SFUNC = povext.fgt_state_accum, STYPE = povext.fgt_state,
    MSFUNC = povext.fgt_state_accum, MINVFUNC = stored_fgt, MSTYPE = povext.fgt_state);
CREATE AGGREGATE moving_fgt_merge(povext.fgt_state) (
    SFUNC = povext.fgt_state_combine, STYPE = povext.fgt_state,
    MSFUNC = povext.fgt_state_combine, MINVFUNC = stored_fgt, MSTYPE = povext.fgt_state);
SELECT i, (povext.fgt_measures(s)).rows, povext.fgt_p0(s), povext.fgt_p1(s)
  FROM (SELECT i, moving_fgt(i * 10, 50) OVER (ORDER BY i ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING) AS s
          FROM generate_series(1, 4) AS i) AS w;
SELECT i, (povext.fgt_measures(s)).rows, povext.fgt_p0(s), povext.fgt_p1(s)
  FROM (SELECT i, moving_fgt_merge(povext.fgt_state_agg(i * 10, 50))
                      OVER (ORDER BY i ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING) AS s
          FROM generate_series(1, 4) AS i GROUP BY i) AS w;
DROP AGGREGATE moving_fgt(float8, float8);
DROP AGGREGATE moving_fgt_merge(povext.fgt_state);
DROP FUNCTION stored_fgt(povext.fgt_state, float8, float8);
DROP FUNCTION stored_fgt(povext.fgt_state, povext.fgt_state);
DROP TABLE stored_fgt_state;
RESET ROLE;

-- 4. Any role can make tables named like a registry's, of other column
-- types, in its temporary schema, and pass that schema to registry_check or
-- registry_recompute, or attach registry_refresh to its own table: the C
-- code read a bigint floor area as a numeric, an integer as the array of
-- scopes, an integer sex as text (server crash).  Each shape is refused.
SET ROLE povext_regress_untrusted;
CREATE FUNCTION pg_temp.outcome(query text) RETURNS text
    LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE query;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE || ': ' || regexp_replace(SQLERRM, 'pg_temp_[0-9]+', 'pg_temp');
END
$$;
CREATE TEMP TABLE registry_setting (followed_scopes integer, reference_date date);
INSERT INTO registry_setting VALUES (1, '2025-06-30');
SELECT pg_temp.outcome(format('SELECT * FROM povext.registry_check(%L)', pg_my_temp_schema()::regnamespace));
SELECT pg_temp.outcome(format('SELECT povext.registry_recompute(%L)', pg_my_temp_schema()::regnamespace));
DROP TABLE registry_setting;
CREATE TEMP TABLE registry_setting (followed_scopes text[], reference_date date);
INSERT INTO registry_setting VALUES ('{national}', '2025-06-30');
CREATE TEMP TABLE household (id bigint, area povext.area, housing_durable boolean, clean_water boolean,
    hygienic_latrine boolean, uses_telecom boolean, has_information_device boolean,
    floor_area bigint, household_income numeric, members integer, per_capita_income_year numeric,
    computed_at date);
CREATE TEMP TABLE member (person_id text, household bigint, birth_date date, sex integer,
    working_capacity boolean, disability boolean, health_insurance boolean, attending_school boolean,
    school_level_ok boolean, employed boolean, works_for_wages boolean, labour_contract boolean,
    social_insurance boolean, stunted_or_underweight boolean, income numeric);
CREATE TEMP TABLE household_status (household bigint, scope text, standard text,
    deprivations povext.deprivations, undetermined povext.deprivations, status povext.status, as_of date);
INSERT INTO household VALUES (1, 'urban', true, true, true, true, true, 4000000000, 1000, 0, NULL, NULL);
SELECT pg_temp.outcome(format('SELECT * FROM povext.registry_check(%L)', pg_my_temp_schema()::regnamespace));
ALTER TABLE household ALTER COLUMN floor_area TYPE numeric;
CREATE TRIGGER registry_member_insert AFTER INSERT ON member
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION povext.registry_refresh('member');
SELECT pg_temp.outcome($$INSERT INTO member (person_id, household, birth_date, sex)
                         VALUES ('p1', 1, '1980-01-01', 1)$$);
ALTER TABLE member ALTER COLUMN sex TYPE text;
SELECT pg_temp.outcome($$INSERT INTO member (person_id, household, birth_date, sex)
                         VALUES ('p1', 1, '1980-01-01', 'female')$$);
SELECT members, computed_at FROM household;
DROP TABLE registry_setting, household, member, household_status;
DROP FUNCTION pg_temp.outcome(text);
RESET ROLE;

-- 5. create_registry into a schema another role owns: that owner could
-- drop and replace the registry's tables (with triggers that run as whoever
-- writes to the registry); it was accepted.  A NULL name gave a syntax error.
CREATE SCHEMA squatted AUTHORIZATION povext_regress_untrusted;
SELECT povext.create_registry('squatted');
SELECT count(*) FROM pg_tables WHERE schemaname = 'squatted';
DROP SCHEMA squatted;
SELECT povext.create_registry(NULL);

-- 6. An infinite reference date was accepted: every member's age and the
-- standards in force were computed for it (no status at all, as of infinity).
SELECT povext.create_registry('infinite_reg');
INSERT INTO infinite_reg.ward VALUES ('w1', 'Ward 1');
INSERT INTO infinite_reg.household (ward, area, household_income) VALUES ('w1', 'urban', 12000000);
INSERT INTO infinite_reg.member (person_id, household, birth_date) VALUES ('p1', 1, '1980-01-01');
SELECT povext.registry_recompute('infinite_reg', 'infinity');
UPDATE infinite_reg.registry_setting SET reference_date = 'infinity';
SELECT * FROM povext.registry_check('infinite_reg');
INSERT INTO infinite_reg.member (person_id, household, birth_date) VALUES ('p2', 1, '1985-01-01');
DROP SCHEMA infinite_reg CASCADE;

REVOKE CREATE ON SCHEMA public FROM povext_regress_untrusted;
DROP ROLE povext_regress_untrusted;

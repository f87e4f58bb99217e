-- Database of the fuzz run: povext, tables of its types for sqlsmith (role
-- povext_smith, no superuser), and tables for the fuzzer's binary COPY input.
SET client_min_messages = warning;
CREATE EXTENSION povext CASCADE;

CREATE SCHEMA fuzz;
CREATE TABLE fuzz.bin_deprivations (v povext.deprivations);
CREATE TABLE fuzz.bin_af_state (v povext.af_state);
CREATE TABLE fuzz.bin_fgt_state (v povext.fgt_state);
CREATE TABLE fuzz.bin_sample_state (v povext.sample_state);
CREATE TABLE fuzz.bin_status (v povext.status);
CREATE TABLE fuzz.bin_area (v povext.area);
CREATE TABLE fuzz.bin_income_unit (v povext.income_unit);
CREATE TABLE fuzz.bin_rule_kind (v povext.rule_kind);
CREATE TABLE fuzz.bin_confidence (v povext.confidence);

-- Households with incomes, deprivations and states of each kind, for sqlsmith.
CREATE TABLE fuzz.households AS
SELECT i AS id, (i % 7)::int AS ward, (i * 379 % 5000000)::float8 AS income, (1 + i % 6)::int AS members,
       (i % 3 = 0) AS urban, (ARRAY['rural', 'urban'])[1 + i % 2]::povext.area AS area,
       povext.deprivations_from_codes(CASE i % 4 WHEN 0 THEN '{}'::text[] WHEN 1 THEN '{water}'
            WHEN 2 THEN '{nutrition,assets,health_insurance}' ELSE '{housing,telecom}' END) AS deprivations
  FROM generate_series(1, 200) AS i;
ALTER TABLE fuzz.households ADD COLUMN status povext.status;
UPDATE fuzz.households SET status = povext.classify(income::numeric, deprivations, 'vn-2022', area);
CREATE INDEX ON fuzz.households (deprivations);
CREATE TABLE fuzz.ward_states AS
SELECT ward, povext.af_state_agg(deprivations, 'vn-2022', members) AS af,
       povext.fgt_state_agg(income, 2000000, members) AS fgt,
       povext.sample_state_agg(income, members) AS sample
  FROM fuzz.households GROUP BY ward;

CREATE ROLE povext_smith LOGIN;
ALTER ROLE povext_smith SET search_path = fuzz, povext, public;
ALTER ROLE povext_smith SET statement_timeout = '2s';
ALTER ROLE povext_smith SET work_mem = '4MB';
GRANT USAGE ON SCHEMA fuzz TO povext_smith;
GRANT SELECT, INSERT, UPDATE, DELETE ON fuzz.households, fuzz.ward_states TO povext_smith;

-- Stored states, some large enough to be compressed (TOAST): transition,
-- combine and accessor functions must detoast what they read.
-- (A consistent state of 401 score rows, as test/sql/hardening.sql builds it.)
CREATE TABLE fuzz.stored (id int PRIMARY KEY, af povext.af_state, fgt povext.fgt_state,
                          sample povext.sample_state, dep povext.deprivations);
INSERT INTO fuzz.stored (id, af)
SELECT 1, format('{"standard": "ophi-mpi", "denominator": 1000, "indicators": ["nutrition", "school_attendance", '
                 '"sanitation", "child_mortality", "years_of_schooling", "cooking_fuel", "drinking_water", '
                 '"electricity", "housing", "assets"], "points": [500, 1, 2, 4, 8, 16, 32, 64, 128, 245], '
                 '"scores": [%s]}',
                 string_agg(format('[%s, 1, [0, %s, %s]]', i,
                                   array_to_string(ARRAY(SELECT ((i - 245 * (i >= 256)::int) >> j) & 1
                                                           FROM generate_series(0, 7) AS j), ', '),
                                   (i >= 256)::int),
                            ', ' ORDER BY i))::povext.af_state
  FROM generate_series(0, 400) AS i;
UPDATE fuzz.stored SET sample = (SELECT povext.sample_state_agg(i % 10, 1) FROM generate_series(1, 3000) AS i),
                       fgt = (SELECT povext.fgt_state_agg(i, 3, 1) FROM generate_series(1, 3000) AS i),
                       dep = '{water,assets}';
INSERT INTO fuzz.stored
SELECT 2, povext.af_state_agg(deprivations, 'vn-2022', members), povext.fgt_state_agg(income, 2000000, members, false),
       (SELECT povext.sample_state_accum_quantile(NULL, 4, 1, 0.25)), '{}'
  FROM fuzz.households;

-- Household registry benchmark (issue 8).
--
-- Loads a district-sized registry (default 60,000 households, 220,000
-- members) into a registry whose triggers derive every household's
-- deprivations and statuses (national and HCMC), and the same rows into a
-- registry with those triggers disabled (the baseline), in the same run;
-- then times
--   registry_recompute of every household when nothing changed (reads only),
--   registry_recompute after the reference date moved (every household
--   written) against a plain UPDATE of the same rows (the household row and
--   its two status rows, copied into the baseline after the load),
--   a catalog change (the vn-2022 urban poor line, rolled back) that the
--   catalog trigger propagates to the registry in the same statement,
--   registry_check,
--   one member update, end to end, p50 and p99 over :updates updates, each
--   followed by the same update of the baseline.
--
-- Run with tools/bench.sh bench/registry.sql.  psql variables:
--   households (default 60000; e.g. -v households=1000000 for the issue's
--   million-household run, about 15 minutes and 6 GB of disk), members
--   (default 11/3 a household: 220000 for 60000), updates (default 1000).
-- Rows are loaded with INSERT ... SELECT from a staging table, one statement
-- per table, as COPY would (both fire statement-level triggers once).

\set ON_ERROR_STOP 1
\if :{?households}
\else
\set households 60000
\endif
\if :{?members}
\else
SELECT :households::bigint * 11 / 3 AS members \gset
\endif
\if :{?updates}
\else
\set updates 1000
\endif
SET max_parallel_workers_per_gather = 0;
SELECT set_config('povext_bench.updates', :'updates', false) AS updates,
       set_config('povext_bench.members', :'members', false) AS members \gset
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS bench_trig CASCADE;
DROP SCHEMA IF EXISTS bench_plain CASCADE;
DROP SCHEMA IF EXISTS bench_stage CASCADE;
RESET client_min_messages;
CREATE SCHEMA bench_stage;
SELECT setseed(0.42);

CREATE TABLE bench_stage.household AS
SELECT i AS id, 'w' || (i % 16) AS ward, CASE WHEN random() < 0.3 THEN 'rural' ELSE 'urban' END::povext.area AS area,
       random() < 0.9 AS housing_durable, round((10 + random() * 80)::numeric, 1) AS floor_area,
       random() < 0.95 AS clean_water, random() < 0.9 AS hygienic_latrine, random() < 0.97 AS uses_telecom,
       random() < 0.97 AS has_information_device,
       CASE WHEN random() < 0.5 THEN round((20000000 + random() * 300000000)::numeric, -3) END AS household_income
  FROM generate_series(1, :households) AS i;
-- every household has a member; the rest are spread at random
CREATE TABLE bench_stage.member AS
SELECT 'p' || j AS person_id,
       CASE WHEN j <= :households THEN j ELSE 1 + floor(random() * :households)::bigint END AS household,
       date '1940-01-01' + floor(random() * 30000)::int AS birth_date,
       CASE WHEN random() < 0.5 THEN 'male' ELSE 'female' END AS sex,
       random() < 0.8 AS working_capacity, random() < 0.05 AS disability, random() < 0.9 AS health_insurance,
       random() < 0.5 AS attending_school, random() < 0.9 AS school_level_ok, random() < 0.7 AS employed,
       random() < 0.4 AS works_for_wages, random() < 0.7 AS labour_contract, random() < 0.6 AS social_insurance,
       random() < 0.03 AS stunted_or_underweight, round((random() * 80000000)::numeric, -3) AS income
  FROM generate_series(1, :members) AS j;
DELETE FROM bench_stage.member WHERE birth_date > '2026-06-01';

CREATE FUNCTION bench_stage.load(registry text) RETURNS TABLE (step text, ms numeric)
    LANGUAGE plpgsql AS $$
DECLARE
    t timestamptz;
BEGIN
    EXECUTE format('INSERT INTO %I.ward SELECT DISTINCT ward, ward, ''District'', 5000 FROM bench_stage.household', registry);
    t := clock_timestamp();
    EXECUTE format('INSERT INTO %I.household (id, ward, area, housing_durable, floor_area, clean_water, hygienic_latrine,
                    uses_telecom, has_information_device, household_income)
                    SELECT id, ward, area, housing_durable, floor_area, clean_water, hygienic_latrine,
                    uses_telecom, has_information_device, household_income FROM bench_stage.household', registry);
    step := 'households'; ms := round(extract(epoch FROM clock_timestamp() - t)::numeric * 1000); RETURN NEXT;
    t := clock_timestamp();
    EXECUTE format('INSERT INTO %I.member SELECT person_id, household, NULL, birth_date, sex, NULL, working_capacity,
                    disability, health_insurance, attending_school, school_level_ok, NULL, employed, works_for_wages,
                    labour_contract, social_insurance, stunted_or_underweight, income FROM bench_stage.member', registry);
    step := 'members'; ms := round(extract(epoch FROM clock_timestamp() - t)::numeric * 1000); RETURN NEXT;
END
$$;

CREATE FUNCTION bench_stage.timed(query text) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
    t timestamptz := clock_timestamp();
BEGIN
    EXECUTE query;
    RETURN round(extract(epoch FROM clock_timestamp() - t)::numeric * 1000);
END
$$;

SELECT povext.create_registry('bench_trig', ARRAY['national', 'hcmc']);
SELECT povext.create_registry('bench_plain', ARRAY['national', 'hcmc']);
UPDATE bench_trig.registry_setting SET reference_date = '2026-06-01';
UPDATE bench_plain.registry_setting SET reference_date = '2026-06-01', recompute_on_catalog_change = false;
ALTER TABLE bench_plain.household DISABLE TRIGGER USER;
ALTER TABLE bench_plain.member DISABLE TRIGGER USER;
CHECKPOINT;

\echo == load: with triggers, then without (baseline)
SELECT 'with triggers' AS registry, * FROM bench_stage.load('bench_trig');
CHECKPOINT;
SELECT 'without triggers' AS registry, * FROM bench_stage.load('bench_plain');
SELECT (SELECT count(*) FROM bench_trig.household) AS households, (SELECT count(*) FROM bench_trig.member) AS members,
       (SELECT count(*) FROM bench_trig.household_status) AS statuses,
       (SELECT count(*) FROM bench_trig.household_status WHERE status IS NULL) AS undetermined_statuses;
-- the baseline holds the same derived rows, for the plain UPDATE of the same rows
UPDATE bench_plain.household AS p SET members = t.members, per_capita_income_year = t.per_capita_income_year,
       computed_at = t.computed_at
  FROM bench_trig.household AS t WHERE t.id = p.id;
INSERT INTO bench_plain.household_status SELECT * FROM bench_trig.household_status;
VACUUM FULL bench_plain.household;
VACUUM ANALYZE bench_trig.household, bench_trig.member, bench_trig.household_status,
               bench_plain.household, bench_plain.member, bench_plain.household_status;

\echo == recompute and check (bench_trig), plain UPDATE of the same rows (bench_plain)
SELECT 'registry_check' AS step, bench_stage.timed($$SELECT count(*) FROM povext.registry_check('bench_trig')$$) AS ms;
SELECT 'registry_recompute, nothing changed' AS step,
       bench_stage.timed($$SELECT povext.registry_recompute('bench_trig')$$) AS ms;
UPDATE bench_trig.registry_setting SET reference_date = '2026-06-02';
SELECT 'registry_recompute, every household written' AS step,
       bench_stage.timed($$SELECT povext.registry_recompute('bench_trig')$$) AS ms;
SELECT 'plain UPDATE of the same rows (household, then its status rows)' AS step,
       bench_stage.timed($$UPDATE bench_plain.household SET members = members + 0,
                           per_capita_income_year = per_capita_income_year, computed_at = date '2026-06-02'$$)
       + bench_stage.timed($$UPDATE bench_plain.household_status SET as_of = date '2026-06-02'$$) AS ms;
SELECT count(*) AS stale_after_recompute FROM povext.registry_check('bench_trig');

\echo == a catalog change, propagated in the same statement (rolled back)
BEGIN;
SELECT 'UPDATE of the vn-2022 urban poor line' AS step,
       (SELECT count(*) FROM bench_trig.household AS h JOIN bench_trig.household_status AS s ON s.household = h.id
         WHERE s.standard = 'vn-2022' AND h.area = 'urban') AS households_affected,
       bench_stage.timed($$UPDATE povext.standard_line SET poor_line = poor_line - 100000
                            WHERE standard = 'vn-2022' AND area = 'urban'$$) AS ms;
SELECT count(*) AS stale_after_catalog_change FROM povext.registry_check('bench_trig');
ROLLBACK;

\echo == one member update, end to end (:updates updates, each its own statement)
-- Each update of the registry is followed by the same update of the baseline
-- (no triggers), so that both see the same machine: a tail the baseline has
-- too is the machine's (scheduling, checkpoints), not the registry's.
CREATE TABLE bench_stage.update_times (registry text, i int, ms numeric);
DO $$
DECLARE
    t timestamptz;
    person text;
    registry text;
BEGIN
    FOR i IN 1 .. current_setting('povext_bench.updates')::int LOOP
        person := 'p' || (1 + (i * 7919) % current_setting('povext_bench.members')::int);
        FOREACH registry IN ARRAY ARRAY['bench_trig', 'bench_plain'] LOOP
            t := clock_timestamp();
            EXECUTE format('UPDATE %I.member SET health_insurance = NOT health_insurance WHERE person_id = $1', registry)
                USING person;
            INSERT INTO bench_stage.update_times VALUES (registry, i, extract(epoch FROM clock_timestamp() - t) * 1000);
        END LOOP;
    END LOOP;
END
$$;
SELECT registry, count(*) AS updates, round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 3) AS p50_ms,
       round(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)::numeric, 3) AS p99_ms, round(max(ms), 3) AS max_ms
  FROM bench_stage.update_times GROUP BY registry ORDER BY registry DESC;
-- where the slowest updates of the registry fall (the first ones pay for what a backend prepares once)
SELECT i, round(ms, 3) AS ms FROM bench_stage.update_times WHERE registry = 'bench_trig' ORDER BY ms DESC LIMIT 5;
SELECT count(*) AS stale_at_end FROM povext.registry_check('bench_trig');

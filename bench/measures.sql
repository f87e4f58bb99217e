-- Poverty measures benchmark (issue: aggregates).
--
-- On generated households, times in one run
--   the Alkire-Foster aggregate povext.af_state_agg over the 12 vn-2022
--     indicators (and the convenience povext.af_m0),
--   the FGT aggregate povext.fgt_state_agg (P0, P1, P2, Watts),
--   the same measures written in plain SQL (FILTER, bit counting, ln()),
--   the scan floor: SELECT sum(size) over the same table,
-- single-threaded, and the two aggregates (and the floor) again with 2
-- parallel workers.  It checks that the plain-SQL numbers equal those read
-- from the states (to 1e-9 relative) and that the parallel states equal the
-- serial ones, reports the states' sizes at 1,000, 100,000, sample_rows and
-- all rows, and times the weighted Gini and median (which hold every value)
-- on sample_rows rows with the backend's peak memory.
--
-- Run with tools/bench.sh bench/measures.sql (a throwaway cluster with
-- povext created in database postgres).  psql variables, e.g.
-- psql -v rows=1000000 -v runs=3 -f bench/measures.sql:
--   rows         generated households (default 10000000)
--   runs         timed runs of each query, the best one counts (default 7)
--   sample_rows  rows for the Gini / quantile part (default 1000000)
--   jit          time with this jit setting only (default: every query with
--                jit = off, then with the server's setting, on in Debian)
--   results      if set, the timed runs are also inserted into
--                bench_result.timing, the peak memory into bench_result.memory,
--                and the sample rows written to the file named by the
--                variable sample_csv (bench/run creates them, runs laeken on
--                the file and builds its report)
-- Below about 450,000 rows the planner gives the table fewer than 2 parallel
-- workers and the plan check fails.
--
-- A run's time is clock_timestamp() around EXECUTE in PL/pgSQL (planning
-- included, psql not); every timed query returns one short row.  Runs are
-- interleaved (round 1 of every variant with jit off, then with jit on,
-- then round 2, ...).  The script
-- fails (psql exits with an error) when a check fails.

\set ON_ERROR_STOP 1
\if :{?rows}
\else
\set rows 10000000
\endif
\if :{?runs}
\else
\set runs 7
\endif
\if :{?sample_rows}
\else
\set sample_rows 1000000
\endif
\if :{?jit}
SET jit = :'jit';
SELECT set_config('povext_bench.jit', 'one', false) AS jit_passes \gset
\else
SELECT set_config('povext_bench.jit', 'both', false) AS jit_passes \gset
\endif

-- Single-threaded unless a variant asks for workers.  The parallel variants
-- set max_parallel_workers_per_gather = 2; these costs make the planner take
-- a parallel plan whenever workers are allowed (min_parallel_table_scan_size
-- stays at its default, 8MB).
SET max_parallel_workers_per_gather = 0;
-- A scan starts at the first block (not where the last one stopped), so
-- that "the first n rows" (LIMIT n) are the same rows in every run.
SET synchronize_seqscans = off;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SELECT set_config('povext_bench.runs', :'runs', false) AS runs,
       set_config('povext_bench.rows', :'rows', false) AS rows_setting,
       set_config('povext_bench.sample_rows', :'sample_rows', false) AS sample_rows_setting \gset

SET client_min_messages = warning;
DROP SCHEMA IF EXISTS povext_bench CASCADE;
RESET client_min_messages;
CREATE SCHEMA povext_bench;

-- The plain-SQL variants hard-code vn-2022's 12 equally weighted indicators
-- (denominator 12, k = 3/12 = 0.25) and bit j of the mask column is the j-th
-- of them in bit order: check that this is what the catalog says.
CREATE TABLE povext_bench.vn2022_indicator AS
SELECT (row_number() OVER (ORDER BY i.bit) - 1)::integer AS j, i.code, i.bit
  FROM povext.standard_indicator AS si JOIN povext.indicator AS i ON i.code = si.indicator
 WHERE si.standard = 'vn-2022';
DO $$
BEGIN
    IF (SELECT count(*) FROM povext_bench.vn2022_indicator) <> 12
       OR EXISTS (SELECT FROM povext.standard_indicator
                   WHERE standard = 'vn-2022' AND weight_numerator * 12 <> weight_denominator)
    THEN
        RAISE EXCEPTION 'the vn-2022 catalog rows are not the 12 indicators of weight 1/12 the plain-SQL variants assume';
    END IF;
END
$$;

-- Households -------------------------------------------------------------------

-- mask_lookup: the 4,096 sets of vn-2022 indicators, as the 12-bit mask and
-- as povext.deprivations.  Each set also gets, once, each of the indicators
-- that vn-2022 does not count with probability 0.2, so that the aggregate
-- has to mask them out (the mask column has only the 12 bits).
SELECT setseed(0.2022) AS seeded \gset
CREATE TABLE povext_bench.mask_lookup AS
SELECT m.mask,
       (ARRAY(SELECT v.code FROM povext_bench.vn2022_indicator AS v
               WHERE m.mask & (1 << v.j) <> 0)
        || ARRAY(SELECT i.code FROM povext.indicator AS i
                  WHERE i.code NOT IN (SELECT code FROM povext_bench.vn2022_indicator)
                    AND random() < 0.2 AND m.mask >= 0))::povext.deprivations AS deprivations
  FROM generate_series(0, 4095) AS m(mask);

-- household, seeded:
--   ward    1-16, uniform
--   size    household members 1-8, uniform: the sampling weight
--   income  monthly per-capita VND: 85% uniform on 300,000-4,000,000 rounded
--           to 1,000; 5% exactly on the urban line 2,000,000 (the y <= z
--           boundary); 10% a yearly household income over 12 months and 1-8
--           members, so with long fractions
--   mask    each vn-2022 indicator with probability 0.2 (Binomial(12, 0.2)
--           deprivations: 44% of households have 3 or more)
--   deprivations  the same set as povext.deprivations, from mask_lookup
--           (plus the non-vn-2022 extras above), looked up in an array of
--           the 4,096 sets built once (an InitPlan): a join would do too,
--           but a hash join that hashes the generated rows writes them out
--           grouped by mask, and the table must be in random order
-- OFFSET 0 keeps the volatile mask expression from being evaluated twice.
SELECT setseed(0.2022) AS seeded \gset
CREATE TABLE povext_bench.household (
    ward integer NOT NULL,
    size integer NOT NULL,
    income double precision NOT NULL,
    deprivations povext.deprivations NOT NULL,
    mask integer NOT NULL
);
INSERT INTO povext_bench.household (ward, size, income, deprivations, mask)
SELECT g.ward, g.size, g.income,
       (SELECT array_agg(deprivations ORDER BY mask) FROM povext_bench.mask_lookup)[g.mask + 1],
       g.mask
  FROM (SELECT 1 + floor(16 * random())::integer AS ward,
               1 + floor(8 * random())::integer AS size,
               CASE WHEN r < 0.85 THEN 1000 * round(300 + 3700 * u)
                    WHEN r < 0.90 THEN 2000000
                    ELSE round((300000 + 3700000 * u) * 12 * m) / (12 * m)
               END AS income,
               (random() < 0.2)::integer + (random() < 0.2)::integer * 2
               + (random() < 0.2)::integer * 4 + (random() < 0.2)::integer * 8
               + (random() < 0.2)::integer * 16 + (random() < 0.2)::integer * 32
               + (random() < 0.2)::integer * 64 + (random() < 0.2)::integer * 128
               + (random() < 0.2)::integer * 256 + (random() < 0.2)::integer * 512
               + (random() < 0.2)::integer * 1024 + (random() < 0.2)::integer * 2048 AS mask
          FROM (SELECT random() AS r, random() AS u, 1 + floor(8 * random()) AS m
                  FROM generate_series(1, :rows)) AS s
        OFFSET 0) AS g;

VACUUM ANALYZE povext_bench.household;
-- The first 1,000 rows, for the start-up of a parallel query: the floor on
-- them with 2 workers takes almost only the time of starting the workers
-- and waiting for them to exit (see docs/benchmarks.md, the parallel
-- slowdown).  The parallel_workers option gives the table its 2 workers,
-- which the planner gives no table below min_parallel_table_scan_size.
CREATE TABLE povext_bench.household_1000 AS SELECT * FROM povext_bench.household LIMIT 1000;
ALTER TABLE povext_bench.household_1000 SET (parallel_workers = 2);
VACUUM ANALYZE povext_bench.household_1000;

-- The rows must be in random order (the aggregates and the SQL would enjoy
-- runs of equal masks, and "the first n rows" would not be a sample).
DO $$
BEGIN
    IF (SELECT count(DISTINCT mask) FROM (SELECT mask FROM povext_bench.household LIMIT 1000) AS h) < 200 THEN
        RAISE EXCEPTION 'CHECK FAILED: the generated households are not in random order of mask';
    END IF;
END
$$;

SELECT count(*) AS households,
       pg_size_pretty(pg_table_size('povext_bench.household')) AS table_size,
       sum(size) AS people,
       round(avg(income)) AS mean_income,
       round(100.0 * sum(size) FILTER (WHERE income <= 2000000) / sum(size), 1) AS "% people income <= 2M",
       round(100.0 * count(*) FILTER (WHERE income = 2000000) / count(*), 1) AS "% on the line",
       round(avg(bit_count(mask::bit(12))), 2) AS avg_vn2022_deprivations,
       round(100.0 * count(*) FILTER (WHERE bit_count(mask::bit(12)) >= 3) / count(*), 1) AS "% with 3 or more",
       round(100.0 * count(*) FILTER (WHERE povext.deprivation_count(deprivations) > bit_count(mask::bit(12))) / count(*), 1) AS "% with non-vn-2022 indicators"
  FROM povext_bench.household;

-- Variants ---------------------------------------------------------------------

-- Every variant returns one row: a JSON object of its measures, so that the
-- checks compare the numbers of different variants key by key:
--   floor: sum;  AF: H, A, M0 at k = 3/12 and h (the 12 censored headcount
--   ratios, in bit order);  FGT: P0, P1, P2, W (Watts);  the state variants
--   also give the state's text ("state").
-- The state variants read the measures from the state in the same query.
--
-- Bit counting in plain SQL: d = the popcount of mask, from a 4,096-element
-- array of popcounts built once per query (an InitPlan) and subscripted per
-- row.  On 1,000,000 rows (jit off) it made this query about 5% faster than
-- bit_count(mask::bit(12)); the sum of the 12 bits (mask >> j & 1) and
-- length(replace(mask::bit(12)::text, '0', '')) were far slower.  d and
-- "poor" (d >= 3) are computed once per row in subqueries fenced with
-- OFFSET 0; unfenced, the planner copies d into every FILTER and counts
-- bits 15 times a row (about twice as slow).
CREATE TEMP TABLE bench_variant (
    ord integer PRIMARY KEY,
    family text NOT NULL,           -- floor, af, fgt, startup
    kind text NOT NULL,             -- floor, aggregate, sql, sql-info
    variant text NOT NULL,
    workers integer NOT NULL,       -- max_parallel_workers_per_gather
    serial integer,                 -- for a parallel variant: ord of the same query serially
    query text NOT NULL
);

INSERT INTO bench_variant VALUES
 (1, 'floor', 'floor', 'scan floor: sum(size)', 0, NULL,
  $q$SELECT jsonb_build_object('sum', sum(size))::text FROM povext_bench.household$q$),
 (2, 'af', 'aggregate', 'AF: af_state_agg (every k; H, A, M0, h_j read at 0.25)', 0, NULL,
  $q$SELECT jsonb_build_object('H', m.headcount_ratio, 'A', m.intensity, 'M0', m.m0,
       'h', (SELECT array_agg(i.censored_headcount_ratio ORDER BY v.j)
               FROM povext.af_indicators(a.s, 0.25) AS i
               JOIN povext_bench.vn2022_indicator AS v ON v.code = i.indicator),
       'state', a.s::text)::text
  FROM (SELECT povext.af_state_agg(deprivations, 'vn-2022', size) AS s FROM povext_bench.household) AS a,
       povext.af_measures(a.s, 0.25) AS m$q$),
 (3, 'af', 'aggregate', 'AF: af_m0(..., 0.25) (M0 only)', 0, NULL,
  $q$SELECT jsonb_build_object('M0', povext.af_m0(deprivations, 'vn-2022', size, 0.25))::text FROM povext_bench.household$q$),
 (4, 'af', 'sql', 'AF: plain SQL, FILTER + popcount (k = 3/12 only)', 0, NULL,
  $q$SELECT jsonb_build_object('H', poor / pop, 'A', poor_points / (12 * poor), 'M0', poor_points / (12 * pop),
       'h', ARRAY[h0 / pop, h1 / pop, h2 / pop, h3 / pop, h4 / pop, h5 / pop,
                  h6 / pop, h7 / pop, h8 / pop, h9 / pop, h10 / pop, h11 / pop])::text
  FROM (SELECT sum(size)::numeric AS pop,
               sum(size) FILTER (WHERE poor)::numeric AS poor,
               sum(size * d) FILTER (WHERE poor)::numeric AS poor_points,
               sum(size) FILTER (WHERE poor AND mask & 1 <> 0) AS h0,
               sum(size) FILTER (WHERE poor AND mask & 2 <> 0) AS h1,
               sum(size) FILTER (WHERE poor AND mask & 4 <> 0) AS h2,
               sum(size) FILTER (WHERE poor AND mask & 8 <> 0) AS h3,
               sum(size) FILTER (WHERE poor AND mask & 16 <> 0) AS h4,
               sum(size) FILTER (WHERE poor AND mask & 32 <> 0) AS h5,
               sum(size) FILTER (WHERE poor AND mask & 64 <> 0) AS h6,
               sum(size) FILTER (WHERE poor AND mask & 128 <> 0) AS h7,
               sum(size) FILTER (WHERE poor AND mask & 256 <> 0) AS h8,
               sum(size) FILTER (WHERE poor AND mask & 512 <> 0) AS h9,
               sum(size) FILTER (WHERE poor AND mask & 1024 <> 0) AS h10,
               sum(size) FILTER (WHERE poor AND mask & 2048 <> 0) AS h11
          FROM (SELECT size, mask, d, d >= 3 AS poor
                  FROM (SELECT size, mask,
                               (SELECT array_agg(bit_count(b::bit(12))::integer ORDER BY b)
                                  FROM generate_series(0, 4095) AS b)[mask + 1] AS d
                          FROM povext_bench.household OFFSET 0) AS counted
                OFFSET 0) AS h) AS s$q$),
 -- Information: plain SQL that first collapses the rows to their 4,096
 -- masks (one hash aggregate) and counts bits per mask.  It needs few
 -- indicators (2^12 groups); the AF aggregate does not.
 (5, 'af', 'sql-info', 'AF: plain SQL, GROUP BY mask first (k = 3/12 only)', 0, NULL,
  $q$SELECT jsonb_build_object('H', poor / pop, 'A', poor_points / (12 * poor), 'M0', poor_points / (12 * pop),
       'h', ARRAY[h0 / pop, h1 / pop, h2 / pop, h3 / pop, h4 / pop, h5 / pop,
                  h6 / pop, h7 / pop, h8 / pop, h9 / pop, h10 / pop, h11 / pop])::text
  FROM (SELECT sum(n) AS pop,
               sum(n) FILTER (WHERE d >= 3) AS poor,
               sum(n * d) FILTER (WHERE d >= 3) AS poor_points,
               sum(n) FILTER (WHERE d >= 3 AND mask & 1 <> 0) AS h0,
               sum(n) FILTER (WHERE d >= 3 AND mask & 2 <> 0) AS h1,
               sum(n) FILTER (WHERE d >= 3 AND mask & 4 <> 0) AS h2,
               sum(n) FILTER (WHERE d >= 3 AND mask & 8 <> 0) AS h3,
               sum(n) FILTER (WHERE d >= 3 AND mask & 16 <> 0) AS h4,
               sum(n) FILTER (WHERE d >= 3 AND mask & 32 <> 0) AS h5,
               sum(n) FILTER (WHERE d >= 3 AND mask & 64 <> 0) AS h6,
               sum(n) FILTER (WHERE d >= 3 AND mask & 128 <> 0) AS h7,
               sum(n) FILTER (WHERE d >= 3 AND mask & 256 <> 0) AS h8,
               sum(n) FILTER (WHERE d >= 3 AND mask & 512 <> 0) AS h9,
               sum(n) FILTER (WHERE d >= 3 AND mask & 1024 <> 0) AS h10,
               sum(n) FILTER (WHERE d >= 3 AND mask & 2048 <> 0) AS h11
          FROM (SELECT mask, n, bit_count(mask::bit(12))::integer AS d
                  FROM (SELECT mask, sum(size) AS n FROM povext_bench.household GROUP BY mask) AS g) AS c) AS s$q$),
 (6, 'fgt', 'aggregate', 'FGT: fgt_state_agg (P0, P1, P2, Watts read from it)', 0, NULL,
  $q$SELECT jsonb_build_object('P0', m.p0, 'P1', m.p1, 'P2', m.p2, 'W', m.watts, 'state', f.s::text)::text
  FROM (SELECT povext.fgt_state_agg(income, 2000000, size) AS s FROM povext_bench.household) AS f,
       povext.fgt_measures(f.s) AS m$q$),
 (7, 'fgt', 'sql', 'FGT: plain SQL, FILTER + ln()', 0, NULL,
  $q$SELECT jsonb_build_object('P0', poor::numeric / pop, 'P1', gap / (2000000::float8 * pop),
       'P2', gap_squared / (4e12::float8 * pop), 'W', watts / pop)::text
  FROM (SELECT sum(size) AS pop,
               sum(size) FILTER (WHERE income <= 2000000) AS poor,
               sum(size * (2000000 - income)) FILTER (WHERE income <= 2000000) AS gap,
               sum(size * (2000000 - income) * (2000000 - income)) FILTER (WHERE income <= 2000000) AS gap_squared,
               sum(size * ln(2000000 / income)) FILTER (WHERE income <= 2000000) AS watts
          FROM povext_bench.household) AS s$q$),
 -- the start-up of a parallel query: the floor on 1,000 rows
 (9, 'startup', 'floor', 'start-up: sum(size) over 1,000 rows', 0, NULL,
  $q$SELECT jsonb_build_object('sum', sum(size))::text FROM povext_bench.household_1000$q$);

-- The same floor, aggregates and start-up with 2 parallel workers.
INSERT INTO bench_variant
SELECT ord + 10, family, kind, replace(variant, ' (', ', 2 workers ('), 2, ord, query
  FROM bench_variant WHERE ord IN (1, 2, 6, 9);
UPDATE bench_variant SET variant = variant || ', 2 workers' WHERE workers = 2 AND variant NOT LIKE '%2 workers%';

-- Checks -----------------------------------------------------------------------

-- Keys of 'a' and 'b' whose numbers differ by more than 1e-9 relative (the
-- arrays element by element), and 'state' if both have one and they differ.
CREATE FUNCTION pg_temp.differences(a jsonb, b jsonb) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
    SELECT coalesce(array_agg(k ORDER BY k), '{}')
      FROM (SELECT ka.key AS k
              FROM jsonb_each(a) AS ka JOIN jsonb_each(b) AS kb USING (key)
             WHERE CASE WHEN ka.key = 'state' THEN ka.value <> kb.value
                        WHEN jsonb_typeof(ka.value) = 'array' THEN
                             jsonb_array_length(ka.value) <> jsonb_array_length(kb.value)
                             OR EXISTS (SELECT FROM generate_series(0, jsonb_array_length(ka.value) - 1) AS i
                                         WHERE abs((ka.value ->> i)::numeric - (kb.value ->> i)::numeric)
                                               > 1e-9 * greatest(abs((ka.value ->> i)::numeric), abs((kb.value ->> i)::numeric)))
                        ELSE abs((ka.value #>> '{}')::numeric - (kb.value #>> '{}')::numeric)
                             > 1e-9 * greatest(abs((ka.value #>> '{}')::numeric), abs((kb.value #>> '{}')::numeric))
                   END) AS d
$$;

-- One untimed run of every variant; every variant must give the numbers of
-- its family's aggregate (floor: the serial floor), the parallel aggregates
-- the serial state itself.
CREATE TEMP TABLE bench_check (ord integer PRIMARY KEY, result jsonb NOT NULL);
DO $$
DECLARE
    v record;
    result text;
BEGIN
    FOR v IN SELECT * FROM bench_variant ORDER BY ord LOOP
        PERFORM set_config('max_parallel_workers_per_gather', v.workers::text, false);
        EXECUTE v.query INTO result;
        INSERT INTO bench_check VALUES (v.ord, result::jsonb);
    END LOOP;
    PERFORM set_config('max_parallel_workers_per_gather', '0', false);
END
$$;

CREATE TEMP VIEW bench_reference AS
SELECT v.ord, v.variant, c.result,
       r.ord AS reference, r.result AS reference_result,
       pg_temp.differences(c.result, r.result) AS differ
  FROM bench_variant AS v
  JOIN bench_check AS c USING (ord)
  JOIN bench_check AS r ON r.ord = CASE v.family WHEN 'floor' THEN 1 WHEN 'af' THEN 2 WHEN 'startup' THEN 9 ELSE 6 END;

CREATE FUNCTION pg_temp.check_measures() RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT FROM bench_reference WHERE differ <> '{}') THEN
        RAISE EXCEPTION 'CHECK FAILED: variants disagree with the aggregates'' states'
            USING DETAIL = (SELECT string_agg(format('%s differs in %s: %s against %s', variant, differ, result, reference_result), E'\n')
                              FROM bench_reference WHERE differ <> '{}');
    END IF;
    IF (SELECT count(*) FROM bench_check WHERE ord IN (2, 12, 6, 16) AND result ? 'state') <> 4
       OR (SELECT count(DISTINCT result ->> 'state') FROM bench_check WHERE ord IN (2, 12)) <> 1
       OR (SELECT count(DISTINCT result ->> 'state') FROM bench_check WHERE ord IN (6, 16)) <> 1
    THEN
        RAISE EXCEPTION 'CHECK FAILED: the parallel states differ from the serial states';
    END IF;
    RETURN 'passed: the plain-SQL H, A, M0, 12 censored headcounts, P0, P1, P2 and Watts equal the states'' (1e-9 relative); the parallel AF and FGT states are the serial ones, text for text';
END
$$;
SELECT pg_temp.check_measures() AS "check";

\echo Measures of every variant (H, A, M0 at k = 3/12; FGT at z = 2,000,000, y <= z poor)
SELECT variant,
       result ->> 'H' AS "H", result ->> 'A' AS "A", result ->> 'M0' AS "M0",
       result ->> 'P0' AS "P0", result ->> 'P1' AS "P1", result ->> 'P2' AS "P2", result ->> 'W' AS "Watts",
       result ->> 'sum' AS "sum(size)"
  FROM bench_reference ORDER BY ord;

-- The parallel plans: 2 workers planned and launched, or the script fails.
\echo Plans of the parallel variants (EXPLAIN ANALYZE)
SET max_parallel_workers_per_gather = 2;
SELECT format('EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) %s', query)
  FROM bench_variant WHERE workers = 2 ORDER BY ord \gexec
CREATE FUNCTION pg_temp.check_parallel_plans() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    v record;
    plan json;
    gather jsonb;
BEGIN
    FOR v IN SELECT * FROM bench_variant WHERE workers = 2 ORDER BY ord LOOP
        EXECUTE 'EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ' || v.query INTO plan;
        -- the Gather node, wherever it is in the plan
        SELECT node INTO gather
          FROM jsonb_path_query(plan::jsonb, 'strict $.**') AS node
         WHERE node ->> 'Node Type' = 'Gather' LIMIT 1;
        IF gather IS NULL OR (gather ->> 'Workers Planned')::integer <> 2 OR (gather ->> 'Workers Launched')::integer <> 2 THEN
            RAISE EXCEPTION 'CHECK FAILED: % does not run with 2 parallel workers', v.variant
                USING DETAIL = plan::text;
        END IF;
    END LOOP;
    RETURN 'passed: every parallel variant plans and launches 2 workers (Gather, Partial Aggregate, Parallel Seq Scan)';
END
$$;
SELECT pg_temp.check_parallel_plans() AS "check";
SET max_parallel_workers_per_gather = 0;

-- Timing -------------------------------------------------------------------------

CREATE TEMP TABLE bench_run (
    jit text NOT NULL,
    ord integer NOT NULL,
    run integer NOT NULL,
    ms double precision NOT NULL,
    cpu_ms double precision NOT NULL,   -- this backend only: not its parallel workers
    result jsonb NOT NULL
);

-- CPU time of this backend, in ns, from /proc/self/schedstat (Linux): time
-- on a CPU, without the time spent waiting for one, which on a shared
-- machine is most of the noise of the wall-clock time.
CREATE FUNCTION pg_temp.cpu_ns() RETURNS bigint LANGUAGE sql AS $$
    SELECT split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint
$$;

-- Warm the OS cache (the table is larger than shared_buffers).
SELECT count(*) AS warm_up FROM povext_bench.household;

DO $$
DECLARE
    runs integer := current_setting('povext_bench.runs')::integer;
    server_jit text := current_setting('jit');
    v record;
    jit_setting text;
    started timestamptz;
    cpu_started bigint;
    result text;
BEGIN
    FOR run IN 1 .. runs LOOP
        FOREACH jit_setting IN ARRAY CASE WHEN current_setting('povext_bench.jit') = 'both' AND server_jit <> 'off'
                                          THEN ARRAY['off', server_jit] ELSE ARRAY[server_jit] END LOOP
            PERFORM set_config('jit', jit_setting, false);
            FOR v IN SELECT * FROM bench_variant ORDER BY ord LOOP
                PERFORM set_config('max_parallel_workers_per_gather', v.workers::text, false);
                cpu_started := pg_temp.cpu_ns();
                started := clock_timestamp();
                EXECUTE v.query INTO result;
                INSERT INTO bench_run
                     VALUES (jit_setting, v.ord, run, 1000 * extract(epoch FROM clock_timestamp() - started),
                             (pg_temp.cpu_ns() - cpu_started) / 1e6, result::jsonb);
            END LOOP;
        END LOOP;
    END LOOP;
    PERFORM set_config('jit', server_jit, false);
    PERFORM set_config('max_parallel_workers_per_gather', '0', false);
END
$$;

-- Every timed run must give the numbers of the untimed check run.
CREATE FUNCTION pg_temp.check_runs() RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT FROM bench_run AS r JOIN bench_check AS c USING (ord)
                WHERE pg_temp.differences(r.result, c.result) <> '{}') THEN
        RAISE EXCEPTION 'CHECK FAILED: some timed runs gave other numbers than the check run'
            USING DETAIL = (SELECT string_agg(format('%s (jit %s) run %s: %s', v.variant, r.jit, r.run, r.result), E'\n')
                              FROM bench_run AS r JOIN bench_check AS c USING (ord) JOIN bench_variant AS v USING (ord)
                             WHERE pg_temp.differences(r.result, c.result) <> '{}');
    END IF;
    RETURN format('passed: all %s timed runs gave the numbers (and states) of the check run', (SELECT count(*) FROM bench_run));
END
$$;
SELECT pg_temp.check_runs() AS "check";

-- State sizes -------------------------------------------------------------------

\echo State sizes (pg_column_size, bytes): the AF state holds one row per distinct score (at most 13 for
\echo vn-2022), the FGT state is fixed; the sample state behind Gini and quantiles holds every row.
CREATE TEMP TABLE bench_state_size (label text, rows_in bigint, workers integer, af_state_bytes integer,
                                     af_distinct_scores integer, fgt_state_bytes integer, sample_state_bytes integer);
DO $$
DECLARE
    n record;
    source text;
    af povext.af_state;
    fgt povext.fgt_state;
    sample_bytes integer;
BEGIN
    FOR n IN SELECT * FROM (VALUES (1000::bigint, 0), (100000, 0),
                                   (current_setting('povext_bench.sample_rows')::bigint, 0),
                                   (current_setting('povext_bench.rows')::bigint, 0),
                                   (current_setting('povext_bench.rows')::bigint, 2)) AS v(rows_in, workers)
    LOOP
        PERFORM set_config('max_parallel_workers_per_gather', n.workers::text, false);
        source := CASE WHEN n.rows_in >= current_setting('povext_bench.rows')::bigint THEN 'povext_bench.household'
                       ELSE format('(SELECT * FROM povext_bench.household LIMIT %s) AS h', n.rows_in) END;
        EXECUTE format('SELECT povext.af_state_agg(deprivations, %L, size) FROM %s', 'vn-2022', source) INTO af;
        EXECUTE format('SELECT povext.fgt_state_agg(income, 2000000, size) FROM %s', source) INTO fgt;
        sample_bytes := NULL;
        IF n.rows_in <= current_setting('povext_bench.sample_rows')::bigint THEN
            EXECUTE format('SELECT pg_column_size(povext.sample_state_agg(income, size)) FROM %s', source) INTO sample_bytes;
        END IF;
        INSERT INTO bench_state_size
             VALUES (format('%s rows%s', to_char(n.rows_in, 'FM999,999,999'), CASE WHEN n.workers > 0 THEN ', 2 workers' ELSE '' END),
                     n.rows_in, n.workers, pg_column_size(af), json_array_length(af::text::json -> 'scores'),
                     pg_column_size(fgt), sample_bytes);
    END LOOP;
    PERFORM set_config('max_parallel_workers_per_gather', '0', false);
END
$$;
SET max_parallel_workers_per_gather = 0;
SELECT label AS "rows", af_state_bytes AS "AF state", af_distinct_scores AS "AF distinct scores",
       fgt_state_bytes AS "FGT state", sample_state_bytes AS "sample state (Gini, quantiles)"
  FROM bench_state_size ORDER BY rows_in, workers;

-- Gini and weighted quantiles: they keep every (value, weight) pair ---------------

-- The first sample_rows households (in a table of their own, so that the
-- state-holding aggregates are timed on sample_rows rows, not all of them).
CREATE TABLE povext_bench.household_sample AS
SELECT * FROM povext_bench.household LIMIT :sample_rows;
VACUUM ANALYZE povext_bench.household_sample;

-- laeken's weighted Gini and median in plain SQL (window functions over the
-- rows sorted by income, then weight), as references for the numbers.
CREATE TEMP TABLE sample_variant (ord integer PRIMARY KEY, variant text NOT NULL, query text NOT NULL);
INSERT INTO sample_variant VALUES
 (1, 'scan floor: sum(size)', $q$SELECT sum(size)::float8 FROM povext_bench.household_sample$q$),
 (2, 'fgt_state_agg', $q$SELECT povext.fgt_p1(povext.fgt_state_agg(income, 2000000, size)) FROM povext_bench.household_sample$q$),
 (3, 'sample_state_agg (the state only)', $q$SELECT pg_column_size(povext.sample_state_agg(income, size))::float8 FROM povext_bench.household_sample$q$),
 (4, 'gini(income, size)', $q$SELECT povext.gini(income, size) FROM povext_bench.household_sample$q$),
 (5, 'weighted_median(income, size)', $q$SELECT povext.weighted_median(income, size) FROM povext_bench.household_sample$q$),
 (6, 'plain SQL weighted Gini (window sum)',
  $q$SELECT 100 * ((2 * sum(w * x * cw) - sum(w * w * x)) / (sum(w) * sum(w * x)) - 1)
       FROM (SELECT income AS x, size::float8 AS w,
                    sum(size) OVER (ORDER BY income, size ROWS UNBOUNDED PRECEDING)::float8 AS cw
               FROM povext_bench.household_sample) AS s$q$),
 (7, 'plain SQL weighted median (window sum)',
  $q$SELECT CASE WHEN 2 * cw = sw THEN (x + next_x) / 2 ELSE x END
       FROM (SELECT income AS x, size AS w,
                    sum(size) OVER (ORDER BY income, size ROWS UNBOUNDED PRECEDING) AS cw,
                    lead(income) OVER (ORDER BY income, size) AS next_x,
                    (SELECT sum(size) FROM povext_bench.household_sample) AS sw
               FROM povext_bench.household_sample) AS s
      WHERE 2 * cw >= sw ORDER BY x, w LIMIT 1$q$),
 (8, 'percentile_cont(0.5) (unweighted, built in)',
  $q$SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY income) FROM povext_bench.household_sample$q$),
 -- What laeken's gini, weightedMedian and arpr compute together: one
 -- sample state gives the Gini and the median, a second scan the share of
 -- people at or below 60% of the median (the result).
 (9, 'gini + weighted_median + P0 at 60% of the median',
  $q$WITH s AS MATERIALIZED (     -- once: inlined, the median would be computed at every row of the P0 scan
         SELECT povext.sample_gini(a.s) AS gini, povext.sample_median(a.s) AS median
           FROM (SELECT povext.sample_state_agg(income, size) AS s FROM povext_bench.household_sample) AS a)
     SELECT (SELECT povext.fgt_p0(h.income, 0.6 * s.median, h.size) FROM povext_bench.household_sample AS h)::float8
       FROM s WHERE s.gini IS NOT NULL$q$);

CREATE TEMP TABLE sample_run (jit text NOT NULL, ord integer NOT NULL, run integer NOT NULL,
                              ms double precision NOT NULL, cpu_ms double precision NOT NULL,
                              result double precision);
DO $$
DECLARE
    runs integer := current_setting('povext_bench.runs')::integer;
    server_jit text := current_setting('jit');
    v record;
    jit_setting text;
    started timestamptz;
    cpu_started bigint;
    result double precision;
BEGIN
    FOR run IN 1 .. runs LOOP
        FOREACH jit_setting IN ARRAY CASE WHEN current_setting('povext_bench.jit') = 'both' AND server_jit <> 'off'
                                          THEN ARRAY['off', server_jit] ELSE ARRAY[server_jit] END LOOP
            PERFORM set_config('jit', jit_setting, false);
            FOR v IN SELECT * FROM sample_variant ORDER BY ord LOOP
                cpu_started := pg_temp.cpu_ns();
                started := clock_timestamp();
                EXECUTE v.query INTO result;
                INSERT INTO sample_run
                     VALUES (jit_setting, v.ord, run, 1000 * extract(epoch FROM clock_timestamp() - started),
                             (pg_temp.cpu_ns() - cpu_started) / 1e6, result);
            END LOOP;
        END LOOP;
    END LOOP;
    PERFORM set_config('jit', server_jit, false);
END
$$;

CREATE FUNCTION pg_temp.check_sample() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    gini double precision[] := ARRAY(SELECT DISTINCT result FROM sample_run WHERE ord IN (4, 6));
    median double precision[] := ARRAY(SELECT DISTINCT result FROM sample_run WHERE ord IN (5, 7));
BEGIN
    IF (SELECT max(g) - min(g) FROM unnest(gini) AS g) > 1e-9 * (SELECT max(abs(g)) FROM unnest(gini) AS g)
       OR cardinality(median) <> 1
    THEN
        RAISE EXCEPTION 'CHECK FAILED: povext.gini / weighted_median differ from the plain-SQL laeken formulas'
            USING DETAIL = format('Gini: %s; median: %s', gini, median);
    END IF;
    RETURN format('passed: on %s rows povext.gini = %s and weighted_median = %s, as the plain-SQL laeken formulas give (Gini to 1e-9 relative)',
                  (SELECT count(*) FROM povext_bench.household_sample),
                  (SELECT result FROM sample_run WHERE ord = 4 LIMIT 1), median[1]);
END
$$;
SELECT pg_temp.check_sample() AS "check";

-- Results ------------------------------------------------------------------------

\echo
\echo Poverty measures on :rows households, best of :runs runs
SELECT current_setting('server_version') AS server,
       current_setting('shared_buffers') AS shared_buffers,
       current_setting('work_mem') AS work_mem,
       (SELECT count(*) FROM povext_bench.household) AS households,
       pg_size_pretty(pg_table_size('povext_bench.household')) AS table_size;

CREATE TEMP VIEW bench_summary AS
WITH best AS (
    SELECT jit, ord, min(ms) AS best_ms, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS median_ms
      FROM bench_run GROUP BY jit, ord
)
SELECT b.jit, b.ord, v.family, v.kind, v.variant, v.workers, b.best_ms, b.median_ms,
       b.best_ms / floor.best_ms AS vs_floor,
       CASE WHEN v.kind IN ('sql', 'sql-info') THEN b.best_ms / agg.best_ms
            WHEN v.kind = 'aggregate' AND v.workers = 0 THEN sql.best_ms / b.best_ms END AS sql_ratio,
       serial.best_ms / b.best_ms AS speed_up
  FROM best AS b
  JOIN bench_variant AS v USING (ord)
  JOIN best AS floor ON floor.jit = b.jit AND floor.ord = 1
  LEFT JOIN best AS agg ON agg.jit = b.jit AND agg.ord = CASE v.family WHEN 'af' THEN 2 WHEN 'fgt' THEN 6 END
  LEFT JOIN best AS sql ON sql.jit = b.jit AND sql.ord = CASE v.family WHEN 'af' THEN 4 WHEN 'fgt' THEN 7 END
  LEFT JOIN best AS serial ON serial.jit = b.jit AND serial.ord = v.serial;

\echo x floor: best time over the best time of the serial scan floor.  SQL/agg: for a plain-SQL row, its time
\echo over that of its aggregate (af_state_agg, fgt_state_agg); for an aggregate, the FILTER plain SQL time over its own.
\echo speed-up: the serial best time over the 2-worker best time.
SELECT jit, variant,
       round(best_ms::numeric, 1) AS "best ms",
       round(median_ms::numeric, 1) AS "median ms",
       round(vs_floor::numeric, 2) AS "x floor",
       round(sql_ratio::numeric, 2) AS "SQL/agg",
       round(speed_up::numeric, 2) AS "speed-up"
  FROM bench_summary ORDER BY jit DESC, workers, ord;

\echo Targets: aggregate within 2x of the scan floor (single-threaded); plain SQL at least 3x the time of the
\echo aggregate; speed-up with 2 workers near-linear (taken as at least 1.8, on this 2-core machine at most 2;
\echo the speed-up of the floor itself is shown); state size independent of the row count.
CREATE TEMP VIEW bench_target AS
SELECT s.jit, t.*,
       CASE WHEN t.target IS NULL THEN '-'
            WHEN t.direction = '<=' AND t.ratio <= t.target THEN 'met'
            WHEN t.direction = '>=' AND t.ratio >= t.target THEN 'met'
            ELSE 'NOT met' END AS result
  FROM (SELECT DISTINCT jit FROM bench_summary) AS s,
       LATERAL (VALUES
         (1, 'AF af_state_agg time / scan floor time', (SELECT vs_floor FROM bench_summary WHERE jit = s.jit AND ord = 2), '<=', 2.0),
         (2, 'FGT fgt_state_agg time / scan floor time', (SELECT vs_floor FROM bench_summary WHERE jit = s.jit AND ord = 6), '<=', 2.0),
         (3, 'AF plain SQL (FILTER) time / af_state_agg time', (SELECT sql_ratio FROM bench_summary WHERE jit = s.jit AND ord = 4), '>=', 3.0),
         (4, 'FGT plain SQL time / fgt_state_agg time', (SELECT sql_ratio FROM bench_summary WHERE jit = s.jit AND ord = 7), '>=', 3.0),
         (5, 'AF af_state_agg speed-up, 2 workers', (SELECT speed_up FROM bench_summary WHERE jit = s.jit AND ord = 12), '>=', 1.8),
         (6, 'FGT fgt_state_agg speed-up, 2 workers', (SELECT speed_up FROM bench_summary WHERE jit = s.jit AND ord = 16), '>=', 1.8),
         (7, 'scan floor speed-up, 2 workers', (SELECT speed_up FROM bench_summary WHERE jit = s.jit AND ord = 11), NULL, NULL),
         (8, 'AF af_m0 time / scan floor time', (SELECT vs_floor FROM bench_summary WHERE jit = s.jit AND ord = 3), NULL, NULL),
         (9, 'AF plain SQL (GROUP BY mask) time / af_state_agg time', (SELECT sql_ratio FROM bench_summary WHERE jit = s.jit AND ord = 5), NULL, NULL)
       ) AS t(n, comparison, ratio, direction, target);
SELECT jit, comparison, round(ratio::numeric, 2) AS ratio,
       coalesce(direction || ' ' || target, '') AS target, result
  FROM bench_target ORDER BY jit DESC, n;

SELECT 'AF and FGT state size independent of the row count' AS comparison,
       format('AF %s bytes, FGT %s bytes at 1,000 / 100,000 / all rows (serial)',
              string_agg(DISTINCT af_state_bytes::text, '/'), string_agg(DISTINCT fgt_state_bytes::text, '/')) AS sizes,
       CASE WHEN count(DISTINCT af_state_bytes) = 1 AND count(DISTINCT fgt_state_bytes) = 1 THEN 'met' ELSE 'NOT met' END AS result
  FROM bench_state_size WHERE workers = 0;

\echo
\echo Gini and weighted median on :sample_rows rows, best of :runs runs (single backend)
SELECT r.jit, v.variant,
       round(min(r.ms)::numeric, 1) AS "best ms",
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY r.ms))::numeric, 1) AS "median ms",
       round((min(r.ms) / (SELECT min(ms) FROM sample_run WHERE jit = r.jit AND ord = 1))::numeric, 2) AS "x floor",
       min(r.result) AS result
  FROM sample_run AS r JOIN sample_variant AS v USING (ord)
 GROUP BY r.jit, r.ord, v.variant ORDER BY r.jit DESC, r.ord;

-- The runs, for bench/run's report (the temporary tables end with this session).
\if :{?results}
INSERT INTO bench_result.timing (bench, size, jit, ord, variant, run, ms, cpu_ms)
SELECT 'measures', :rows, r.jit, r.ord, v.variant, r.run, r.ms, CASE WHEN v.workers = 0 THEN r.cpu_ms END
  FROM bench_run AS r JOIN bench_variant AS v USING (ord);
INSERT INTO bench_result.timing (bench, size, jit, ord, variant, run, ms, cpu_ms, result)
SELECT 'sample', :sample_rows, r.jit, r.ord, v.variant, r.run, r.ms, r.cpu_ms, r.result
  FROM sample_run AS r JOIN sample_variant AS v USING (ord);
\endif

-- Backend memory ------------------------------------------------------------------

-- Peak memory of a query, measured in a fresh backend from /proc/self/status:
-- peak = VmHWM after the query - VmRSS before it (after a warm-up scan of
-- the same table, which maps its pages of shared buffers into the backend, a
-- run of the query on 10 rows, and a reset of VmHWM).  Serial plans, jit off.
CREATE FUNCTION povext_bench.status_kb(field text) RETURNS bigint LANGUAGE sql AS $$
    SELECT (regexp_match(pg_read_file('/proc/self/status'), field || ':\s+(\d+) kB'))[1]::bigint
$$;
CREATE TABLE povext_bench.memory (ord integer, query text, rows bigint, rss_before_kb bigint,
                                  hwm_before_kb bigint, hwm_after_kb bigint, rss_after_kb bigint);
CREATE FUNCTION povext_bench.memory_probe(ord integer, label text, rows bigint, query text) RETURNS text
    LANGUAGE plpgsql AS $$
DECLARE
    rss_before bigint;
    hwm_before bigint;
    ignored text;
BEGIN
    SET max_parallel_workers_per_gather = 0;
    -- no JIT: loading LLVM maps some 50 MB of its library into the backend
    SET jit = off;
    SET synchronize_seqscans = off;
    -- warm up: a scan of the table, and the query itself on 10 rows (caches, plpgsql, catalog)
    PERFORM count(*) FROM povext_bench.household_sample;
    EXECUTE replace(query, 'FROM povext_bench.household_sample',
                    'FROM (SELECT * FROM povext_bench.household_sample LIMIT 10) AS warm') INTO ignored;
    -- reset VmHWM to the RSS now: the peak of what ran before must not count
    COPY (SELECT 5) TO '/proc/self/clear_refs';
    rss_before := povext_bench.status_kb('VmRSS');
    hwm_before := povext_bench.status_kb('VmHWM');
    EXECUTE query INTO ignored;
    INSERT INTO povext_bench.memory
         VALUES (ord, label, rows, rss_before, hwm_before, povext_bench.status_kb('VmHWM'), povext_bench.status_kb('VmRSS'));
    RETURN label;
END
$$;
SELECT count(*) AS sample_rows FROM povext_bench.household_sample \gset
\connect
SELECT povext_bench.memory_probe(1, 'af_state_agg', :sample_rows, $q$SELECT povext.af_state_agg(deprivations, 'vn-2022', size)::text FROM povext_bench.household_sample$q$) AS probe;
\connect
SELECT povext_bench.memory_probe(2, 'fgt_state_agg', :sample_rows, $q$SELECT povext.fgt_state_agg(income, 2000000, size)::text FROM povext_bench.household_sample$q$) AS probe;
\connect
SELECT povext_bench.memory_probe(3, 'gini', :sample_rows / 10, format($q$SELECT povext.gini(income, size) FROM (SELECT * FROM povext_bench.household_sample LIMIT %s) AS h$q$, :sample_rows / 10)) AS probe;
\connect
SELECT povext_bench.memory_probe(4, 'gini', :sample_rows, $q$SELECT povext.gini(income, size) FROM povext_bench.household_sample$q$) AS probe;
\connect
SELECT povext_bench.memory_probe(5, 'weighted_median', :sample_rows, $q$SELECT povext.weighted_median(income, size) FROM povext_bench.household_sample$q$) AS probe;
\connect
SELECT povext_bench.memory_probe(6, 'sample_state_agg (sorted state, returned)', :sample_rows, $q$SELECT pg_column_size(povext.sample_state_agg(income, size)) FROM povext_bench.household_sample$q$) AS probe;
\connect
SELECT povext_bench.memory_probe(7, 'plain SQL weighted Gini (window sum, sorts within work_mem)', :sample_rows, $q$SELECT 100 * ((2 * sum(w * x * cw) - sum(w * w * x)) / (sum(w) * sum(w * x)) - 1)
       FROM (SELECT income AS x, size::float8 AS w,
                    sum(size) OVER (ORDER BY income, size ROWS UNBOUNDED PRECEDING)::float8 AS cw
               FROM povext_bench.household_sample) AS s$q$) AS probe;

\echo Peak memory of the backend per query, in a fresh backend, jit off: VmHWM after the query minus VmRSS before it
SELECT query, rows,
       round((hwm_after_kb - rss_before_kb) / 1024.0, 1) AS "peak MB above start",
       round(1024.0 * (hwm_after_kb - rss_before_kb) / rows, 1) AS "bytes per row",
       CASE WHEN hwm_before_kb > rss_before_kb + 1024 THEN format('(earlier peak %s kB above start)', hwm_before_kb - rss_before_kb) ELSE '' END AS note
  FROM povext_bench.memory ORDER BY ord;

\if :{?results}
INSERT INTO bench_result.memory (bench, size, variant, peak_kb)
SELECT 'measures', rows, query, hwm_after_kb - rss_before_kb FROM povext_bench.memory;
COPY (SELECT income, size FROM povext_bench.household_sample) TO :'sample_csv' WITH (FORMAT csv);
\endif

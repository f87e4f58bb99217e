-- Classification benchmark (issue: foundation).
--
-- On generated households, times the same vn-2022 classification done by
--   the C function povext.classify(income, deprivations, 'vn-2022', area),
--   an inline SQL CASE with the vn-2022 lines hard-coded,
--   a PL/pgSQL function that reads the lines from povext.standard_line,
--   a PL/pgSQL function with the lines hard-coded,
-- against the floor of a plain scan with the same aggregate shape, and checks
-- that every variant gives every household the same status.
--
-- Run with tools/bench.sh bench/classify.sql (a throwaway cluster with povext
-- created in database postgres).  psql variables, e.g. psql -v rows=100000:
--   rows  number of generated households (default 1000000)
--   runs  timed runs of each query, the best one counts (default 5)
--   jit   time with this jit setting only (default: time every query with
--         jit = off, then with the server's setting, on for Debian's build)
--   plpgsql_runs  timed runs of the two PL/pgSQL variants, the first ones
--         (default: runs); bench/run sets 1, since the catalog-reading one
--         takes some 100 times the C function's time
--   results  if set, the timed runs are also inserted into
--         bench_result.timing (bench/run creates it and builds its report)
--
-- Every timed query aggregates its statuses (status, count(*) GROUP BY 1),
-- so no row is sent to the client; a run's time is clock_timestamp() around
-- EXECUTE in PL/pgSQL, so planning (microseconds) is included and psql is not.
-- Runs are interleaved (round 1 of every variant, then round 2, ...) so that
-- a slow phase of the machine does not land on one variant only.

\set ON_ERROR_STOP 1
\if :{?rows}
\else
\set rows 1000000
\endif
\if :{?runs}
\else
\set runs 5
\endif
\if :{?plpgsql_runs}
\else
\set plpgsql_runs :runs
\endif
\if :{?jit}
SET jit = :'jit';
SELECT set_config('povext_bench.jit', 'one', false) AS jit_passes \gset
\else
SELECT set_config('povext_bench.jit', 'both', false) AS jit_passes \gset
\endif

-- One backend, no parallel workers: a fair single-threaded comparison.
SET max_parallel_workers_per_gather = 0;
SELECT set_config('povext_bench.runs', :'runs', false) AS runs,
       set_config('povext_bench.plpgsql_runs', :'plpgsql_runs', false) AS plpgsql_runs \gset

SET client_min_messages = warning;
DROP SCHEMA IF EXISTS povext_bench CASCADE;
RESET client_min_messages;
CREATE SCHEMA povext_bench;

-- The vn-2022 lines and indicators the hard-coded variants use must be
-- those of the catalog, or the comparison is meaningless.
DO $$
DECLARE
    lines text;
    indicators text;
BEGIN
    SELECT string_agg(format('%s %s/%s/%s', area, poor_line, near_poor_line, middle_line), ', ' ORDER BY area)
      INTO lines FROM povext.standard_line WHERE standard = 'vn-2022';
    SELECT string_agg(indicator, ',' ORDER BY indicator)
      INTO indicators FROM povext.standard_indicator WHERE standard = 'vn-2022';
    IF lines IS DISTINCT FROM 'urban 2000000/2000000/3000000, rural 1500000/1500000/2250000'
       OR indicators IS DISTINCT FROM 'adult_education,dependants,employment,health_insurance,housing_area,housing_quality,information_access,nutrition,sanitation,school_attendance,telecom,water'
       OR (SELECT rule::text || minimum_deprivations FROM povext.standard WHERE code = 'vn-2022') IS DISTINCT FROM 'income_and_deprivation3'
    THEN
        RAISE EXCEPTION 'the vn-2022 catalog rows are not those the hard-coded variants assume'
            USING DETAIL = format('lines: %s; indicators: %s', lines, indicators);
    END IF;
END
$$;

-- Households -------------------------------------------------------------------

-- Per-capita income in VND per month, spread around the vn-2022 lines
-- (rural 1.5M / 2.25M, urban 2M / 3M):
--   80% uniform on [300,000, 4,000,000], rounded to 1,000 VND;
--   10% exactly on one of the four lines (the <= boundaries);
--   10% computed by povext.per_capita_income from a yearly household income
--       and 1-8 members, so with the long fractions real data has.
-- Deprivations: each of the 21 shipped indicators with probability 0.2; the
-- 12 vn-2022 ones give Binomial(12, 0.2), so about 44% have d >= 3, and the
-- other 9 (ignored by vn-2022) make the indicator mask matter.
-- Area: 60% rural, 40% urban.  The area column is last, so every variant,
-- the plain scan included, deforms every column of the row.
SELECT setseed(0.2022) AS seeded \gset
CREATE TABLE povext_bench.household (
    id integer NOT NULL,
    per_capita_income numeric NOT NULL,
    deprivations povext.deprivations NOT NULL,
    deprivation_count integer NOT NULL,     -- vn-2022 indicators only, precomputed
    area povext.area NOT NULL
);

INSERT INTO povext_bench.household (id, per_capita_income, deprivations, deprivation_count, area)
SELECT g.id, g.income, d.deprivations,
       povext.deprivation_count(d.deprivations OPERATOR(povext.&) m.mask),
       g.area
  FROM (SELECT id,
               CASE WHEN r < 0.8 THEN round(u, -3)
                    WHEN r < 0.9 THEN (ARRAY[1500000, 2000000, 2250000, 3000000]::numeric[])[1 + floor(4 * random())::integer]
                    ELSE povext.per_capita_income(round(u * 12 * members), members)
               END AS income,
               (SELECT sum(1 << b) FILTER (WHERE random() < 0.2)
                  FROM generate_series(0, 20) AS b
                 WHERE id > 0)::integer AS bits,      -- "id > 0": one draw per household
               CASE WHEN random() < 0.6 THEN 'rural' ELSE 'urban' END::povext.area AS area
          FROM (SELECT id, random() AS r, (300000 + 3700000 * random())::numeric AS u,
                       1 + floor(8 * random())::integer AS members
                  FROM generate_series(1, :rows) AS id) AS s
       ) AS g,
       LATERAL (SELECT ARRAY(SELECT i.code FROM povext.indicator AS i
                              WHERE coalesce(g.bits, 0) & (1 << i.bit) <> 0)::povext.deprivations
                       AS deprivations) AS d,
       (SELECT ARRAY(SELECT indicator FROM povext.standard_indicator
                      WHERE standard = 'vn-2022')::povext.deprivations AS mask) AS m;

VACUUM ANALYZE povext_bench.household;

SELECT count(*) AS households,
       pg_size_pretty(pg_table_size('povext_bench.household')) AS table_size,
       count(*) FILTER (WHERE area = 'urban') AS urban,
       count(*) FILTER (WHERE per_capita_income IN (1500000, 2000000, 2250000, 3000000)) AS on_a_line,
       count(*) FILTER (WHERE scale(per_capita_income) > 0) AS fractional_income,
       round(avg(deprivation_count), 2) AS avg_vn2022_deprivations,
       count(*) FILTER (WHERE deprivation_count >= 3) AS with_d_ge_3
  FROM povext_bench.household;

-- PL/pgSQL variants ------------------------------------------------------------

-- The honest PL/pgSQL equivalent of povext.classify(numeric, deprivations,
-- text, area): it looks the standard up by code at every call (lines, rule,
-- K and the standard's indicators) and applies the same rules, two_band
-- included.  It is STABLE like the C function; it does not check the income.
CREATE FUNCTION povext_bench.classify_plpgsql(per_capita_income numeric,
                                              deprivations povext.deprivations,
                                              standard text, area povext.area)
    RETURNS povext.status LANGUAGE plpgsql STABLE STRICT AS $$
DECLARE
    s record;
    enough boolean;
BEGIN
    SELECT st.rule, st.minimum_deprivations, l.poor_line, l.near_poor_line, l.middle_line,
           ARRAY(SELECT si.indicator FROM povext.standard_indicator AS si
                  WHERE si.standard = st.code)::povext.deprivations AS mask
      INTO s
      FROM povext.standard AS st
      JOIN povext.standard_line AS l ON l.standard = st.code AND l.area = classify_plpgsql.area
     WHERE st.code = classify_plpgsql.standard;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'poverty standard "%" has no income lines for area "%"', standard, area;
    END IF;
    IF per_capita_income <= s.poor_line OR (s.rule = 'two_band' AND per_capita_income <= s.near_poor_line) THEN
        enough := povext.deprivation_count(deprivations OPERATOR(povext.&) s.mask) >= s.minimum_deprivations;
        IF enough OR (s.rule = 'two_band' AND per_capita_income <= s.poor_line) THEN
            RETURN 'poor';
        END IF;
        RETURN 'near_poor';
    END IF;
    IF per_capita_income <= s.middle_line THEN
        RETURN 'middle';
    END IF;
    RETURN 'not_poor';
END
$$;

-- PL/pgSQL with the vn-2022 lines, K and indicators hard-coded: the cost of
-- the PL/pgSQL calls and statements alone, without the catalog lookup.
CREATE FUNCTION povext_bench.classify_plpgsql_vn2022(per_capita_income numeric,
                                                     deprivations povext.deprivations,
                                                     area povext.area)
    RETURNS povext.status LANGUAGE plpgsql STABLE STRICT AS $$
DECLARE
    urban boolean := area = 'urban';
BEGIN
    IF per_capita_income <= (CASE WHEN urban THEN 2000000 ELSE 1500000 END) THEN
        IF povext.deprivation_count(deprivations OPERATOR(povext.&)
               '{employment,dependants,nutrition,health_insurance,adult_education,school_attendance,housing_quality,housing_area,water,sanitation,telecom,information_access}') >= 3 THEN
            RETURN 'poor';
        END IF;
        RETURN 'near_poor';
    END IF;
    IF per_capita_income <= (CASE WHEN urban THEN 3000000 ELSE 2250000 END) THEN
        RETURN 'middle';
    END IF;
    RETURN 'not_poor';
END
$$;

-- Variants ---------------------------------------------------------------------

-- expr is the status of one row of povext_bench.household; every timed
-- query is SELECT expr, count(*) FROM povext_bench.household GROUP BY 1.
-- The CASE branches are povext.status constants: a CASE of text literals
-- cast to povext.status as a whole would convert text to the enum at every
-- row (a CoerceViaIO through enum_in) and make the CASE look slower than
-- it need be.
CREATE TEMP TABLE bench_variant (
    ord integer PRIMARY KEY,
    variant text NOT NULL,
    classifies boolean NOT NULL,
    expr text NOT NULL
);
INSERT INTO bench_variant VALUES
 (1, 'plain scan (GROUP BY area)', false, 'area'),
 (2, 'C povext.classify', true,
  $q$povext.classify(per_capita_income, deprivations, 'vn-2022', area)$q$),
 -- The count of vn-2022 deprivations from the deprivations column, as the C
 -- function gets it: the fair inline CASE.
 (3, 'inline CASE, d from deprivations & mask', true,
  $q$CASE WHEN area = 'urban' THEN
        CASE WHEN per_capita_income <= 2000000 THEN
                  CASE WHEN povext.deprivation_count(deprivations OPERATOR(povext.&) '{employment,dependants,nutrition,health_insurance,adult_education,school_attendance,housing_quality,housing_area,water,sanitation,telecom,information_access}') >= 3
                       THEN 'poor'::povext.status ELSE 'near_poor'::povext.status END
             WHEN per_capita_income <= 3000000 THEN 'middle'::povext.status
             ELSE 'not_poor'::povext.status END
      ELSE
        CASE WHEN per_capita_income <= 1500000 THEN
                  CASE WHEN povext.deprivation_count(deprivations OPERATOR(povext.&) '{employment,dependants,nutrition,health_insurance,adult_education,school_attendance,housing_quality,housing_area,water,sanitation,telecom,information_access}') >= 3
                       THEN 'poor'::povext.status ELSE 'near_poor'::povext.status END
             WHEN per_capita_income <= 2250000 THEN 'middle'::povext.status
             ELSE 'not_poor'::povext.status END
      END$q$),
 -- The precomputed deprivation_count column: the CASE gets the count for
 -- free, which the C function cannot (a lower bound for SQL).
 (4, 'inline CASE, d precomputed column', true,
  $q$CASE WHEN area = 'urban' THEN
        CASE WHEN per_capita_income <= 2000000 THEN
                  CASE WHEN deprivation_count >= 3 THEN 'poor'::povext.status ELSE 'near_poor'::povext.status END
             WHEN per_capita_income <= 3000000 THEN 'middle'::povext.status
             ELSE 'not_poor'::povext.status END
      ELSE
        CASE WHEN per_capita_income <= 1500000 THEN
                  CASE WHEN deprivation_count >= 3 THEN 'poor'::povext.status ELSE 'near_poor'::povext.status END
             WHEN per_capita_income <= 2250000 THEN 'middle'::povext.status
             ELSE 'not_poor'::povext.status END
      END$q$),
 (5, 'PL/pgSQL, lines from povext.standard_line', true,
  $q$povext_bench.classify_plpgsql(per_capita_income, deprivations, 'vn-2022', area)$q$),
 (6, 'PL/pgSQL, lines hard-coded', true,
  $q$povext_bench.classify_plpgsql_vn2022(per_capita_income, deprivations, area)$q$);

-- Correctness: every household, every variant --------------------------------

-- One pass that compares each variant's status with the C function's, row by
-- row; an error if any household differs.  Then the distribution of statuses.
CREATE FUNCTION pg_temp.check_households() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    checks text;
    differ jsonb;
BEGIN
    SELECT string_agg(format('%L, count(*) FILTER (WHERE (%s) IS DISTINCT FROM c)', variant, expr), ', ' ORDER BY ord)
      INTO checks FROM bench_variant
     WHERE classifies AND ord <> 2
       -- variants not timed are not checked either (bench/run --large at 10^7
       -- rows: the catalog-reading PL/pgSQL alone would take minutes)
       AND (ord < 5 OR current_setting('povext_bench.plpgsql_runs')::integer > 0);
    EXECUTE format('SELECT jsonb_build_object(%s) FROM (SELECT *, %s AS c FROM povext_bench.household) AS h',
                   checks, (SELECT expr FROM bench_variant WHERE ord = 2))
       INTO differ;
    IF EXISTS (SELECT FROM jsonb_each(differ) WHERE value::bigint <> 0) THEN
        RAISE EXCEPTION 'CHECK FAILED: variants disagree with povext.classify on some households'
            USING DETAIL = format('Households classified differently, by variant: %s', differ);
    END IF;
    RETURN format('passed: every variant gives each of the %s households the status povext.classify gives',
                  (SELECT count(*) FROM povext_bench.household));
END
$$;
SELECT pg_temp.check_households() AS "check";

SELECT povext.classify(per_capita_income, deprivations, 'vn-2022', area) AS status, area, count(*) AS households
  FROM povext_bench.household GROUP BY ROLLUP (1, 2) ORDER BY 1, 2;

-- Timing -------------------------------------------------------------------------

-- Each query is timed with jit = off (what the code paths cost) and with the
-- server's jit setting (Debian's default is on; the CASE queries cost more
-- than jit_above_cost = 100000 and get compiled, povext.classify does not).
-- psql -v jit=off or -v jit=on times one setting only.
CREATE TEMP TABLE bench_run (
    jit text NOT NULL,
    ord integer NOT NULL,
    run integer NOT NULL,
    ms double precision NOT NULL,
    cpu_ms double precision NOT NULL,
    counts jsonb NOT NULL
);

-- CPU time of this backend, in ns, from /proc/self/schedstat (Linux): time
-- on a CPU, without the time spent waiting for one, which on a shared
-- machine is most of the noise of the wall-clock time.
CREATE FUNCTION pg_temp.cpu_ns() RETURNS bigint LANGUAGE sql AS $$
    SELECT split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint
$$;

-- Warm the buffer cache and the catalog cache of this backend.
SELECT count(*) AS warm_up FROM povext_bench.household WHERE povext.classify(per_capita_income, deprivations, 'vn-2022', area) IS NULL;

DO $$
DECLARE
    runs integer := current_setting('povext_bench.runs')::integer;
    plpgsql_runs integer := current_setting('povext_bench.plpgsql_runs')::integer;
    server_jit text := current_setting('jit');
    v record;
    jit_setting text;
    started timestamptz;
    cpu_started bigint;
    counts jsonb;
BEGIN
    FOREACH jit_setting IN ARRAY CASE WHEN current_setting('povext_bench.jit') = 'both' AND server_jit <> 'off'
                                      THEN ARRAY['off', server_jit] ELSE ARRAY[server_jit] END LOOP
        PERFORM set_config('jit', jit_setting, false);
        FOR run IN 1 .. runs LOOP
            FOR v IN SELECT * FROM bench_variant WHERE ord < 5 OR run <= plpgsql_runs ORDER BY ord LOOP
                cpu_started := pg_temp.cpu_ns();
                started := clock_timestamp();
                EXECUTE format('SELECT jsonb_object_agg(status, n) FROM (SELECT %s AS status, count(*) AS n FROM povext_bench.household GROUP BY 1) AS r',
                               v.expr)
                   INTO counts;
                INSERT INTO bench_run
                     VALUES (jit_setting, v.ord, run, 1000 * extract(epoch FROM clock_timestamp() - started),
                             (pg_temp.cpu_ns() - cpu_started) / 1e6, counts);
            END LOOP;
        END LOOP;
    END LOOP;
    PERFORM set_config('jit', server_jit, false);
END
$$;

-- Every run of every classifying variant must have counted the same statuses.
CREATE FUNCTION pg_temp.check_runs() RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT count(DISTINCT r.counts) FROM bench_run AS r JOIN bench_variant AS v USING (ord) WHERE v.classifies) <> 1 THEN
        RAISE EXCEPTION 'CHECK FAILED: the timed runs counted different statuses'
            USING DETAIL = (SELECT string_agg(format('%s (jit %s) run %s: %s', v.variant, r.jit, r.run, r.counts), E'\n' ORDER BY r.ord, r.jit, r.run)
                              FROM bench_run AS r JOIN bench_variant AS v USING (ord) WHERE v.classifies);
    END IF;
    RETURN format('passed: every timed run of every variant counted %s',
                  (SELECT r.counts FROM bench_run AS r WHERE r.ord = 2 LIMIT 1));
END
$$;
SELECT pg_temp.check_runs() AS "check";

-- Results ------------------------------------------------------------------------

\echo
\echo Classification of the households under vn-2022, best of :runs runs, single backend
SELECT current_setting('server_version') AS server,
       current_setting('max_parallel_workers_per_gather') AS parallel_workers,
       current_setting('shared_buffers') AS shared_buffers,
       current_setting('work_mem') AS work_mem,
       (SELECT count(*) FROM povext_bench.household) AS households;

CREATE TEMP VIEW bench_summary AS
WITH best AS (
    SELECT jit, ord, min(ms) AS best_ms,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS median_ms
      FROM bench_run GROUP BY jit, ord
)
SELECT b.jit, b.ord, v.variant, b.best_ms, b.median_ms,
       b.best_ms - scan.best_ms AS above_scan_ms,
       b.best_ms / scan.best_ms AS vs_scan,
       b.best_ms / c.best_ms AS vs_c
  FROM best AS b
  JOIN bench_variant AS v USING (ord)
  JOIN best AS scan ON scan.jit = b.jit AND scan.ord = 1
  JOIN best AS c ON c.jit = b.jit AND c.ord = 2;

SELECT jit, variant,
       round(best_ms::numeric, 1) AS "best ms",
       round(median_ms::numeric, 1) AS "median ms",
       round(above_scan_ms::numeric, 1) AS "ms above scan",
       round(vs_scan::numeric, 2) AS "x scan",
       round(vs_c::numeric, 2) AS "x C"
  FROM bench_summary ORDER BY jit DESC, ord;

\echo Targets: PL/pgSQL (lines from the catalog) at least 5x the time of C; inline CASE (d from the same
\echo deprivations column C gets) at least the time of C.  Other rows are for information.
SELECT t.jit, t.comparison, round(t.ratio::numeric, 2) AS ratio,
       CASE WHEN t.target IS NULL THEN '-' WHEN t.ratio >= t.target THEN 'met' ELSE 'NOT met' END AS target
  FROM (SELECT s.jit, s.ord,
               CASE s.ord WHEN 1 THEN 'C time / plain scan time'
                          ELSE s.variant || ' time / C time' END AS comparison,
               CASE s.ord WHEN 1 THEN 1 / s.vs_c ELSE s.vs_c END AS ratio,
               CASE s.ord WHEN 3 THEN 1 WHEN 5 THEN 5 END AS target
          FROM bench_summary AS s WHERE s.ord <> 2) AS t
 ORDER BY t.jit DESC, CASE t.ord WHEN 5 THEN 0 WHEN 3 THEN 1 ELSE 10 + t.ord END;

\if :{?results}
INSERT INTO bench_result.timing (bench, size, jit, ord, variant, run, ms, cpu_ms)
SELECT 'classify', :rows, r.jit, r.ord, v.variant, r.run, r.ms, r.cpu_ms
  FROM bench_run AS r JOIN bench_variant AS v USING (ord);
\endif

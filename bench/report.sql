-- The generated part of docs/benchmarks.md, in Markdown, from what bench/run
-- collected in bench_result (psql -At -f bench/report.sql).  Every ratio is
-- of medians of the same run.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;

CREATE TEMP VIEW med AS
SELECT bench, size, jit, ord, variant, count(*) AS runs,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS ms,
       min(ms) AS best_ms, max(ms) AS worst_ms,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY cpu_ms) AS cpu_ms
  FROM bench_result.timing GROUP BY bench, size, jit, ord, variant;

-- Median time of one variant for ratios: CPU time where measured, else
-- wall-clock time; NULL if it was not run, or too short to be measured (the
-- CPU time comes in ticks of 4 ms on some kernels).
CREATE FUNCTION pg_temp.m(b text, s bigint, j text, o integer) RETURNS float8 LANGUAGE sql STABLE AS $$
    SELECT nullif(coalesce(cpu_ms, ms), 0) FROM med WHERE bench = b AND size = s AND jit = j AND ord = o
$$;
-- Median wall-clock time of one variant (parallel speed-ups).
CREATE FUNCTION pg_temp.w(b text, s bigint, j text, o integer) RETURNS float8 LANGUAGE sql STABLE AS $$
    SELECT nullif(ms, 0) FROM med WHERE bench = b AND size = s AND jit = j AND ord = o
$$;
CREATE FUNCTION pg_temp.r(x float8) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN x IS NULL THEN '—' WHEN x >= 100 THEN round(x::numeric, 0)::text
                WHEN x >= 10 THEN round(x::numeric, 1)::text ELSE round(x::numeric, 2)::text END
$$;
CREATE FUNCTION pg_temp.n(x bigint) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT to_char(x, 'FM999,999,999,999')
$$;

-- the sizes of the targets: 10^6 rows where run, else the largest
CREATE TEMP VIEW target_size AS
SELECT coalesce(max(size) FILTER (WHERE size = 1000000), max(size)) AS size FROM med WHERE bench = 'measures';

SELECT '### Machine and load' || E'\n';
SELECT '| | |' || E'\n' || '|---|---|';
SELECT format('| %s | %s |', key, value) FROM bench_result.machine ORDER BY ord;
SELECT '';
SELECT 'Load average (1, 5, 15 min) after each step: the machine may be shared, and every ratio below '
       || 'compares variants timed in the same run, interleaved.' || E'\n';
SELECT '| after | 1 min | 5 min | 15 min |' || E'\n' || '|---|---|---|---|';
SELECT format('| %s | %s | %s | %s |', step, load1, load5, load15) FROM bench_result.load ORDER BY at;
SELECT '';

-- How cost grows (bench/run --large only: psql -v large=true)
\if :{?large}
\else
\set large false
\endif
\if :large
SELECT '### How cost grows with the rows' || E'\n';
SELECT 'Median CPU ms of the backend at each size, jit off (the jit-on numbers are in the tables further down); '
       || 'in brackets the CPU ns per row and the time over the plain scan of the same rows.  2 workers: wall-clock ms '
       || 'and the speed-up, serial over parallel.  laeken: R''s CPU time, and R''s time over povext''s.  '
       || 'Where the kernel counts CPU time in scheduler ticks (4 ms on the development machine), a time of '
       || '10-20 ms at 10^5 rows is known to a tick only.' || E'\n';
SELECT '| measure | ' || string_agg(pg_temp.n(size) || ' rows', ' | ' ORDER BY size) || E' |\n'
       || '|---|' || repeat('---|', count(*)::integer)
  FROM (SELECT DISTINCT size FROM med WHERE bench IN ('classify', 'measures')) AS s;
WITH g(n, label, bench, ord, kind) AS (VALUES
    (1, 'classification: plain scan (GROUP BY area)', 'classify', 1, 'base'),
    (2, 'classification: povext.classify', 'classify', 2, 'serial'),
    (3, 'classification: inline CASE, d from deprivations & mask (and CASE / C)', 'classify', 3, 'case'),
    (4, 'aggregates: plain scan, sum(size)', 'measures', 1, 'base'),
    (5, 'AF: af_state_agg', 'measures', 2, 'serial'),
    (6, 'FGT: fgt_state_agg', 'measures', 6, 'serial'),
    (7, 'plain scan, 2 workers', 'measures', 11, 'parallel'),
    (8, 'AF: af_state_agg, 2 workers', 'measures', 12, 'parallel'),
    (9, 'FGT: fgt_state_agg, 2 workers', 'measures', 16, 'parallel'),
    (9.5, 'start-up: sum(size) over 1,000 rows, 2 workers (speed-up over serial)', 'measures', 19, 'parallel'),
    (10, 'Gini rows: plain scan, sum(size)', 'sample', 1, 'base'),
    (11, 'gini + weighted_median + P0 at 60% of the median', 'sample', 9, 'serial'),
    (12, 'laeken (R): gini + weightedMedian + arpr', 'laeken', 1, 'laeken')
), cell AS (
    SELECT g.n, g.label, s.size,
           CASE WHEN g.kind = 'laeken' THEN pg_temp.m('laeken', s.size, '-', 1)
                WHEN g.kind = 'parallel' THEN pg_temp.w(g.bench, s.size, 'off', g.ord)
                ELSE pg_temp.m(g.bench, s.size, 'off', g.ord) END AS ms,
           g.kind, g.bench, g.ord
      FROM g CROSS JOIN (SELECT DISTINCT size FROM med WHERE bench IN ('classify', 'measures')) AS s
)
SELECT format('| %s | %s |', label, string_agg(
           CASE WHEN ms IS NULL THEN 'not run'
                WHEN kind = 'parallel' THEN format('%s ms (speed-up %s)', pg_temp.r(ms),
                     pg_temp.r(pg_temp.w(bench, size, 'off', ord - 10) / nullif(ms, 0)))
                ELSE format('%s ms (%s ns/row%s)', pg_temp.r(ms), pg_temp.r(1e6 * ms / size),
                     CASE kind WHEN 'base' THEN ''
                               WHEN 'laeken' THEN ', ' || pg_temp.r(ms / nullif(pg_temp.m('sample', size, 'off', 9), 0)) || '× povext'
                               ELSE ', ' || pg_temp.r(ms / nullif(pg_temp.m(bench, size, 'off', 1), 0)) || '× scan' END
                     || CASE kind WHEN 'case' THEN ', CASE / C ' || pg_temp.r(ms / nullif(pg_temp.m(bench, size, 'off', 2), 0)) ELSE '' END)
           END, ' | ' ORDER BY size))
  FROM cell GROUP BY n, label HAVING count(ms) > 0 ORDER BY n;
SELECT '';

SELECT '### How cost grows with the registry' || E'\n';
SELECT 'Wall-clock ms (median of the runs; one run of the city registry), and in brackets µs per household.' || E'\n';
SELECT '| step | ' || string_agg(pg_temp.n(size) || ' households (' || runs || CASE WHEN runs = 1 THEN ' run)' ELSE ' runs)' END,
                                ' | ' ORDER BY size) || E' |\n' || '|---|' || repeat('---|', count(*)::integer)
  FROM (SELECT size, max(runs) AS runs FROM med WHERE bench = 'registry' GROUP BY size) AS s;
WITH g(n, label, num, den) AS (VALUES
    (1, 'load with triggers (households + members)', ARRAY[1, 2], NULL::integer[]),
    (2, 'load without triggers (baseline)', ARRAY[3, 4], NULL),
    (3, 'load, with / without triggers', ARRAY[1, 2], ARRAY[3, 4]),
    (4, 'registry_check', ARRAY[5], NULL),
    (5, 'registry_recompute, nothing changed', ARRAY[6], NULL),
    (6, 'registry_recompute, every household written', ARRAY[7], NULL),
    (7, 'plain UPDATE of the same rows (baseline)', ARRAY[8], NULL),
    (8, 'recompute / plain UPDATE', ARRAY[7], ARRAY[8])
), cell AS (
    SELECT g.n, g.label, s.size,
           (SELECT sum(pg_temp.m('registry', s.size, '-', o)) FROM unnest(g.num) AS o) AS ms,
           (SELECT sum(pg_temp.m('registry', s.size, '-', o)) FROM unnest(g.den) AS o) AS den_ms
      FROM g CROSS JOIN (SELECT DISTINCT size FROM med WHERE bench = 'registry') AS s
)
SELECT format('| %s | %s |', label, string_agg(
           CASE WHEN ms IS NULL THEN 'not run'
                WHEN den_ms IS NOT NULL THEN pg_temp.r(ms / nullif(den_ms, 0)) || '×'
                ELSE format('%s ms (%s µs)', pg_temp.r(ms), pg_temp.r(1e3 * ms / size)) END, ' | ' ORDER BY size))
  FROM cell GROUP BY n, label ORDER BY n;
SELECT format('| member update with its commit (pgbench), p50 / p99 ms | %s |', string_agg(v, ' | ' ORDER BY size))
  FROM (SELECT s.size, coalesce((SELECT pg_temp.r(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)) || ' / '
                                        || pg_temp.r(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms))
                                   FROM bench_result.timing AS t WHERE t.bench = 'pgbench' AND t.size = s.size AND t.ord = 1),
                                'not run') AS v
          FROM (SELECT DISTINCT size FROM med WHERE bench = 'registry') AS s) AS c;
SELECT format('| peak RSS of the session, MB (of which shared buffers) | %s |', string_agg(v, ' | ' ORDER BY size))
  FROM (SELECT s.size, coalesce((SELECT pg_temp.r(max(peak_kb) FILTER (WHERE variant LIKE '%peak RSS') / 1024.0) || ' ('
                                        || pg_temp.r(max(peak_kb) FILTER (WHERE variant LIKE '%RssShmem%') / 1024.0) || ')'
                                   FROM bench_result.memory AS m WHERE m.bench = 'registry' AND m.size = s.size),
                                'not run') AS v
          FROM (SELECT DISTINCT size FROM med WHERE bench = 'registry') AS s) AS c;
SELECT '';
\endif

SELECT '### Targets' || E'\n';
SELECT 'Ratios of medians, each from one run: of the CPU time of the backend (or of R) for single-backend '
       || 'variants, of the wall-clock time for the parallel speed-ups.  "CASE / C" is the inline CASE''s time over '
       || 'povext.classify''s (at least 1: C no slower); "/ scan" is a time over the plain scan''s of the same rows; '
       || '"laeken / povext" is R''s time over povext''s.' || E'\n';
SELECT '| target | rows | jit off | jit on | goal | met? |' || E'\n' || '|---|---|---|---|---|---|';
WITH t(n, target, bench, size, num_bench, num_ord, den_bench, den_ord, direction, goal) AS (
    SELECT 1, 'classification: inline CASE / povext.classify', 'classify', s.size, 'classify', 3, 'classify', 2, '>=', 1.0
      FROM (SELECT DISTINCT size FROM med WHERE bench = 'classify') AS s
    UNION ALL
    SELECT 2, 'AF: af_state_agg / plain scan', 'measures', s.size, 'measures', 2, 'measures', 1, '<=', 1.3 FROM target_size AS s
    UNION ALL
    SELECT 3, 'FGT: fgt_state_agg / plain scan', 'measures', s.size, 'measures', 6, 'measures', 1, '<=', 1.3 FROM target_size AS s
    UNION ALL
    SELECT 4, 'Gini + weighted median + P0 at 60% of the median: laeken / povext', 'sample', s.size, 'laeken', 1, 'sample', 9, '>=', 2.0
      FROM (SELECT DISTINCT size FROM med WHERE bench = 'sample') AS s
    UNION ALL
    SELECT 5, 'Gini + weighted median + P0 at 60% of the median: povext / plain scan', 'sample', s.size, 'sample', 9, 'sample', 1, '<=', 3.0
      FROM (SELECT DISTINCT size FROM med WHERE bench = 'sample') AS s
    UNION ALL
    SELECT 6, 'parallel: af_state_agg serial / 2 workers', 'measures', s.size, 'measures', 2, 'measures', 12, '>=', 1.8 FROM target_size AS s
    UNION ALL
    SELECT 7, 'parallel: fgt_state_agg serial / 2 workers', 'measures', s.size, 'measures', 6, 'measures', 16, '>=', 1.8 FROM target_size AS s
    UNION ALL
    SELECT 8, '(parallel: plain scan serial / 2 workers)', 'measures', s.size, 'measures', 1, 'measures', 11, NULL, NULL FROM target_size AS s
    UNION ALL
    SELECT 9, '(parallel: start-up, ms of sum(size) over 1,000 rows with 2 workers)', 'measures', s.size, 'measures', 19, 'measures', 19, NULL, NULL
      FROM target_size AS s
), ratio AS (
    SELECT t.*, j.jit,
           CASE WHEN n = 9 THEN pg_temp.w(num_bench, size, j.jit, num_ord)
                WHEN n >= 6 THEN pg_temp.w(num_bench, size, j.jit, num_ord) / pg_temp.w(den_bench, size, j.jit, den_ord)
                ELSE coalesce(pg_temp.m(num_bench, size, j.jit, num_ord), pg_temp.m(num_bench, size, '-', num_ord))
                     / pg_temp.m(den_bench, size, j.jit, den_ord) END AS ratio
      FROM t, (VALUES ('off'), ('on')) AS j(jit)
)
SELECT format('| %s | %s | %s | %s | %s | %s |', target, pg_temp.n(size),
              pg_temp.r(min(ratio) FILTER (WHERE jit = 'off')), pg_temp.r(min(ratio) FILTER (WHERE jit = 'on')),
              coalesce(direction || ' ' || goal, ''),
              CASE WHEN direction IS NULL THEN ''
                   WHEN count(ratio) = 0 THEN 'not run'
                   WHEN bool_and(CASE direction WHEN '>=' THEN ratio >= goal ELSE ratio <= goal END) THEN '**met**'
                   WHEN bool_or(CASE direction WHEN '>=' THEN ratio >= goal ELSE ratio <= goal END) THEN '**met with jit ' ||
                        string_agg(jit, '') FILTER (WHERE CASE direction WHEN '>=' THEN ratio >= goal ELSE ratio <= goal END) || ' only**'
                   ELSE '**not met**' END)
  FROM ratio GROUP BY n, target, size, direction, goal
HAVING count(ratio) > 0 OR direction IS NOT NULL ORDER BY n, size;
-- the registry's targets (issue 8)
WITH r AS (
    SELECT size,
           (pg_temp.m('registry', size, '-', 1) + pg_temp.m('registry', size, '-', 2))
           / (pg_temp.m('registry', size, '-', 3) + pg_temp.m('registry', size, '-', 4)) AS load_ratio,
           pg_temp.m('registry', size, '-', 7) / pg_temp.m('registry', size, '-', 8) AS recompute_ratio,
           (SELECT percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) FROM bench_result.timing AS t
             WHERE t.bench = 'pgbench' AND t.size = s.size AND t.ord = 1) AS p99
      FROM (SELECT DISTINCT size FROM med WHERE bench = 'registry') AS s
)
SELECT format(E'| registry load, with / without triggers (households) | %1$s | %2$s | | <= 2 | %3$s |\n'
              '| registry_recompute, every household written / plain UPDATE | %1$s | %4$s | | <= 1.5 | %5$s |\n'
              '| member update with its commit (pgbench), p99 ms | %1$s | %6$s | | < 5 | %7$s |',
              pg_temp.n(size), pg_temp.r(load_ratio), CASE WHEN load_ratio <= 2 THEN '**met**' ELSE '**not met**' END,
              pg_temp.r(recompute_ratio), CASE WHEN recompute_ratio <= 1.5 THEN '**met**' ELSE '**not met**' END,
              pg_temp.r(p99), CASE WHEN p99 < 5 THEN '**met**' ELSE '**not met**' END)
  FROM r ORDER BY size;
SELECT '(Registry steps run with the server''s jit setting; they are shown in the "jit off" column.)';
SELECT '';

SELECT '### Classification' || E'\n';
SELECT 'CPU ms is the backend''s time on a CPU, median of the runs; the ratios are of CPU times.' || E'\n';
SELECT '| rows | jit | variant | median CPU ms | median wall ms | runs | CPU ns per row above scan | × scan | × C |'
       || E'\n' || '|---|---|---|---|---|---|---|---|---|';
SELECT format('| %s | %s | %s | %s | %s | %s | %s | %s | %s |', pg_temp.n(m.size), m.jit, m.variant,
              pg_temp.r(m.cpu_ms), pg_temp.r(m.ms), m.runs,
              pg_temp.r(1e6 * (m.cpu_ms - pg_temp.m('classify', m.size, m.jit, 1)) / m.size),
              pg_temp.r(m.cpu_ms / pg_temp.m('classify', m.size, m.jit, 1)),
              pg_temp.r(m.cpu_ms / pg_temp.m('classify', m.size, m.jit, 2)))
  FROM med AS m WHERE bench = 'classify' ORDER BY size, jit, ord;
SELECT '';

SELECT '### Alkire-Foster and FGT aggregates' || E'\n';
SELECT 'Serial variants: × scan of CPU times.  2-worker variants (no CPU time: the workers are other processes): '
       || 'speed-up of wall-clock times, serial over parallel.' || E'\n';
SELECT '| rows | jit | variant | median CPU ms | median wall ms | × scan | speed-up, 2 workers |'
       || E'\n' || '|---|---|---|---|---|---|---|';
SELECT format('| %s | %s | %s | %s | %s | %s | %s |', pg_temp.n(m.size), m.jit, m.variant,
              pg_temp.r(m.cpu_ms), pg_temp.r(m.ms),
              CASE WHEN m.ord < 9 THEN pg_temp.r(m.cpu_ms / pg_temp.m('measures', m.size, m.jit, 1)) ELSE '' END,
              CASE WHEN m.ord > 10 THEN pg_temp.r(pg_temp.w('measures', m.size, m.jit, m.ord - 10) / m.ms) ELSE '' END)
  FROM med AS m WHERE bench = 'measures' ORDER BY size, jit, ord > 10, ord;
SELECT '';

SELECT '### Gini, weighted median and relative-line P0, against R''s laeken' || E'\n';
SELECT '| rows | jit | variant | median CPU ms | median wall ms | × scan | result |'
       || E'\n' || '|---|---|---|---|---|---|---|';
SELECT format('| %s | %s | %s | %s | %s | %s | %s |', pg_temp.n(m.size), m.jit, m.variant,
              pg_temp.r(m.cpu_ms), pg_temp.r(m.ms),
              CASE WHEN m.bench = 'sample' THEN pg_temp.r(m.cpu_ms / pg_temp.m('sample', m.size, m.jit, 1)) ELSE '' END,
              (SELECT min(result) FROM bench_result.timing AS t
                WHERE t.bench = m.bench AND t.size = m.size AND t.jit = m.jit AND t.ord = m.ord))
  FROM med AS m WHERE bench IN ('sample', 'laeken') ORDER BY size, bench = 'laeken', jit, ord;
SELECT '';
SELECT format('laeken on %s rows: gini %s, weightedMedian %s, arpr threshold %s (60%% of the median); '
              || 'its arpr counts incomes strictly below the threshold, povext''s P0 at or below it.',
              pg_temp.n(size), max(result) FILTER (WHERE ord = 2), max(result) FILTER (WHERE ord = 3),
              max(result) FILTER (WHERE ord = 4))
  FROM bench_result.timing WHERE bench = 'laeken-check' GROUP BY size ORDER BY size;
SELECT '';

SELECT '### Household registry' || E'\n';
SELECT '| households | step | median ms | best ms | runs | × baseline |' || E'\n' || '|---|---|---|---|---|---|';
SELECT format('| %s | %s | %s | %s | %s | %s |', pg_temp.n(m.size), m.variant, pg_temp.r(m.ms), pg_temp.r(m.best_ms), m.runs,
              CASE m.ord WHEN 1 THEN pg_temp.r(m.ms / pg_temp.m('registry', m.size, '-', 3))
                         WHEN 2 THEN pg_temp.r(m.ms / pg_temp.m('registry', m.size, '-', 4))
                         WHEN 7 THEN pg_temp.r(m.ms / pg_temp.m('registry', m.size, '-', 8))
                         ELSE '' END)
  FROM med AS m WHERE bench = 'registry' ORDER BY size, ord;
SELECT '';
SELECT '| households | member update | p50 ms | p99 ms | max ms | updates |' || E'\n' || '|---|---|---|---|---|---|';
SELECT format('| %s | in a PL/pgSQL loop, no commit, %s (median of the runs'' percentiles) | %s | %s | | %s runs |',
              pg_temp.n(size), variant_base,
              pg_temp.r(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE variant LIKE '% p50')),
              pg_temp.r(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) FILTER (WHERE variant LIKE '% p99')),
              count(*) / 2)
  FROM (SELECT *, split_part(variant, ' ', 1) AS variant_base FROM bench_result.timing WHERE bench = 'registry-update') AS u
 GROUP BY size, variant_base ORDER BY size, variant_base DESC;
SELECT format('| %s | pgbench, with its commit, %s | %s | %s | %s | %s |', pg_temp.n(size), variant,
              pg_temp.r(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)),
              pg_temp.r(percentile_cont(0.99) WITHIN GROUP (ORDER BY ms)), pg_temp.r(max(ms)), count(*))
  FROM bench_result.timing WHERE bench = 'pgbench' GROUP BY size, ord, variant ORDER BY size, ord;
SELECT '';

SELECT '### Peak backend memory' || E'\n';
SELECT 'VmHWM after the query minus VmRSS before it, in a fresh backend after a warm-up run of the query '
       || '(which maps the table''s pages of shared buffers) and a reset of VmHWM, serial plan, jit off; '
       || 'for the registry, the peak RSS of the whole session, which counts the shared buffers it touched '
       || '(the next row: at most shared_buffers), so bytes per household is an upper bound.' || E'\n';
SELECT '| benchmark | rows | query | peak MB | bytes per row |' || E'\n' || '|---|---|---|---|---|';
SELECT format('| %s | %s | %s | %s | %s |', bench, pg_temp.n(size), variant, pg_temp.r(peak_kb / 1024.0),
              pg_temp.r(1024.0 * peak_kb / size))
  FROM bench_result.memory ORDER BY bench, variant, size;
SELECT '';

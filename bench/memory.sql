-- Peak memory of one query in this (fresh) backend, for bench/run:
--   psql -v bench=... -v size=... -v label=... -v query=... -f bench/memory.sql
-- peak = VmHWM after the query minus VmRSS before it, from /proc/self/status,
-- after a warm-up run of the whole query and a reset of VmHWM (writing 5 to
-- /proc/self/clear_refs).  The whole query: the pages of shared buffers a
-- backend touches count in its RSS, and a table smaller than a quarter of
-- shared_buffers is read without a ring buffer, so the first full scan in a
-- fresh backend adds the table to its RSS although it allocates nothing (a
-- warm-up "LIMIT 1" scans it all only when the query is an aggregate, as
-- bench/run's is).  The reset: no earlier peak of the session may count.
-- Serial plan and jit off, since loading LLVM maps some 50 MB of its
-- library into the process.  No row goes to the client.
\set ON_ERROR_STOP 1
SET max_parallel_workers_per_gather = 0;
SET jit = off;
CREATE FUNCTION pg_temp.status_kb(field text) RETURNS bigint LANGUAGE sql AS $$
    SELECT (regexp_match(pg_read_file('/proc/self/status'), field || ':\s+(\d+) kB'))[1]::bigint
$$;
CREATE TEMP TABLE probe (rss_before bigint);
SELECT FROM (:query) AS warm_up;
COPY (SELECT 5) TO '/proc/self/clear_refs';
INSERT INTO probe SELECT pg_temp.status_kb('VmRSS');
SELECT FROM (:query) AS measured;
INSERT INTO bench_result.memory (bench, size, variant, peak_kb)
SELECT :'bench', :size, :'label', pg_temp.status_kb('VmHWM') - rss_before FROM probe;

-- Tables where bench/run collects what every benchmark measured, for its
-- report (bench/report.sql).  Created once per run, in the throwaway cluster.
CREATE SCHEMA bench_result;
-- One timed run of one variant: bench is the benchmark (classify, measures,
-- sample, laeken, registry, pgbench, ...), size its rows or households, ord
-- the variant's number within the benchmark.  Ratios of single-backend
-- variants are taken from CPU time where it was measured: on a shared
-- machine the wall-clock time is mostly the wait for a CPU.
CREATE TABLE bench_result.timing (
    bench text NOT NULL,
    size bigint NOT NULL,
    jit text NOT NULL,
    ord integer NOT NULL,
    variant text NOT NULL,
    run integer NOT NULL,
    ms double precision NOT NULL,       -- wall-clock time
    cpu_ms double precision,            -- CPU time of the backend (or R), where measured
    result double precision
);
-- Peak memory of a backend running one query (or one benchmark's session).
CREATE TABLE bench_result.memory (
    bench text NOT NULL,
    size bigint NOT NULL,
    variant text NOT NULL,
    peak_kb bigint NOT NULL
);
CREATE TABLE bench_result.machine (ord integer PRIMARY KEY, key text NOT NULL, value text NOT NULL);
CREATE TABLE bench_result.load (step text NOT NULL, load1 float8, load5 float8, load15 float8,
                                at timestamptz NOT NULL);

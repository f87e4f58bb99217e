-- Weighted Gini coefficient and weighted quantiles (laeken definitions):
-- hand-computed cases, ties, a single value, empty input, zero weights,
-- p = 0, p = 1 and p on a cumulative weight boundary, errors, exact text and
-- binary forms, merging and parallel plans against the serial answer.
--
-- laeken (cran/laeken R/gini.R, R/weightedQuantile.R), values sorted
-- ascending, w their weights, cw the cumulative weights, sw = sum(w):
--   gini = 100 * ((2 * sum(w x cw) - sum(w^2 x)) / (sw * sum(w x)) - 1)
--   quantile(p): p = 0: x_1; p = 1: x_n; else with rw = cw / sw and s the
--   first index with rw_s >= p: (x_s + x_s+1) / 2 if rw_s = p, else x_s
SET search_path = povext, public;

-- Case 1: values 1, 2, 3, 4, 10 with weights 1, 2, 1, 1, 5
--   cw = 1, 3, 4, 5, 10; sw = 10; rw = 0.1, 0.3, 0.4, 0.5, 1
--   median: first rw >= 0.5 is rw_4 = 0.5 exactly -> (4 + 10) / 2 = 7
--   p = 0.3: rw_2 = 0.3 exactly -> (2 + 3) / 2 = 2.5
--   p = 0.25: rw_2 = 0.3 > 0.25 -> 2;  p = 0.35: rw_3 = 0.4 -> 3
--   p = 0.95: rw_5 = 1 -> 10;  p = 0 -> 1;  p = 1 -> 10
--   w x = 1, 4, 3, 4, 50: sum(w x) = 62
--   sum(w x cw) = 1*1 + 4*3 + 3*4 + 4*5 + 50*10 = 545
--   sum(w^2 x) = 1*1 + 4*2 + 1*3 + 1*4 + 25*10 = 266
--   gini = 100 * ((2*545 - 266) / (10 * 62) - 1) = 100 * 204 / 620 = 32.9032258064516...
CREATE TABLE ineq_hand (x float8, w float8);
INSERT INTO ineq_hand VALUES (10, 5), (2, 2), (4, 1), (1, 1), (3, 1);
SELECT sample_state_agg(x, w) FROM ineq_hand;
SELECT weighted_median(x, w) AS median, weighted_quantile(x, w, 0.3) AS q30, weighted_quantile(x, w, 0.25) AS q25,
       weighted_quantile(x, w, 0.35) AS q35, weighted_quantile(x, w, 0.95) AS q95,
       weighted_quantile(x, w, 0) AS q0, weighted_quantile(x, w, 1) AS q100,
       round(gini(x, w)::numeric, 10) AS gini, abs(gini(x, w) - 100 * 204 / 620.0) < 1e-12 AS gini_exact
  FROM ineq_hand;
SELECT sample_median(s) AS median, sample_quantile(s, 0.3) AS q30, sample_quantile(s, 0) AS q0,
       sample_quantile(s, 1) AS q100, sample_gini(s) = (SELECT gini(x, w) FROM ineq_hand) AS gini_same,
       sample_quantile(s) AS no_stored_order
  FROM (SELECT sample_state_agg(x, w) AS s FROM ineq_hand) AS st;

-- A relative poverty line: 60% of the weighted median (0.6 * 7 = 4.2);
-- incomes 1, 2, 3, 4 are poor, weight 5 of 10
SELECT 0.6 * weighted_median(x, w) AS line,
       (SELECT fgt_p0(x, 0.6 * (SELECT weighted_median(x, w) FROM ineq_hand), w) FROM ineq_hand) AS p0
  FROM ineq_hand;

-- Case 2: values 1, 2, 4 with weights 2, 1, 1
--   cw = 2, 3, 4; w x = 2, 2, 4: sum 8; sum(w x cw) = 4 + 6 + 16 = 26
--   sum(w^2 x) = 4 + 2 + 4 = 10; gini = 100 * ((52 - 10) / (4 * 8) - 1) = 31.25
--   Unweighted 1, 2, 3, 4: sum(x cw) = 30, sum(x) = 10 -> 100 * (50 / 40 - 1) = 25
SELECT gini(x, w) AS weighted, (SELECT gini(v, 1) FROM generate_series(1, 4) AS v) AS unweighted,
       (SELECT sample_gini(sample_state_agg(v)) FROM generate_series(1, 4) AS v) AS unweighted_state
  FROM (VALUES (1::float8, 2::float8), (2, 1), (4, 1)) AS v(x, w);

-- Case 3, ties: values 3, 1, 3, 2 with weights 1, 2, 3, 1
--   sorted (1,2), (2,1), (3,1), (3,3); cw = 2, 3, 4, 7; sw = 7
--   w x = 2, 2, 3, 9: sum 16; sum(w x cw) = 4 + 6 + 12 + 63 = 85
--   sum(w^2 x) = 4 + 2 + 3 + 27 = 36; gini = 100 * ((170 - 36) / (7 * 16) - 1) = 100 * 22 / 112
--   (the tied threes in the other order: cw = 2, 3, 6, 7, sum(w x cw) = 4 + 6 + 54 + 21 = 85, the same)
--   rw = 2/7, 3/7, 4/7, 1: median -> first rw >= 0.5 is 4/7 -> 3
--   p = 3/7 hits rw_2 -> (2 + 3) / 2 = 2.5;  p = 4/7 hits rw_3 -> (3 + 3) / 2 = 3
CREATE TABLE ineq_ties (x float8, w float8);
INSERT INTO ineq_ties VALUES (3, 1), (1, 2), (3, 3), (2, 1);
SELECT round(gini(x, w)::numeric, 10) AS gini, abs(gini(x, w) - 100 * 22 / 112.0) < 1e-12 AS gini_exact,
       weighted_median(x, w) AS median, weighted_quantile(x, w, 3::float8 / 7) AS q_3_7,
       weighted_quantile(x, w, 4::float8 / 7) AS q_4_7, weighted_quantile(x, w, 0.2857) AS just_below_2_7
  FROM ineq_ties;
-- The input order does not matter, bit for bit
SELECT count(DISTINCT g) AS distinct_ginis, count(DISTINCT s) AS distinct_states
  FROM (SELECT gini(x, w ORDER BY x, w) AS g, sample_state_agg(x, w ORDER BY x, w)::text AS s FROM ineq_ties
        UNION ALL SELECT gini(x, w ORDER BY x DESC, w DESC), sample_state_agg(x, w ORDER BY x DESC, w DESC)::text FROM ineq_ties
        UNION ALL SELECT gini(x, w ORDER BY w, x), sample_state_agg(x, w ORDER BY w, x)::text FROM ineq_ties) AS orders;

-- A single value: Gini 0 (sum(w x cw) = sum(w^2 x)); every quantile is the value
SELECT gini(x, w) AS gini, weighted_median(x, w) AS median, weighted_quantile(x, w, 0) AS q0,
       weighted_quantile(x, w, 0.3) AS q30, weighted_quantile(x, w, 1) AS q100
  FROM (VALUES (5::float8, 2::float8)) AS v(x, w);

-- Negative values are allowed: -3, -1, 2 with weights 1, 1, 2; rw = 0.25, 0.5, 1
-- median hits rw_2 = 0.5 -> (-1 + 2) / 2 = 0.5
SELECT weighted_median(x, w) AS median FROM (VALUES (-3::float8, 1::float8), (2, 2), (-1, 1)) AS v(x, w);

-- Empty input and all-NULL input: NULL
SELECT sample_state_agg(x, w) IS NULL AS null_state, gini(x, w) AS gini, weighted_median(x, w) AS median,
       weighted_quantile(x, w, 0.5) AS q50
  FROM ineq_hand WHERE false;
SELECT sample_state_agg(x, w) IS NULL AS null_state, gini(x, w) AS gini, weighted_median(x, w) AS median,
       weighted_quantile(x, w, 0.5) AS q50
  FROM (VALUES (NULL::float8, 1::float8), (1, NULL)) AS v(x, w);
-- A NULL order skips the row too
SELECT weighted_quantile(x, w, NULL) AS q_null_order, weighted_quantile(x, w, CASE WHEN x > 2 THEN 0.5 END) AS q_rows_above_2
  FROM ineq_hand;

-- Zero total weight: NULL (laeken warns and returns 0)
SELECT sample_state_agg(x, w) AS state, gini(x, w) AS gini, weighted_median(x, w) AS median,
       weighted_quantile(x, w, 0) AS q0
  FROM (VALUES (1::float8, 0::float8), (2, 0)) AS v(x, w);

-- Rows of zero weight are kept, as in laeken: they do not move the Gini or
-- interior quantiles, but p = 0 and p = 1 give the smallest and largest value
--   values 1, 2, 3, 100 with weights 0, 1, 1, 0: cw = 0, 1, 2, 2; rw = 0, 0.5, 1, 1
--   median hits rw_2 = 0.5 -> (2 + 3) / 2 = 2.5; p = 0.75 -> 3; p = 0 -> 1; p = 1 -> 100
--   gini: w x = 0, 2, 3, 0; sum(w x cw) = 2 + 6 = 8; sum(w^2 x) = 5 -> 100 * (11 / 10 - 1) = 10
SELECT weighted_median(x, w) AS median, weighted_quantile(x, w, 0.75) AS q75, weighted_quantile(x, w, 0) AS q0,
       weighted_quantile(x, w, 1) AS q100, round(gini(x, w)::numeric, 10) AS gini,
       gini(x, w) = (SELECT gini(x, w) FROM (VALUES (2::float8, 1::float8), (3, 1)) AS v(x, w)) AS gini_without_zero_weights
  FROM (VALUES (1::float8, 0::float8), (2, 1), (3, 1), (100, 0)) AS v(x, w);

-- Gini of values summing to 0 is undefined: NULL
SELECT gini(x, 1) AS gini FROM (VALUES (0::float8), (0)) AS v(x);

-- Errors (SQLSTATE 22023)
\set VERBOSITY default
SELECT gini(x, w) FROM (VALUES (1::float8, -1::float8)) AS v(x, w);
SELECT sample_state_agg(x, 1) FROM (VALUES ('NaN'::float8)) AS v(x);
SELECT sample_state_agg(1, w) FROM (VALUES ('Infinity'::float8)) AS v(w);
SELECT weighted_quantile(x, 1, 1.5) FROM (VALUES (1::float8)) AS v(x);
SELECT weighted_quantile(x, 1, p) FROM (VALUES (1::float8, 0.5::float8), (2, 0.9)) AS v(x, p);
SELECT sample_quantile(sample_state_agg(x), -0.1) FROM (VALUES (1::float8)) AS v(x);
SELECT '{"p": 0.5, "values": [1], "weights": [1]}'::sample_state + '{"p": 0.9, "values": [2], "weights": [1]}'::sample_state;
\set VERBOSITY sqlstate
SELECT weighted_quantile(x, 1, 'NaN') FROM (VALUES (1::float8)) AS v(x);
SELECT sample_quantile(sample_state_agg(x), 2) FROM (VALUES (1::float8)) AS v(x);
\set VERBOSITY default

-- Merging: NULL and empty states on either side, operator +, the stored order p
SELECT s + e AS state_plus_empty, e + s AS empty_plus_state, e + e AS empty_plus_empty,
       sample_state_combine(NULL, NULL) IS NULL AS null_null, sample_state_combine(s, NULL)::text = s::text AS state_null,
       sample_state_combine(NULL, s)::text = s::text AS null_state, (s + NULL) IS NULL AS operator_is_strict
  FROM (SELECT sample_state_agg(x, w) AS s FROM ineq_ties) AS st,
       (SELECT '{"p": null, "values": [], "weights": []}'::sample_state AS e) AS empty;
SELECT sample_state_merge(s) AS merged
  FROM (VALUES ('{"p": null, "values": [], "weights": []}'::sample_state), (NULL),
               ('{"p": null, "values": [3, 1], "weights": [1, 2]}'), ('{"p": null, "values": [], "weights": []}'),
               ('{"p": null, "values": [2, 3], "weights": [1, 3]}')) AS v(s);
SELECT sample_quantile(s) AS stored_order_q25, sample_quantile(s, 0.5) AS q50
  FROM (VALUES ('{"p": 0.25, "values": [1, 2, 3, 4], "weights": [1, 1, 1, 1]}'::sample_state
                + '{"p": null, "values": [], "weights": []}')) AS v(s);

-- Text form: sorted, exact; round trip identical; malformed text is 22P02
SELECT ' { "weights" : [ 0.1 , 1e-7, 2.5 ], "values": [ 3.25, -0.0, 1e20 ], "p" : 0.125 } '::sample_state AS parsed;
SELECT s::text::sample_state::text = s::text AS text_round_trip
  FROM (SELECT sample_state_agg(x, w) AS s FROM ineq_hand
        UNION ALL SELECT sample_state_agg(x * 0.1 + 1e-9, w / 3) FROM ineq_ties
        UNION ALL SELECT '{"p": null, "values": [], "weights": []}') AS states;
SELECT '{"p": null, "values": [1, 2], "weights": [1]}'::sample_state;
SELECT '{"p": null, "values": [1, 2], "weights": [1, -2]}'::sample_state;
SELECT '{"p": 1.5, "values": [], "weights": []}'::sample_state;
SELECT '{"p": null, "values": [1]}'::sample_state;
SELECT '{"p": null, "values": 1, "weights": [1]}'::sample_state;
SELECT '{"p": null, "values": [1,], "weights": [1]}'::sample_state;
SELECT '{"p": null, "values": [NaN], "weights": [1]}'::sample_state;
SELECT '{"p": null, "values": [1e999], "weights": [1]}'::sample_state;
SELECT '{"p": null, "values": [01], "weights": [1]}'::sample_state;
SELECT '{"p": null, "values": [1], "weights": [1], "extra": []}'::sample_state;
\set VERBOSITY sqlstate
SELECT '{"p": null, "values": [1] "weights": [1]}'::sample_state;
SELECT '{"p": null, "values": [1], "weights": [1]'::sample_state;
\set VERBOSITY default

-- Window use: running and moving frames
SELECT x, w, weighted_median(x, w) OVER running AS running_median, round((gini(x, w) OVER running)::numeric, 6) AS running_gini,
       weighted_median(x, w) OVER moving AS moving_median
  FROM ineq_hand
WINDOW running AS (ORDER BY x ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW),
       moving AS (ORDER BY x ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
 ORDER BY x;

-- Generated data: 60,000 incomes in 12 wards with fractional weights and
-- many ties; states of 5,000 rows per ward
CREATE TABLE ineq_household (id int, ward int, income float8, weight float8);
INSERT INTO ineq_household
SELECT i, i % 12, (i * 7919 % 1009) * 1000.0 + (i % 5) * 0.1, 0.5 + (i * 31 % 17) * 0.125
  FROM generate_series(1, 60000) AS i;
ANALYZE ineq_household;
CREATE TABLE ineq_serial AS
SELECT sample_state_agg(income, weight)::text AS state, gini(income, weight) AS gini,
       weighted_median(income, weight) AS median, weighted_quantile(income, weight, 0.2) AS q20,
       sample_state_agg(income, weight) FILTER (WHERE id * 7 % 30000 = 1)::text AS state_few
  FROM ineq_household;
SELECT round(gini::numeric, 9) AS gini, median, q20 FROM ineq_serial;

-- Merged ward states equal the direct aggregation
CREATE TABLE ineq_ward_state AS
SELECT ward, sample_state_agg(income, weight) AS state FROM ineq_household GROUP BY ward;
SELECT (SELECT sample_state_merge(state ORDER BY ward)::text FROM ineq_ward_state) = state AS merged_ascending,
       (SELECT sample_state_merge(state ORDER BY ward DESC)::text FROM ineq_ward_state) = state AS merged_descending,
       (SELECT sample_gini(sample_state_merge(state)) FROM ineq_ward_state) = gini AS merged_gini,
       (SELECT sample_median(sample_state_merge(state)) FROM ineq_ward_state) = median AS merged_median,
       (SELECT sample_quantile(sample_state_merge(state), 0.2) FROM ineq_ward_state) = q20 AS merged_q20
  FROM ineq_serial;
SELECT (SELECT a.state + b.state FROM ineq_ward_state AS a, ineq_ward_state AS b WHERE a.ward = 0 AND b.ward = 1)::text
     = (SELECT sample_state_agg(income, weight)::text FROM ineq_household WHERE ward IN (0, 1)) AS operator_plus;

-- Binary form: COPY out and back in gives identical states
SELECT current_setting('data_directory') || '/povext_sample_states.bin' AS binfile \gset
COPY ineq_ward_state TO :'binfile' WITH (FORMAT binary);
CREATE TABLE ineq_ward_state_copy (LIKE ineq_ward_state);
COPY ineq_ward_state_copy FROM :'binfile' WITH (FORMAT binary);
COPY (VALUES ('{"p": 0.75, "values": [], "weights": []}'::sample_state), ('{"p": null, "values": [-0.5], "weights": [0]}'))
  TO :'binfile' WITH (FORMAT binary);
CREATE TABLE ineq_small (s sample_state);
COPY ineq_small FROM :'binfile' WITH (FORMAT binary);
SELECT count(*) AS wards, bool_and(a.state::text = b.state::text) AS binary_round_trip
  FROM ineq_ward_state AS a JOIN ineq_ward_state_copy AS b USING (ward);
SELECT s FROM ineq_small;

-- Parallel plans give the serial answers bit for bit
CREATE FUNCTION pg_temp.plan_has(query text, pattern text) RETURNS boolean
    LANGUAGE plpgsql AS $$
DECLARE
    line text;
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
        IF line LIKE '%' || pattern || '%' THEN
            RETURN true;
        END IF;
    END LOOP;
    RETURN false;
END $$;
CREATE FUNCTION pg_temp.workers_launched(query text) RETURNS integer
    LANGUAGE plpgsql AS $$
DECLARE
    line text;
    launched integer := 0;
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) ' || query LOOP
        IF line ~ 'Workers Launched: [0-9]+' THEN
            launched := launched + substring(line FROM 'Workers Launched: ([0-9]+)')::integer;
        END IF;
    END LOOP;
    RETURN launched;
END $$;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT gini(income, weight), weighted_median(income, weight) FROM ineq_household;
SELECT pg_temp.workers_launched('SELECT gini(income, weight) FROM ineq_household') > 0 AS workers_ran;
SELECT sample_state_agg(income, weight)::text = (SELECT state FROM ineq_serial) AS state_equals_serial,
       gini(income, weight) = (SELECT gini FROM ineq_serial) AS gini_equals_serial,
       weighted_median(income, weight) = (SELECT median FROM ineq_serial) AS median_equals_serial,
       weighted_quantile(income, weight, 0.2) = (SELECT q20 FROM ineq_serial) AS q20_equals_serial
  FROM ineq_household;
SELECT pg_temp.plan_has('SELECT sample_state_agg(income, weight) FROM ineq_household WHERE id * 7 % 30000 = 1',
                        'Partial Aggregate') AS few_rows_partial;
SELECT sample_state_agg(income, weight)::text = (SELECT state_few FROM ineq_serial) AS few_rows_equals_serial
  FROM ineq_household WHERE id * 7 % 30000 = 1;
SELECT pg_temp.plan_has('SELECT sample_state_merge(state) FROM ineq_ward_state', 'Partial Aggregate') AS merge_partial;
SELECT sample_state_merge(state)::text = (SELECT state FROM ineq_serial) AS parallel_merge_equals_serial FROM ineq_ward_state;
SET force_parallel_mode = on;
SELECT gini(income, weight) = (SELECT gini FROM ineq_serial) AS forced_parallel_gini FROM ineq_household;
RESET force_parallel_mode;
RESET max_parallel_workers_per_gather;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;

DROP TABLE ineq_hand, ineq_ties, ineq_household, ineq_serial, ineq_ward_state, ineq_ward_state_copy, ineq_small;

-- FGT measures and the Watts index: hand-computed cases, boundaries, NULLs
-- and empty input, errors, exact text and binary forms, merging, parallel
-- and partitionwise plans against the serial answer.
SET search_path = povext, public;

-- Hand computation.  Incomes 1, 2, 3, 4, 10 with weights 1, 2, 1, 1, 5 and
-- poverty line z = 3:
--   W = 1 + 2 + 1 + 1 + 5 = 10
--   gaps g = (z - y)/z: y=1: 2/3, y=2: 1/3, y=3: 0; y=4 and y=10 are not poor
--   poor_at_line true (y <= z): poor are 1, 2, 3, W0 = 1 + 2 + 1 = 4, P0 = 0.4
--   poor_at_line false (y < z): poor are 1, 2,    W0 = 1 + 2     = 3, P0 = 0.3
--   P1 = (1 * 2/3 + 2 * 1/3 + 1 * 0) / 10 = (4/3) / 10 = 2/15 = 0.1333...
--   P2 = (1 * 4/9 + 2 * 1/9 + 1 * 0) / 10 = (6/9) / 10 = 1/15 = 0.0666...
--   Watts = (1 * ln 3 + 2 * ln 1.5 + 1 * ln 1) / 10 = 0.190954250488443...
--   The boundary changes P0 only: at y = z the gap and ln(z/y) are 0.
CREATE TABLE fgt_hand (income float8, weight float8);
INSERT INTO fgt_hand VALUES (1, 1), (2, 2), (3, 1), (4, 1), (10, 5);

SELECT poor_at_line, poverty_line, rows, population, poor_population, p0,
       round(p1::numeric, 15) AS p1, round(p2::numeric, 15) AS p2, round(watts::numeric, 15) AS watts,
       abs(p1 - 2.0 / 15) < 1e-15 AS p1_exact, abs(p2 - 1.0 / 15) < 1e-15 AS p2_exact,
       abs(watts - (ln(3) + 2 * ln(1.5)) / 10) < 1e-15 AS watts_exact
  FROM (SELECT fgt_measures(fgt_state_agg(income, 3, weight, true)) AS m FROM fgt_hand
        UNION ALL
        SELECT fgt_measures(fgt_state_agg(income, 3, weight, false)) FROM fgt_hand) AS s,
       LATERAL (SELECT (s.m).*) AS m
 ORDER BY poor_at_line;

-- The default boundary of the shorter forms is poor_at_line = true
SELECT fgt_state_agg(income, 3, weight)::text = fgt_state_agg(income, 3, weight, true)::text AS weighted_default,
       fgt_p0(income, 3, weight) AS p0_default, fgt_p0(income, 3, weight, false) AS p0_strict
  FROM fgt_hand;

-- The state: exact integers (population in millionths of a weight unit)
SELECT fgt_state_agg(income, 3, weight) FROM fgt_hand;

-- Accessors and convenience aggregates agree
SELECT fgt_p0(s) = p0 AS p0, fgt_p1(s) = p1 AS p1, fgt_p2(s) = p2 AS p2, fgt_watts(s) = watts AS watts,
       p1 = p1_strict AS p1_same_boundaries, p2 = p2_strict AS p2_same_boundaries, watts = watts_strict AS watts_same_boundaries
  FROM (SELECT fgt_state_agg(income, 3, weight) AS s, fgt_p0(income, 3, weight) AS p0,
               fgt_p1(income, 3, weight) AS p1, fgt_p2(income, 3, weight) AS p2, fgt_watts(income, 3, weight) AS watts,
               fgt_p1(income, 3, weight, false) AS p1_strict, fgt_p2(income, 3, weight, false) AS p2_strict,
               fgt_watts(income, 3, weight, false) AS watts_strict
          FROM fgt_hand) AS a;

-- Unweighted forms: every row weighs 1; P0 = 3/5 at the line, 2/5 below it
SELECT fgt_p0(income, 3) AS p0, fgt_p0(income, 3, 1, false) AS p0_strict,
       round(fgt_p1(income, 3)::numeric, 15) AS p1
  FROM fgt_hand;

-- Boundary: an income equal to the line (2,000,000 VND a month) is poor
-- under Vietnamese law (poor_at_line true), not poor in the FGT literature
SELECT poor_at_line, fgt_p0(2000000, 2000000, 1, poor_at_line) AS p0,
       fgt_p1(2000000, 2000000, 1, poor_at_line) AS p1, fgt_watts(2000000, 2000000, 1, poor_at_line) AS watts
  FROM (VALUES (true), (false)) AS b(poor_at_line)
 GROUP BY poor_at_line ORDER BY poor_at_line;
SELECT fgt_p0(1999999.99, 2000000) AS just_below, fgt_p0(2000000.01, 2000000) AS just_above;

-- Empty input: NULL state and NULL measures
SELECT fgt_state_agg(income, 3, weight) IS NULL AS null_state, fgt_p0(income, 3, weight) AS p0,
       fgt_p1(income, 3) AS p1, fgt_watts(income, 3, weight, false) AS watts
  FROM fgt_hand WHERE false;

-- NULL income, line or weight: the row is skipped; all-NULL input is empty
SELECT fgt_state_agg(income, line, weight) IS NULL AS null_state, fgt_p0(income, line, weight) AS p0
  FROM (VALUES (NULL::float8, 3::float8, 1::float8), (1, NULL, 1), (1, 3, NULL)) AS v(income, line, weight);
SELECT (fgt_measures(fgt_state_agg(income, line, weight))).*
  FROM (VALUES (NULL::float8, 3::float8, 1::float8), (1, NULL, 1), (1, 3, NULL), (2, 3, 1), (6, 3, 1)) AS v(income, line, weight);

-- Zero total weight: the state counts the rows, the measures are NULL;
-- weights are rounded to millionths, so 4e-7 weighs nothing and 1.5e-6
-- (1.5000000000000002e-6 in float8) weighs 2 millionths
SELECT (fgt_measures(fgt_state_agg(income, 3, weight))).*
  FROM (VALUES (1::float8, 0::float8), (5, 4e-7)) AS v(income, weight);
SELECT (fgt_measures(fgt_state_agg(income, 3, weight))).population
  FROM (VALUES (1::float8, 0.0000015::float8), (5, 2.5)) AS v(income, weight);

-- Watts is undefined when a poor income is 0 (of positive weight)
SELECT fgt_p0(income, 3, weight) AS p0, fgt_p1(income, 3, weight) AS p1, fgt_watts(income, 3, weight) AS watts,
       (fgt_state_agg(income, 3, weight)::text LIKE '%"zero_income_poor": 1}') AS counted
  FROM (VALUES (0::float8, 1::float8), (6, 1)) AS v(income, weight);
-- ... but a zero income of zero weight does not count: Watts = ln(3) / 2
SELECT fgt_watts(income, 3, weight) AS watts_zero_weight, fgt_watts(income, 3, weight) = ln(3) / 2 AS exact
  FROM (VALUES (0::float8, 0::float8), (1, 1), (6, 1)) AS v(income, weight);
-- Extreme incomes: ln(z/y) of the smallest positive float8 income (about
-- 4.94e-324) against a line of 1e300 is about 1435, finite and exact
SELECT fgt_watts(income, 1e300) AS watts,
       abs(fgt_watts(income, 1e300) - (ln(1e300::float8) - ln('5e-324'::float8)) / 2) < 1e-12 AS close
  FROM (VALUES ('5e-324'::float8), (1e301)) AS v(income);

-- Errors (SQLSTATE 22023 unless said otherwise)
\set VERBOSITY default
SELECT fgt_state_agg(income, 3, weight) FROM (VALUES (1::float8, -1::float8)) AS v(income, weight);
SELECT fgt_state_agg(income, 3, weight) FROM (VALUES (-0.5::float8, 1::float8)) AS v(income, weight);
SELECT fgt_state_agg(income, 3) FROM (VALUES ('NaN'::float8), ('Infinity')) AS v(income);
SELECT fgt_state_agg(1, line) FROM (VALUES (0::float8)) AS v(line);
SELECT fgt_state_agg(1, line) FROM (VALUES (-2000000::float8)) AS v(line);
SELECT fgt_state_agg(1, line) FROM (VALUES ('NaN'::float8)) AS v(line);
SELECT fgt_state_agg(1, line, 1) FROM (VALUES (2000000::float8), (2100000)) AS v(line);
SELECT fgt_state_agg(1, 3, 1, b) FROM (VALUES (true), (false)) AS v(b);
SELECT fgt_state_agg(1, 3, 1, NULL);
SELECT fgt_state_agg(1, 3, 1e13);
\set VERBOSITY sqlstate
SELECT fgt_state_agg(1, 3, 'NaN');
SELECT fgt_state_agg(1, 3, '-Infinity');
SELECT fgt_p0(1, 0);
SELECT fgt_state_agg(1, 3, 1e13);
\set VERBOSITY default

-- Merging: states of different lines or boundaries do not merge
SELECT fgt_state_agg(1, 3) + fgt_state_agg(1, 4);
SELECT fgt_state_agg(1, 3, 1, true) + fgt_state_agg(1, 3, 1, false);
SELECT fgt_state_merge(s ORDER BY line) FROM (SELECT line, fgt_state_agg(income, line) AS s
                                   FROM (VALUES (1::float8, 3::float8), (1, 4)) AS v(income, line)
                                  GROUP BY line) AS wards;

-- Empty states (no line yet), made from text, merge with anything
CREATE TABLE fgt_empty (s fgt_state);
INSERT INTO fgt_empty VALUES ('{"poverty_line": null, "poor_at_line": null, "rows": 0, "population": "0",
  "poor_population": "0", "gap_sum": "0", "gap_squared_sum": "0", "watts_whole_sum": "0", "watts_fraction_sum": "0", "zero_income_poor": 0}');
SELECT s + s AS empty_plus_empty, fgt_p0(s + s) AS p0, (fgt_measures(s + s)).* FROM fgt_empty;
SELECT fgt_state_merge(s) AS merged_empties FROM (SELECT s FROM fgt_empty UNION ALL SELECT s FROM fgt_empty) AS e;
SELECT (e.s + h.s)::text = h.s::text AS empty_plus_state, (h.s + e.s)::text = h.s::text AS state_plus_empty
  FROM fgt_empty AS e, (SELECT fgt_state_agg(income, 3, weight) AS s FROM fgt_hand) AS h;
SELECT fgt_state_merge(s)::text = (SELECT fgt_state_agg(income, 3, weight)::text FROM fgt_hand) AS merge_skips_null_and_empty
  FROM (SELECT s FROM fgt_empty UNION ALL SELECT NULL UNION ALL SELECT fgt_state_agg(income, 3, weight) FROM fgt_hand
        UNION ALL SELECT s FROM fgt_empty) AS states;
SELECT fgt_state_combine(NULL, NULL) IS NULL AS null_null,
       fgt_state_combine(NULL, s)::text = s::text AS null_state, fgt_state_combine(s, NULL)::text = s::text AS state_null,
       (s + NULL) IS NULL AS operator_is_strict
  FROM (SELECT fgt_state_agg(income, 3, weight) AS s FROM fgt_hand) AS h;

-- Text form: round trip identical; malformed text is 22P02
SELECT s::text::fgt_state::text = s::text AS text_round_trip
  FROM (SELECT fgt_state_agg(income, 3, weight) AS s FROM fgt_hand UNION ALL SELECT s FROM fgt_empty
        UNION ALL SELECT fgt_state_agg(income, 0.1, weight, false) FROM fgt_hand) AS states;
SELECT ' { "zero_income_poor" : 0 , "watts_whole_sum" : 0, "watts_fraction_sum": "0", "gap_squared_sum": "0", "gap_sum": 0, "poor_population": 0,
        "population": 2500000, "rows": 1, "poor_at_line": false, "poverty_line": 1.5e+6 } '::fgt_state AS reordered_members;
SELECT '{"poverty_line": 3, "poor_at_line": true, "rows": 1, "population": "1000000"}'::fgt_state;
SELECT '{"poverty_line": 3, "poor_at_line": true, "rows": 1, "population": "1000000", "poor_population": "0",
         "gap_sum": "0", "gap_squared_sum": "0", "watts_whole_sum": "0", "watts_fraction_sum": "0", "zero_income_poor": 0, "colour": 1}'::fgt_state;
SELECT '{"poverty_line": 3, "poverty_line": 3}'::fgt_state;
SELECT '{"poverty_line": 3, "poor_at_line": true, "rows": 1.5}'::fgt_state;
SELECT '{"poverty_line": "3"}'::fgt_state;
SELECT '{"poverty_line": 3, "poor_at_line": yes}'::fgt_state;
SELECT '{"poverty_line": 3 "poor_at_line": true}'::fgt_state;
SELECT '[1, 2]'::fgt_state;
SELECT '{"poverty_line": 3, "poor_at_line": true, "rows": 1, "population": "1000000", "poor_population": "2000000",
         "gap_sum": "0", "gap_squared_sum": "0", "watts_whole_sum": "0", "watts_fraction_sum": "0", "zero_income_poor": 0}'::fgt_state;
SELECT '{"poverty_line": -3, "poor_at_line": true, "rows": 0, "population": "0", "poor_population": "0",
         "gap_sum": "0", "gap_squared_sum": "0", "watts_whole_sum": "0", "watts_fraction_sum": "0", "zero_income_poor": 0}'::fgt_state;
SELECT '{"poverty_line": null, "poor_at_line": true, "rows": 0, "population": "0", "poor_population": "0",
         "gap_sum": "0", "gap_squared_sum": "0", "watts_whole_sum": "0", "watts_fraction_sum": "0", "zero_income_poor": 0}'::fgt_state;
SELECT '{"poverty_line": null, "poor_at_line": null, "rows": 1, "population": "0", "poor_population": "0",
         "gap_sum": "0", "gap_squared_sum": "0", "watts_whole_sum": "0", "watts_fraction_sum": "0", "zero_income_poor": 0}'::fgt_state;
SELECT '{"poverty_line": 3, "poor_at_line": true, "rows": 1, "population": "170141183460469231731687303715884105728",
         "poor_population": "0", "gap_sum": "0", "gap_squared_sum": "0", "watts_whole_sum": "0", "watts_fraction_sum": "0", "zero_income_poor": 0}'::fgt_state;
SELECT '{"poverty_line": 3, "poor_at_line": true, "rows": 1, "population": "1000000", "poor_population": "0",
         "gap_sum": "0", "gap_squared_sum": "0", "watts_whole_sum": "0", "watts_fraction_sum": "0", "zero_income_poor": 0} x'::fgt_state;
\set VERBOSITY sqlstate
SELECT '{'::fgt_state;
SELECT ''::fgt_state;
\set VERBOSITY default

-- Generated data: 60,000 households in 12 wards, incomes around the line,
-- fractional weights; some incomes exactly on the line
CREATE TABLE fgt_household (id int, ward int, income float8, weight float8);
INSERT INTO fgt_household
SELECT i, i % 12, CASE WHEN i % 97 = 0 THEN 2000000 ELSE 1 + (i * 7919 % 1000003) * 4.37 END,
       0.5 + (i * 31 % 17) * 0.125 + (i % 3) * 0.000001
  FROM generate_series(1, 60000) AS i;
ANALYZE fgt_household;
CREATE TABLE fgt_serial AS
SELECT fgt_state_agg(income, 2000000, weight)::text AS state,
       fgt_state_agg(income, 2000000, weight, false)::text AS state_strict,
       fgt_state_agg(income, 2000000, weight) FILTER (WHERE id * 7 % 30000 = 1)::text AS state_few
  FROM fgt_household;
SELECT rows, population, poor_population, p0, round(p1::numeric, 12) AS p1, round(p2::numeric, 12) AS p2,
       round(watts::numeric, 12) AS watts
  FROM fgt_serial, LATERAL fgt_measures(state::fgt_state);
SELECT fgt_p0(state_strict::fgt_state) < fgt_p0(state::fgt_state) AS strict_boundary_counts_fewer FROM fgt_serial;

-- Merged ward states equal the direct aggregation, in any order
CREATE TABLE fgt_ward_state AS
SELECT ward, fgt_state_agg(income, 2000000, weight) AS state FROM fgt_household GROUP BY ward;
SELECT (SELECT fgt_state_merge(state ORDER BY ward)::text FROM fgt_ward_state) = state AS merged_ascending,
       (SELECT fgt_state_merge(state ORDER BY ward DESC)::text FROM fgt_ward_state) = state AS merged_descending,
       (SELECT fgt_state_merge(state ORDER BY md5(ward::text))::text FROM fgt_ward_state) = state AS merged_shuffled
  FROM fgt_serial;
SELECT (SELECT a.state + b.state FROM fgt_ward_state AS a, fgt_ward_state AS b WHERE a.ward = 0 AND b.ward = 1)::text
     = (SELECT fgt_state_agg(income, 2000000, weight)::text FROM fgt_household WHERE ward IN (0, 1)) AS operator_plus;

-- Binary form: COPY out and back in gives identical states
SELECT current_setting('data_directory') || '/povext_fgt_states.bin' AS binfile \gset
COPY fgt_ward_state TO :'binfile' WITH (FORMAT binary);
CREATE TABLE fgt_ward_state_copy (LIKE fgt_ward_state);
COPY fgt_ward_state_copy FROM :'binfile' WITH (FORMAT binary);
COPY (SELECT s FROM fgt_empty) TO :'binfile' WITH (FORMAT binary);
COPY fgt_empty FROM :'binfile' WITH (FORMAT binary);
SELECT count(*) AS wards, bool_and(a.state::text = b.state::text) AS binary_round_trip
  FROM fgt_ward_state AS a JOIN fgt_ward_state_copy AS b USING (ward);
SELECT count(*) AS empty_states, count(DISTINCT s::text) AS distinct_texts FROM fgt_empty;

-- Parallel plans give the serial state bit for bit
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
EXPLAIN (COSTS OFF) SELECT fgt_state_agg(income, 2000000, weight) FROM fgt_household;
SELECT pg_temp.workers_launched('SELECT fgt_state_agg(income, 2000000, weight) FROM fgt_household') > 0 AS workers_ran;
SELECT fgt_state_agg(income, 2000000, weight)::text = (SELECT state FROM fgt_serial) AS parallel_equals_serial,
       fgt_state_agg(income, 2000000, weight, false)::text = (SELECT state_strict FROM fgt_serial) AS parallel_strict_equals_serial
  FROM fgt_household;
-- Two matching rows (ids 17143 and 47143) for three processes: a process
-- that finds no row passes a NULL partial state to the combine function
SELECT pg_temp.plan_has('SELECT fgt_state_agg(income, 2000000, weight) FROM fgt_household WHERE id * 7 % 30000 = 1',
                        'Partial Aggregate') AS few_rows_partial;
SELECT fgt_state_agg(income, 2000000, weight)::text = (SELECT state_few FROM fgt_serial) AS few_rows_parallel_equals_serial,
       count(*) AS matching_rows
  FROM fgt_household WHERE id * 7 % 30000 = 1;
SELECT pg_temp.plan_has('SELECT fgt_p0(income, 2000000, weight), fgt_watts(income, 2000000, weight) FROM fgt_household',
                        'Partial Aggregate') AS convenience_aggregates_partial;
SELECT fgt_p0(income, 2000000, weight) = fgt_p0((SELECT state FROM fgt_serial)::fgt_state) AS p0,
       fgt_watts(income, 2000000, weight) = fgt_watts((SELECT state FROM fgt_serial)::fgt_state) AS watts
  FROM fgt_household;
SELECT pg_temp.plan_has('SELECT ward, fgt_state_agg(income, 2000000, weight) FROM fgt_household GROUP BY ward',
                        'Partial') AS grouped_partial;
SELECT bool_and(p.state::text = w.state::text) AS grouped_parallel_equals_serial
  FROM (SELECT ward, fgt_state_agg(income, 2000000, weight) AS state FROM fgt_household GROUP BY ward) AS p
  JOIN fgt_ward_state AS w USING (ward);
SELECT pg_temp.plan_has('SELECT fgt_state_merge(state) FROM fgt_ward_state', 'Partial Aggregate') AS merge_partial;
SELECT fgt_state_merge(state)::text = (SELECT state FROM fgt_serial) AS parallel_merge_equals_serial FROM fgt_ward_state;
SET force_parallel_mode = on;
SELECT fgt_state_agg(income, 2000000, weight)::text = (SELECT state FROM fgt_serial) AS forced_parallel_equals_serial
  FROM fgt_household;
RESET force_parallel_mode;

-- Partitionwise aggregation: a partial aggregate per partition, same state
SET max_parallel_workers_per_gather = 0;
SET enable_partitionwise_aggregate = on;
CREATE TABLE fgt_household_part (id int, ward int, income float8, weight float8) PARTITION BY LIST (ward);
CREATE TABLE fgt_household_part_a PARTITION OF fgt_household_part FOR VALUES IN (0, 1, 2, 3);
CREATE TABLE fgt_household_part_b PARTITION OF fgt_household_part FOR VALUES IN (4, 5, 6, 7);
CREATE TABLE fgt_household_part_c PARTITION OF fgt_household_part FOR VALUES IN (8, 9, 10, 11);
INSERT INTO fgt_household_part SELECT * FROM fgt_household;
ANALYZE fgt_household_part;
EXPLAIN (COSTS OFF) SELECT fgt_state_agg(income, 2000000, weight) FROM fgt_household_part;
SELECT fgt_state_agg(income, 2000000, weight)::text = (SELECT state FROM fgt_serial) AS partitionwise_equals_serial
  FROM fgt_household_part;
SELECT bool_and(p.state::text = w.state::text) AS partitionwise_grouped_equals_serial
  FROM (SELECT ward, fgt_state_agg(income, 2000000, weight) AS state FROM fgt_household_part GROUP BY ward) AS p
  JOIN fgt_ward_state AS w USING (ward);
RESET enable_partitionwise_aggregate;
RESET max_parallel_workers_per_gather;
RESET min_parallel_table_scan_size;
RESET parallel_tuple_cost;
RESET parallel_setup_cost;

-- Window use: a running frame (state updated in place) and a moving one
-- (state rebuilt per row) give the aggregates of the frames
SELECT id, income, weight, fgt_p0(income, 2000000, weight) OVER running AS running_p0,
       fgt_p0(income, 2000000, weight) OVER moving AS moving_p0,
       fgt_state_agg(income, 2000000, weight) OVER running IS NOT NULL AS has_state
  FROM fgt_household WHERE ward = 0 AND id <= 60
WINDOW running AS (ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW),
       moving AS (ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
 ORDER BY id;

DROP TABLE fgt_hand, fgt_empty, fgt_household, fgt_serial, fgt_ward_state, fgt_ward_state_copy, fgt_household_part;

-- Alkire-Foster aggregates: the worked example of Alkire & Foster (2011),
-- exact scores, every accessor, NULLs, errors, merging, text and binary
-- round trips, invariants on generated data, parallel and partitioned plans.
SET search_path = povext, public;

-- The worked example: 4 people, 4 equally weighted indicators (here the
-- first four national indicators), deprivation counts 0, 2, 4, 1.
INSERT INTO standard (code, scope, name, unit, rule, minimum_deprivations, legal_basis, confidence)
VALUES ('af-example', 'example', 'Alkire and Foster (2011), section 4 example', NULL, 'weighted_score', NULL,
        'J. Public Econ. 95 (2011) 476-487', 'confirmed');
INSERT INTO standard_indicator (standard, indicator, weight_numerator, weight_denominator, confidence)
SELECT 'af-example', code, 1, 4, 'confirmed' FROM indicator WHERE bit < 4;
CREATE TABLE af_example (person int, deprivations deprivations);
INSERT INTO af_example VALUES
    (1, '{}'),
    (2, '{dependants,health_insurance}'),
    (3, '{employment,dependants,nutrition,health_insurance}'),
    (4, '{dependants}');
CREATE TABLE af_example_state AS SELECT af_state_agg(deprivations, 'af-example') AS state FROM af_example;
SELECT state FROM af_example_state;
-- k = 2 of 4 indicators: H = 0.5, A = 0.75, M0 = 0.375
SELECT m.* FROM af_example_state, af_measures_at_count(state, 2) AS m;
SELECT m.* FROM af_example_state, af_measures(state, 0.5) AS m;
-- Censored headcounts 1/4, 2/4, 1/4, 2/4; uncensored 1/4, 3/4, 1/4, 2/4;
-- contributions 1/6, 1/3, 1/6, 1/3
SELECT i.* FROM af_example_state, af_indicators(state, 0.5) AS i;
SELECT round(sum(contribution), 15) AS contributions FROM af_example_state, af_indicators(state, 0.5);
-- Every cutoff from one state
SELECT s.* FROM af_example_state, af_sweep(state) AS s;
-- The convenience aggregates give the same plain numbers
SELECT af_headcount_ratio(deprivations, 'af-example', 0.5), af_intensity(deprivations, 'af-example', 0.5),
       af_m0(deprivations, 'af-example', 0.5) FROM af_example;

-- Exact scores: 1/6 + 3 * 1/18 is exactly 1/3, so this person is poor at
-- k = 1/3; 1/6 + 2/18 = 5/18 is vulnerable (at least 1/5, below 1/3).
CREATE TABLE ophi_sample (id int, deprivations deprivations, size int);
INSERT INTO ophi_sample VALUES
    (1, '{nutrition,cooking_fuel,sanitation,assets}', 4),
    (2, '{nutrition,cooking_fuel,sanitation}', 3),
    (3, '{nutrition,child_mortality,years_of_schooling,housing}', 5),
    (4, '{}', 2),
    (5, '{electricity}', 6);
SELECT id, (af_measures(af_state_agg(deprivations, 'ophi-mpi'), 1/3.0)).headcount_ratio AS poor_at_one_third,
       (af_ophi_bands(af_state_agg(deprivations, 'ophi-mpi'))).vulnerable_headcount_ratio AS vulnerable
  FROM ophi_sample GROUP BY id ORDER BY id;
SELECT m.* FROM (SELECT af_state_agg(deprivations, 'ophi-mpi') AS state FROM ophi_sample) AS s,
       af_measures(s.state, 1/3.0) AS m;
-- Weighted by household size: population 20, poor 4 + 5
SELECT m.* FROM (SELECT af_state_agg(deprivations, 'ophi-mpi', size) AS state FROM ophi_sample) AS s,
       af_measures(s.state, 1/3.0) AS m;
SELECT b.* FROM (SELECT af_state_agg(deprivations, 'ophi-mpi', size) AS state FROM ophi_sample) AS s,
       af_ophi_bands(s.state) AS b;
SELECT af_m0(deprivations, 'ophi-mpi', size, 1/3.0) AS m0, af_headcount_ratio(deprivations, 'ophi-mpi', size, 1/3.0) AS h
  FROM ophi_sample;
-- Indicators outside the standard do not count: water is national, not OPHI
SELECT af_state_agg(d, 'ophi-mpi')::text = af_state_agg(d - '{water}', 'ophi-mpi')::text AS water_ignored
  FROM (VALUES ('{nutrition,water}'::deprivations), ('{water}')) AS v(d);
-- National standard: k as a count of its 12 indicators
SELECT m.* FROM (SELECT af_state_agg(d, 'vn-2022') AS state
                   FROM (VALUES ('{water,telecom,nutrition}'::deprivations), ('{water,telecom}'), ('{}')) AS v(d)) AS s,
       af_measures_at_count(s.state, 3) AS m;

-- NULLs and empty input
SELECT af_state_agg(deprivations, 'ophi-mpi') IS NULL AS empty_input FROM ophi_sample WHERE false;
SELECT af_state_agg(NULL::deprivations, 'ophi-mpi') IS NULL AS all_null FROM ophi_sample;
SELECT af_m0(deprivations, 'ophi-mpi', 1/3.0) IS NULL AS empty_m0 FROM ophi_sample WHERE false;
SELECT af_state_agg(deprivations, 'ophi-mpi', CASE WHEN id = 1 THEN NULL ELSE size END)::text
     = af_state_agg(deprivations, 'ophi-mpi', size) FILTER (WHERE id <> 1)::text AS null_weight_skipped
  FROM ophi_sample;
-- Zero total weight: H, A and M0 are undefined
SELECT m.* FROM (SELECT af_state_agg(deprivations, 'ophi-mpi', 0) AS state FROM ophi_sample) AS s,
       af_measures(s.state, 1/3.0) AS m;
-- Nobody poor: H = M0 = 0, A undefined
SELECT m.* FROM (SELECT af_state_agg('{}'::deprivations, 'ophi-mpi') AS state) AS s, af_measures(s.state, 1/3.0) AS m;
SELECT i.* FROM (SELECT af_state_agg('{electricity}'::deprivations, 'ophi-mpi') AS state) AS s,
       af_indicators(s.state, 1/3.0) AS i WHERE indicator IN ('electricity', 'assets');

-- Errors
SELECT af_state_agg(deprivations, 'ophi-mpi', -1) FROM ophi_sample;
SELECT af_state_agg(deprivations, 'ophi-mpi', 'NaN') FROM ophi_sample;
SELECT af_state_agg(deprivations, 'no-such-standard') FROM ophi_sample;
SELECT af_state_agg(deprivations, CASE WHEN id < 3 THEN 'ophi-mpi' ELSE 'vn-2022' END) FROM ophi_sample;
SELECT af_m0(deprivations, 'ophi-mpi', CASE WHEN id < 3 THEN 1/3.0 ELSE 0.5 END) FROM ophi_sample;
SELECT m.* FROM af_example_state, af_measures(state, 0) AS m;
SELECT m.* FROM af_example_state, af_measures(state, 1.5) AS m;
SELECT m.* FROM af_example_state, af_measures_at_count(state, 5) AS m;
INSERT INTO standard (code, scope, name, unit, rule, minimum_deprivations, legal_basis, confidence)
VALUES ('unweighted', 'example', 'No indicators yet', NULL, 'weighted_score', NULL, 'none', 'unknown');
SELECT af_state_agg('{}', 'unweighted');
INSERT INTO standard_indicator (standard, indicator, weight_numerator, weight_denominator, confidence)
VALUES ('unweighted', 'water', 1, 2, 'unknown');
SELECT af_state_agg('{}', 'unweighted');

-- Weights are reduced fractions: 2/6 is 1/3; a weight above 1 is an error
INSERT INTO standard (code, scope, name, unit, rule, minimum_deprivations, legal_basis, confidence)
VALUES ('thirds', 'example', 'Three indicators of weight 1/3', NULL, 'weighted_score', NULL, 'none', 'unknown');
INSERT INTO standard_indicator (standard, indicator, weight_numerator, weight_denominator, confidence)
VALUES ('thirds', 'water', 2, 6, 'unknown'), ('thirds', 'sanitation', 1, 3, 'unknown'), ('thirds', 'telecom', 1, 3, 'unknown');
SELECT af_state_agg('{water}', 'thirds');
UPDATE standard_indicator SET weight_numerator = 1431655766, weight_denominator = 1
 WHERE standard = 'thirds' AND indicator = 'water';
SELECT af_state_agg('{water}', 'thirds');
-- A cutoff written as a rounded decimal means the multiple of 1/D it stands
-- for: 2/3.0 = 0.66666666666666666667 makes a score of exactly 12/18 poor
SELECT (af_measures(af_state_agg('{nutrition,child_mortality,years_of_schooling,school_attendance}', 'ophi-mpi'), 2/3.0)).headcount_ratio AS at_two_thirds,
       (af_measures(af_state_agg('{nutrition,child_mortality,years_of_schooling,school_attendance}', 'ophi-mpi'), 0.6667)).headcount_ratio AS above_two_thirds;
-- A state without a cutoff has no plain-number measures
SELECT af_state_m0_final(af_state_agg('{water}', 'vn-2022'));

-- Merging: ward states stored in a table merge into the district's state,
-- exactly as aggregating the households directly
CREATE TABLE generated_household AS
SELECT g AS id, 1 + g % 16 AS ward, 1 + (g * 7) % 8 AS size,
       (SELECT coalesce(array_agg(i.indicator), '{}')::deprivations
          FROM standard_indicator AS i JOIN indicator AS c ON c.code = i.indicator
         WHERE i.standard = 'ophi-mpi' AND ((g * 2654435761 + g * g) >> (c.bit % 23)) & 3 = 0) AS deprivations
  FROM generate_series(1, 5000) AS g;
CREATE TABLE ward_state AS
SELECT ward, af_state_agg(deprivations, 'ophi-mpi', size) AS state FROM generated_household GROUP BY ward;
SELECT (SELECT af_state_merge(state) FROM ward_state)::text
     = (SELECT af_state_agg(deprivations, 'ophi-mpi', size) FROM generated_household)::text AS merged_equals_direct;
SELECT ((SELECT state FROM ward_state WHERE ward = 1) + (SELECT state FROM ward_state WHERE ward = 2))::text
     = (SELECT af_state_agg(deprivations, 'ophi-mpi', size) FROM generated_household WHERE ward IN (1, 2))::text AS operator_plus;
SELECT m.* FROM (SELECT af_state_merge(state) AS state FROM ward_state) AS s, af_measures(s.state, 1/3.0) AS m;
-- Invariants: M0 = H * A, contributions sum to 1, M0 of the whole is the
-- population-weighted sum of the wards' M0
SELECT round(m.m0 - m.headcount_ratio * m.intensity, 15) AS m0_minus_h_times_a
  FROM (SELECT af_state_merge(state) AS state FROM ward_state) AS s, af_measures(s.state, 1/3.0) AS m;
SELECT round(sum(contribution), 15) AS contributions
  FROM (SELECT af_state_merge(state) AS state FROM ward_state) AS s, af_indicators(s.state, 1/3.0);
SELECT round(sum(m.population * m.m0) / sum(m.population)
             - (SELECT m0 FROM af_measures((SELECT af_state_merge(state) FROM ward_state), 1/3.0)), 15) AS decomposition
  FROM ward_state, af_measures(state, 1/3.0) AS m;
-- Merging different standards or changed weights is an error, not a number
SELECT (SELECT state FROM af_example_state) + (SELECT state FROM ward_state WHERE ward = 1);
SELECT af_state_merge(state) FROM (SELECT state FROM ward_state UNION ALL SELECT state FROM af_example_state) AS s;
-- Empty states (no scores) merge with anything
SELECT ('{"standard": "ophi-mpi", "denominator": 18, "indicators": ["nutrition", "school_attendance", "sanitation", "child_mortality", "years_of_schooling", "cooking_fuel", "drinking_water", "electricity", "housing", "assets"], "points": [3, 3, 1, 3, 3, 1, 1, 1, 1, 1], "scores": []}'::af_state
      + '{"standard": "ophi-mpi", "denominator": 18, "indicators": ["nutrition", "school_attendance", "sanitation", "child_mortality", "years_of_schooling", "cooking_fuel", "drinking_water", "electricity", "housing", "assets"], "points": [3, 3, 1, 3, 3, 1, 1, 1, 1, 1], "scores": []}'::af_state) AS two_empty;
SELECT (state + '{"standard": "ophi-mpi", "denominator": 18, "indicators": ["nutrition", "school_attendance", "sanitation", "child_mortality", "years_of_schooling", "cooking_fuel", "drinking_water", "electricity", "housing", "assets"], "points": [3, 3, 1, 3, 3, 1, 1, 1, 1, 1], "scores": []}')::text
     = state::text AS empty_is_neutral
  FROM ward_state WHERE ward = 3;

-- Text round trip is identical; binary round trip too
SELECT count(*) AS states, count(*) FILTER (WHERE state::text::af_state::text = state::text) AS identical FROM ward_state;
SELECT current_setting('data_directory') || '/povext_regress_af_state.bin' AS binfile \gset
COPY ward_state TO :'binfile' WITH (FORMAT binary);
CREATE TABLE ward_state_copy (LIKE ward_state);
COPY ward_state_copy FROM :'binfile' WITH (FORMAT binary);
SELECT count(*) FILTER (WHERE a.state::text = b.state::text) AS identical
  FROM ward_state AS a JOIN ward_state_copy AS b USING (ward);
-- The indicators may be listed in any order in the text form
SELECT '{"standard": "af-example", "denominator": 4, "indicators": ["health_insurance", "nutrition", "dependants", "employment"], "points": [1, 1, 1, 1], "scores": [[1, 1, [0, 0, 1, 0]]]}'::af_state;
-- Malformed text
SELECT 'not json'::af_state;
SELECT '[1, 2]'::af_state;
SELECT '{"standard": "af-example"}'::af_state;
SELECT '{"standard": "af-example", "denominator": 4, "indicators": ["employment", "dependants", "nutrition", "nope"], "points": [1, 1, 1, 1], "scores": []}'::af_state;
SELECT '{"standard": "af-example", "denominator": 4, "indicators": ["employment", "dependants", "nutrition", "health_insurance"], "points": [1, 1, 1, 2], "scores": []}'::af_state;
SELECT '{"standard": "af-example", "denominator": 4, "indicators": ["employment", "dependants", "nutrition", "health_insurance"], "points": [1, 1, 1, 1], "scores": [[2, 1, [0, 0, 0, 0]], [1, 1, [0, 0, 0, 0]]]}'::af_state;
SELECT '{"standard": "af-example", "denominator": 4, "indicators": ["employment", "dependants", "nutrition", "health_insurance"], "points": [1, 1, 1, 1], "scores": [[1, 1, [2, 0, 0, 0]]]}'::af_state;
SELECT '{"standard": "af-example", "denominator": 4, "indicators": ["employment", "dependants", "nutrition", "health_insurance"], "points": [1, 1, 1, 1], "scores": [[1, 0.0000001, [0, 0, 0, 0]]]}'::af_state;
SELECT '{"standard": "af-example", "denominator": 4, "indicators": ["employment", "dependants", "nutrition", "health_insurance"], "points": [1, 1, 1, 1], "scores": [[1, -1, [0, 0, 0, 0]]]}'::af_state;

-- Parallel plans give exactly the serial state
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT af_state_agg(deprivations, 'ophi-mpi', size) FROM generated_household;
CREATE TABLE parallel_state AS SELECT af_state_agg(deprivations, 'ophi-mpi', size) AS state FROM generated_household;
EXPLAIN (COSTS OFF) SELECT ward, af_m0(deprivations, 'ophi-mpi', size, 1/3.0) FROM generated_household GROUP BY ward;
CREATE TABLE parallel_ward_m0 AS SELECT ward, af_m0(deprivations, 'ophi-mpi', size, 1/3.0) AS m0 FROM generated_household GROUP BY ward;
SET force_parallel_mode = on;
CREATE TABLE forced_state AS SELECT af_state_agg(deprivations, 'ophi-mpi', size) AS state FROM generated_household;
RESET force_parallel_mode;
RESET max_parallel_workers_per_gather;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
SET max_parallel_workers_per_gather = 0;
SELECT (SELECT state::text FROM parallel_state) = af_state_agg(deprivations, 'ophi-mpi', size)::text AS parallel_equals_serial,
       (SELECT state::text FROM forced_state) = af_state_agg(deprivations, 'ophi-mpi', size)::text AS forced_equals_serial
  FROM generated_household;
SELECT count(*) FILTER (WHERE p.m0 = s.m0) AS wards_equal
  FROM parallel_ward_m0 AS p
  JOIN (SELECT ward, af_m0(deprivations, 'ophi-mpi', size, 1/3.0) AS m0 FROM generated_household GROUP BY ward) AS s USING (ward);
-- Partitionwise aggregation over a partitioned table
CREATE TABLE partitioned_household (LIKE generated_household) PARTITION BY LIST (ward);
CREATE TABLE partitioned_household_low PARTITION OF partitioned_household FOR VALUES IN (1, 2, 3, 4, 5, 6, 7, 8);
CREATE TABLE partitioned_household_high PARTITION OF partitioned_household FOR VALUES IN (9, 10, 11, 12, 13, 14, 15, 16);
INSERT INTO partitioned_household SELECT * FROM generated_household;
SET enable_partitionwise_aggregate = on;
EXPLAIN (COSTS OFF) SELECT af_state_agg(deprivations, 'ophi-mpi', size) FROM partitioned_household;
SELECT af_state_agg(deprivations, 'ophi-mpi', size)::text = (SELECT state::text FROM parallel_state) AS partitionwise_equals_serial
  FROM partitioned_household;
RESET enable_partitionwise_aggregate;
RESET max_parallel_workers_per_gather;

-- Clean up for the tests that follow
DROP TABLE af_example, af_example_state, ophi_sample, generated_household, ward_state, ward_state_copy,
           parallel_state, parallel_ward_m0, forced_state, partitioned_household;
DELETE FROM standard_indicator WHERE standard IN ('af-example', 'unweighted', 'thirds');
DELETE FROM standard WHERE code IN ('af-example', 'unweighted', 'thirds');

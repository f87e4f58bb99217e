-- Aggregate state types: large finite inputs, error messages on multi-byte
-- input, invariants checked on input, format versions and the 0.2.0 forms.
SET search_path = povext, public;

-- Gini and quantiles of large finite inputs: sums that exceed float8 are
-- scaled by powers of two, which changes no result that fits.
SELECT gini(x, 1) AS equal_huge_values FROM (VALUES (1e308::float8), (1e308)) AS v(x);
-- (weights 1e200 are scaled by 2^-665: the result is laeken's for those
-- weights, 0 to float8 precision; weights 2^700 scale exactly to 1)
SELECT gini(1, w) AS equal_huge_weights, gini(1, w * 2::float8 ^ -665) AS as_scaled
  FROM (VALUES (1e200::float8), (1e200)) AS v(w);
SELECT gini(1, 2::float8 ^ 700) AS power_of_two_weights FROM generate_series(1, 2);
SELECT gini(x, w) AS huge_both FROM (VALUES (1e308::float8, 1e300::float8), (3e307, 1e300)) AS v(x, w);
SELECT gini(x, w) AS unscaled FROM (VALUES (10::float8, 1::float8), (3, 1)) AS v(x, w);
SELECT weighted_median(x, 1e308) AS median_huge_weights FROM (VALUES (1::float8), (5)) AS v(x);
SELECT weighted_quantile(x, w, 0.25) AS q25 FROM (VALUES (1::float8, 1e308::float8), (5, 1e308), (7, 1e308), (9, 1e308)) AS v(x, w);
SELECT weighted_median(x, w) AS median_mixed FROM (VALUES (1::float8, 1e308::float8), (5, 1e-300), (7, 1e308)) AS v(x, w);
SELECT sample_gini(s) AS stored_gini, sample_median(s) AS stored_median
  FROM (SELECT '{"p": null, "values": [-1e308, 1e308], "weights": [1e308, 1e308]}'::sample_state AS s) AS t;

-- Messages quote whole characters: a lone byte of "é" in the detail was
-- invalid UTF-8, and in LATIN1 replaced the 22P02 error by 22021.
SELECT E'{\u00e9}'::fgt_state;
SELECT E'{"p": null, "values": [1]\u00e9}'::sample_state;
SELECT E'{"p": null, "values": [1], "weights": [1]} \u00e9'::sample_state;
SET client_encoding = 'LATIN1';
\set VERBOSITY sqlstate
SELECT E'{\u00e9}'::fgt_state;
SELECT E'{"p": null, "values": [1]\u00e9}'::sample_state;
SELECT E'{"standard": \u00e9}'::af_state;
\set VERBOSITY default
RESET client_encoding;

-- A state read from text satisfies every invariant of a state the aggregate
-- builds.  af_state: a score row's deprived counts, weighted by points, add
-- up to the score times its population (a score of 2 with one indicator
-- deprived; a score of 1 with all four deprived, contributions summing to 4).
SELECT '{"standard": "af-example", "denominator": 4, "indicators": ["health_insurance", "nutrition", "dependants", "employment"], "points": [1, 1, 1, 1], "scores": [[2, 1, [1, 0, 0, 0]]]}'::af_state;
SELECT '{"standard": "af-example", "denominator": 4, "indicators": ["health_insurance", "nutrition", "dependants", "employment"], "points": [1, 1, 1, 1], "scores": [[1, 1, [1, 1, 1, 1]]]}'::af_state;
-- and a consistent one reads back: two households of score 2, weights 0.5 and 1.5
SELECT '{"standard": "af-example", "denominator": 4, "indicators": ["health_insurance", "nutrition", "dependants", "employment"], "points": [1, 1, 1, 1], "scores": [[2, 2, [0.5, 1.5, 2, 0]]]}'::af_state;
-- fgt_state: rows against population, zero-income poor against the poor
-- population, Watts sums against their bound (ln(z/y) < 1455).
SELECT '{"poverty_line": 3, "poor_at_line": true, "rows": 0, "population": "1000000", "poor_population": "0", "gap_sum": "0", "gap_squared_sum": "0", "watts_whole_sum": "0", "watts_fraction_sum": "0", "zero_income_poor": 0}'::fgt_state;
SELECT '{"poverty_line": 3, "poor_at_line": true, "rows": 1, "population": "9223372036854775808", "poor_population": "0", "gap_sum": "0", "gap_squared_sum": "0", "watts_whole_sum": "0", "watts_fraction_sum": "0", "zero_income_poor": 0}'::fgt_state;
SELECT '{"poverty_line": 3, "poor_at_line": true, "rows": 1, "population": "0", "poor_population": "0", "gap_sum": "0", "gap_squared_sum": "0", "watts_whole_sum": "0", "watts_fraction_sum": "0", "zero_income_poor": 1}'::fgt_state;
SELECT '{"poverty_line": 3, "poor_at_line": true, "rows": 1, "population": "1", "poor_population": "1", "gap_sum": "0", "gap_squared_sum": "0", "watts_whole_sum": "1455", "watts_fraction_sum": "0", "zero_income_poor": 0}'::fgt_state;
SELECT '{"poverty_line": 3, "poor_at_line": true, "rows": 1, "population": "1", "poor_population": "1", "gap_sum": "0", "gap_squared_sum": "0", "watts_whole_sum": "0", "watts_fraction_sum": "1152921504606846977", "zero_income_poor": 0}'::fgt_state;
-- the extremes an aggregate reaches read back
SELECT s::text::fgt_state::text = s::text AS extreme_reads_back
  FROM (SELECT fgt_state_agg(x, 1.7e308::float8) AS s FROM (VALUES (5e-324::float8)) AS v(x)
        UNION ALL
        SELECT fgt_state_agg(x, 3, 9e12::float8) FROM (VALUES (0::float8), (1)) AS v(x)) AS t;

-- Format versions.  Every state's text starts with "version": 1; text
-- without a version (povext 0.2.0) is read as format 1, which is the same
-- text otherwise.  These are texts 0.2.0 wrote:
SELECT '{"standard": "af-example", "denominator": 4, "cutoff_points": 2, "indicators": ["employment", "dependants", "nutrition", "health_insurance"], "points": [1, 1, 1, 1], "scores": [[0, 1, [0, 0, 0, 0]], [2, 2.5, [0, 2.5, 0, 2.5]]]}'::af_state AS af_0_2_0;
SELECT '{"poverty_line": 3, "poor_at_line": true, "rows": 5, "population": "10000000", "poor_population": "4000000", "gap_sum": "1537228672809129216000000", "gap_squared_sum": "768614336404564608000000", "watts_whole_sum": "1000000", "watts_fraction_sum": "1048631113235247360000000", "zero_income_poor": 0}'::fgt_state AS fgt_0_2_0;
SELECT '{"p": 0.5, "values": [1, 2, 3, 4, 10], "weights": [1, 2, 1, 1, 5]}'::sample_state AS sample_0_2_0;
-- the version may stand anywhere, as any member; another version is refused
SELECT '{"p": null, "values": [], "weights": [], "version": 1}'::sample_state AS version_last;
SELECT '{"version": 3, "p": null, "values": [], "weights": []}'::sample_state;
SELECT '{"version": 0, "poverty_line": null}'::fgt_state;
SELECT '{"version": "1", "standard": "af-example"}'::af_state;
SELECT '{"version": 1, "version": 1, "p": null, "values": [], "weights": []}'::sample_state ;
-- binary: fgt_state and sample_state sent a version byte since 0.2.0; an
-- af_state now starts with a zero byte (an empty standard code in 0.2.0's
-- form, which has no version) and the version.
SELECT substring(af_state_send(s) FOR 2) AS af_head, substring(fgt_state_send(f) FOR 1) AS fgt_head,
       substring(sample_state_send(p) FOR 1) AS sample_head
  FROM (SELECT af_state_agg('{water}', 'ophi-mpi') AS s, fgt_state_agg(1, 3) AS f, sample_state_agg(1) AS p) AS t;
-- a 0.2.0 binary af_state (COPY BINARY file of one row) still reads
CREATE TEMP TABLE binary_states (s af_state);
SELECT '5047434f50590aff0d0a00' || '00000000' || '00000000' || '0001'
       || lpad(to_hex(length(body)), 8, '0') || encode(body, 'hex') || 'ffff' AS copy_file
  FROM (SELECT substring(af_state_send(af_state_agg(d, 'ophi-mpi', w)) FROM 3) AS body
          FROM (VALUES ('{electricity}'::deprivations, 1.5), ('{nutrition,electricity}', 2)) AS v(d, w)) AS t \gset
\set copy_program 'python3 -c "import sys; sys.stdout.buffer.write(bytes.fromhex(sys.argv[1]))" ' :copy_file
COPY binary_states FROM PROGRAM :'copy_program' WITH (FORMAT binary);
SELECT s AS af_0_2_0_binary FROM binary_states;
-- and the current binary form reads back (the file goes to the data directory)
COPY binary_states TO PROGRAM 'cat > state_formats.copy' WITH (FORMAT binary);
COPY binary_states FROM PROGRAM 'cat state_formats.copy && rm state_formats.copy' WITH (FORMAT binary);
SELECT count(DISTINCT s::text) AS distinct_states, count(*) AS rows FROM binary_states;

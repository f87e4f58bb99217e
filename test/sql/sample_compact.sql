-- The compact text form of sample_state (format 2): written for states of
-- more than 32 rows, read back to the same pairs and the same text; the
-- readable JSON form (format 1, and povext 0.2.0's text without a version)
-- is still read.  Malformed compact text is 22P02, never a crash.
SET search_path = public, povext;
SET extra_float_digits = 0;

-- A compact text from its parts: the pairs given as the hex of their bytes.
CREATE FUNCTION pg_temp.compact(count text, value_decimals text, weight_decimals text, pairs_hex text)
RETURNS text LANGUAGE sql AS $$
  SELECT format('{"version": 2, "p": null, "count": %s, "value_decimals": %s, "weight_decimals": %s, "pairs": "%s"}',
                count, value_decimals, weight_decimals,
                translate(encode(decode(pairs_hex, 'hex'), 'base64'), E'\n', ''))
$$;

-- 32 rows keep the readable form; 33 are written compact.
SELECT sample_state_agg(i, 1)::text FROM generate_series(1, 32) AS i;
SELECT sample_state_agg(i, 1)::text FROM generate_series(1, 33) AS i;
-- Decimals of values and weights, runs of equal pairs, negative values.
SELECT sample_state_agg(i / 4.0 - 5, 0.25 * (1 + i % 2))::text FROM generate_series(1, 40) AS i;
SELECT sample_state_agg(-(i % 3), 2)::text FROM generate_series(1, 40) AS i;
-- Values with no decimal form (1/3) are written as their bits; so are weights of 2^-1074.
SELECT sample_state_agg(i / 3.0, 5e-324)::text FROM generate_series(1, 34) AS i;
-- The quantile order is kept.
SELECT weighted_quantile_state::text FROM (
  SELECT sample_state_accum_quantile(NULL, 0, 1, 0.25) AS weighted_quantile_state) AS t;

-- Round trips on varied samples: text -> state -> text is the identity, the
-- pairs (send) are the same, and so are the Gini and the median.
CREATE TEMP TABLE samples AS
SELECT kind, sample_state_agg(x, w) AS s
  FROM (SELECT 'integers' AS kind, (i * 7919 % 1000003)::float8 AS x, (1 + i % 5)::float8 AS w FROM generate_series(1, 5000) AS i
        UNION ALL SELECT 'decimals', round((i * 7919 % 1000003) / 100.0, 2)::float8, round(i % 997 / 7.0, 3)::float8 FROM generate_series(1, 5000) AS i
        UNION ALL SELECT 'thirds', i / 3.0, 1.0 / (1 + i % 7) FROM generate_series(1, 5000) AS i
        UNION ALL SELECT 'extremes', (ARRAY[-1.7976931348623157e308, -1e300, -5e-324, 0, 5e-324, 1e-300, 9007199254740993, 1e308])[1 + i % 8],
                         (ARRAY[0, 5e-324, 1e300, 1, 0.1, 9007199254740992])[1 + i % 6] FROM generate_series(1, 500) AS i
        UNION ALL SELECT 'beyond 2^53', 9007199254740992 * (1 + i), 1 FROM generate_series(1, 100) AS i
        UNION ALL SELECT 'ties', i % 2, i % 3 FROM generate_series(1, 10000) AS i) AS rows
 GROUP BY kind;
SELECT kind, s::text::sample_state::text = s::text AS text_round_trip,
       sample_state_send(s::text::sample_state) = sample_state_send(s) AS same_pairs,
       sample_gini(s::text::sample_state) IS NOT DISTINCT FROM sample_gini(s) AS same_gini,
       sample_median(s::text::sample_state) = sample_median(s) AS same_median,
       substring(s::text FROM '"value_decimals": [^,]*, "weight_decimals": [^,]*') AS decimals,
       length(s::text) AS compact_length,
       octet_length(sample_state_send(s)) AS binary_bytes
  FROM samples ORDER BY kind;

-- The readable form of a big state reads to the same state.
SELECT format('{"p": null, "values": [%s], "weights": [%s]}', string_agg(i::text, ', '), string_agg('1', ', '))::sample_state::text
       = (SELECT sample_state_agg(i, 1) FROM generate_series(1, 40) AS i)::text AS readable_read
  FROM generate_series(1, 40) AS i;

-- -0 is 0: a quantile order of -0 (from a row or binary input) prints as 0
-- and reads back the same (it printed "p": -0, which read back as 0).
SELECT s::text, s::text::sample_state::text = s::text AS round_trip
  FROM (SELECT sample_state_accum_quantile(NULL, 4, 1, '-0'::float8) AS s) AS t;
SELECT '{"p": -0, "values": [-0, 1], "weights": [-0, 1]}'::sample_state::text;
CREATE TEMP TABLE minus_zero (s sample_state);
-- binary COPY of one state: version 1, flags 2 (has p), p = -0, no rows
COPY minus_zero FROM PROGRAM $$printf 'PGCOPY\n\377\r\n\000\000\000\000\000\000\000\000\000\000\001\000\000\000\016\001\002\200\000\000\000\000\000\000\000\000\000\000\000\377\377'$$ WITH (FORMAT binary);
SELECT s::text, s::text::sample_state::text = s::text AS round_trip FROM minus_zero;

-- Malformed compact text: 22P02 with what is wrong.
\set VERBOSITY default
SELECT pg_temp.compact('1', '0', '0', '0002')::sample_state::text;     -- one row (0, 1)
SELECT pg_temp.compact('1', '0', '0', '00')::sample_state;             -- truncated: no weight
SELECT pg_temp.compact('1', '0', '0', '0082')::sample_state;           -- truncated inside a number
SELECT pg_temp.compact('1', '0', '0', '00ffffffffffffffffff02')::sample_state;  -- beyond 64 bits
SELECT pg_temp.compact('2', '0', '0', '0002')::sample_state;           -- fewer rows than count
SELECT pg_temp.compact('1', '0', '0', '00020202')::sample_state;       -- more rows than count
SELECT pg_temp.compact('3', '0', '0', '000302')::sample_state;         -- a run of 4 rows, count 3
SELECT pg_temp.compact('3', '0', '0', '0003ffffffffffffffffff01')::sample_state;  -- a run of 2^64 + 1 rows
SELECT pg_temp.compact('67108862', '0', '0', '0002')::sample_state;    -- a huge count allocates nothing
SELECT pg_temp.compact('67108863', '0', '0', '0002')::sample_state;
SELECT pg_temp.compact('-1', '0', '0', '')::sample_state;
SELECT pg_temp.compact('0', '0', '0', '')::sample_state::text;          -- no rows
SELECT pg_temp.compact('1', '16', '0', '0002')::sample_state;
SELECT pg_temp.compact('1', '0', '-1', '0002')::sample_state;
SELECT pg_temp.compact('1', '"0"', '0', '0002')::sample_state::text;  -- a quoted integer, as in every state text
SELECT pg_temp.compact('2', '0', '0', '0002808080808080808020' || '02')::sample_state;  -- increase 2^56
SELECT pg_temp.compact('1', '0', '0', '8280808080808020' || '02')::sample_state;  -- 2^53 + 1 units
SELECT pg_temp.compact('1', 'null', '0', 'ffffffffffffffffff0102')::sample_state;  -- NaN bits
SELECT pg_temp.compact('1', 'null', '0', '80808080808080f8ff01' || '02')::sample_state;  -- +Infinity key
SELECT pg_temp.compact('2', 'null', '0', '80808080808080808001' || '02' || 'ffffffffffffffffff01' || '02')::sample_state;  -- key 2^63 + (2^64 - 1)
-- (a weight's bits cannot have the sign: twice them would not fit in 64 bits)
SELECT pg_temp.compact('1', '0', 'null', '00' || '80808080808080f0ff01')::sample_state;  -- weight bits of +Infinity
SELECT replace(pg_temp.compact('1', '0', '0', '0002'), '"pairs": "AAI="', '"pairs": "A!I="')::sample_state;
SELECT replace(pg_temp.compact('1', '0', '0', '0002'), '"pairs": "AAI="', '"pairs": 7')::sample_state;
SELECT '{"version": 2, "p": null, "count": 0, "value_decimals": 0, "weight_decimals": 0}'::sample_state;
SELECT '{"version": 2, "p": null, "values": [], "weights": [], "count": 0, "value_decimals": 0, "weight_decimals": 0, "pairs": ""}'::sample_state;
SELECT '{"p": null, "count": 0, "value_decimals": 0, "weight_decimals": 0, "pairs": ""}'::sample_state;
SELECT '{"version": 1, "p": null, "values": [], "weights": [], "pairs": ""}'::sample_state;
-- Ties out of order (heavier first) are read and sorted, as in the readable form.
SELECT pg_temp.compact('2', '0', '0', '0004' || '0002')::sample_state::text;

-- Fuzz-style: every truncation and every one-bit change of a compact text is
-- either read (and then reads back the same) or refused with 22P02.
DO $$
DECLARE
  good text := (SELECT sample_state_agg(i % 37 / 4.0, 1 + i % 3)::text FROM generate_series(1, 200) AS i);
  pairs text := substring(good FROM '"pairs": "([^"]*)"');
  bytes bytea := decode(pairs, 'base64');
  variant bytea;
  candidate text;
  value sample_state;
  outcomes jsonb := '{}';
  outcome text;
  k int;
BEGIN
  FOR k IN 0 .. length(bytes) * 9 - 1 LOOP
    IF k < length(bytes) THEN
      variant := substring(bytes FROM 1 FOR k);
    ELSE
      variant := set_bit(bytes, k - length(bytes), 1 - get_bit(bytes, k - length(bytes)));
    END IF;
    candidate := replace(good, pairs, translate(encode(variant, 'base64'), E'\n', ''));
    BEGIN
      value := candidate::sample_state;
      IF value::text::sample_state::text <> value::text THEN
        RAISE EXCEPTION 'no round trip: %', candidate;
      END IF;
      outcome := 'read';
    EXCEPTION WHEN invalid_text_representation THEN
      outcome := 'refused (22P02)';
    END;
    outcomes := jsonb_set(outcomes, ARRAY[outcome], to_jsonb(coalesce((outcomes ->> outcome)::int, 0) + 1));
  END LOOP;
  RAISE NOTICE 'variants: %', outcomes;
END
$$;

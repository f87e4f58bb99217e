-- The deprivations type: text I/O, canonical order, errors, set operators,
-- comparison, indexes, casts and the binary form.
SET search_path = povext, public;

-- Canonical output: indicator (bit) order, whatever the input order and spacing
SELECT '{}'::deprivations AS empty,
       ' { } '::deprivations AS empty_with_spaces,
       '{housing_area,health_insurance}'::deprivations AS reordered,
       E'{ water ,\temployment\n}'::deprivations AS blanks,
       '{assets,employment}'::deprivations AS first_and_last;

-- Every shipped indicator reads back as itself
SELECT code, (('{' || code || '}')::deprivations)::text = '{' || code || '}' AS round_trip
  FROM indicator ORDER BY bit;

-- Text round trip of the full set is identical
SELECT s::text, s::text::deprivations = s AS same
  FROM (SELECT array_agg(code ORDER BY code)::deprivations AS s FROM indicator) AS full_set;

-- Malformed literals, unknown and repeated codes: SQLSTATE 22P02
\set VERBOSITY default
SELECT ''::deprivations;
SELECT 'health_insurance'::deprivations;
SELECT '{health_insurance'::deprivations;
SELECT '{health_insurance,}'::deprivations;
SELECT '{,health_insurance}'::deprivations;
SELECT '{health_insurance housing_area}'::deprivations;
SELECT '{health_insurance} x'::deprivations;
SELECT '{"health_insurance"}'::deprivations;
SELECT '{Health_Insurance}'::deprivations;
SELECT '{health_insurance,no_such_thing}'::deprivations;
SELECT '{water,health_insurance,water}'::deprivations;
\set VERBOSITY sqlstate
SELECT '{no_such_thing}'::deprivations;
SELECT '{water,water}'::deprivations;
SELECT '{water'::deprivations;
\set VERBOSITY default

-- NULL in, NULL out
SELECT NULL::deprivations IS NULL AS null_literal, deprivation_count(NULL) IS NULL AS null_count;

-- Number of members
SELECT deprivation_count('{}'), deprivation_count('{water}'),
       deprivation_count('{employment,dependants,nutrition,health_insurance}');

-- Set operators
SELECT '{water,sanitation}'::deprivations | '{sanitation,telecom}' AS union_,
       '{water,sanitation}'::deprivations & '{sanitation,telecom}' AS intersection,
       '{water,sanitation}'::deprivations - '{sanitation,telecom}' AS difference,
       '{water}'::deprivations & '{telecom}' AS disjoint;
SELECT '{water,sanitation}'::deprivations @> '{water}' AS contains,
       '{water,sanitation}'::deprivations @> '{telecom}' AS not_contains,
       '{water}'::deprivations <@ '{water,sanitation}' AS contained,
       '{}'::deprivations <@ '{water}' AS empty_contained,
       '{water,sanitation}'::deprivations && '{sanitation}' AS overlaps,
       '{water}'::deprivations && '{sanitation}' AS no_overlap,
       '{}'::deprivations && '{}' AS empty_overlap;

-- Equality and the total order (by mask value, i.e. highest bit decides)
SELECT '{water,employment}'::deprivations = '{employment,water}' AS eq,
       '{water}'::deprivations <> '{employment}' AS ne,
       '{}'::deprivations < '{employment}' AS empty_first,
       '{employment}'::deprivations < '{dependants}' AS lower_bit_first,
       '{employment,dependants}'::deprivations > '{dependants}' AS superset_after,
       '{water}'::deprivations <= '{water}' AS le, '{water}'::deprivations >= '{water}' AS ge,
       deprivations_cmp('{water}', '{employment}') AS cmp;

-- Casts from and to text[]
SELECT ARRAY['housing_area', 'health_insurance']::deprivations AS from_array,
       ('{water,employment}'::deprivations)::text[] AS to_array,
       ('{}'::deprivations)::text[] AS empty_array,
       ('{}'::text[])::deprivations AS from_empty_array;
SELECT ARRAY['water', 'nope']::deprivations;
SELECT ARRAY['water', 'water']::deprivations;
SELECT ARRAY['water', NULL]::deprivations;

-- btree and hash indexes, sorting, grouping, DISTINCT and hash joins
CREATE TABLE deprivation_sample (id int, d deprivations);
INSERT INTO deprivation_sample
SELECT g, (SELECT coalesce(array_agg(code ORDER BY bit), '{}')::deprivations
             FROM indicator WHERE bit < 12 AND (g >> bit) & 1 = 1)
  FROM generate_series(0, 4095) AS g;
CREATE INDEX deprivation_sample_btree ON deprivation_sample USING btree (d);
CREATE INDEX deprivation_sample_hash ON deprivation_sample USING hash (d);
ANALYZE deprivation_sample;
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM deprivation_sample WHERE d = '{water,telecom}';
SELECT id FROM deprivation_sample WHERE d = '{water,telecom}';
SELECT count(*) FROM deprivation_sample WHERE d < '{housing_area}';
RESET enable_seqscan;
RESET enable_bitmapscan;
SELECT deprivation_count(d) AS members, count(*) FROM deprivation_sample GROUP BY 1 ORDER BY 1;
SELECT count(DISTINCT d) FROM deprivation_sample;
SET enable_mergejoin = off;
SET enable_nestloop = off;
SELECT count(*) FROM deprivation_sample AS a JOIN deprivation_sample AS b USING (d);
RESET enable_mergejoin;
RESET enable_nestloop;
SELECT d FROM deprivation_sample WHERE id IN (0, 1, 2, 3, 2048, 4095) ORDER BY d;

-- Binary send/recv round trip (COPY in binary format)
SELECT current_setting('data_directory') || '/povext_regress_deprivations.bin' AS binfile \gset
COPY deprivation_sample TO :'binfile' WITH (FORMAT binary);
CREATE TABLE deprivation_copy (LIKE deprivation_sample);
COPY deprivation_copy FROM :'binfile' WITH (FORMAT binary);
SELECT count(*) AS rows, count(*) FILTER (WHERE a.d = b.d) AS identical
  FROM deprivation_sample AS a JOIN deprivation_copy AS b USING (id);
SELECT deprivations_send('{employment,water}') AS employment_water_bytes;

-- A custom indicator gets the next free bit and is usable at once
INSERT INTO indicator (code, dimension, description_vi, description_en)
VALUES ('clean_cooking', 'living_standards', 'Không dùng bếp sạch', 'No clean cooking stove');
SELECT code, bit, shipped FROM indicator WHERE code = 'clean_cooking';
SELECT '{clean_cooking,water}'::deprivations, ('{clean_cooking}'::deprivations)::text[];
-- Binary input refuses custom bits in the raw mask of povext 0.2.0 (see test deprivations_binary)
CREATE TABLE raw_mask (id int, d bigint);
INSERT INTO raw_mask VALUES (1, 1::bigint << 40);
COPY raw_mask TO :'binfile' WITH (FORMAT binary);
COPY deprivation_copy FROM :'binfile' WITH (FORMAT binary);
-- The bit of an indicator never changes
UPDATE indicator SET bit = 40 WHERE code = 'clean_cooking';
-- A stored set whose indicator was deleted cannot be printed silently wrong
CREATE TABLE custom_sample AS SELECT '{clean_cooking}'::deprivations AS d;
DELETE FROM indicator WHERE code = 'clean_cooking';
SELECT d FROM custom_sample;
SELECT deprivation_count(d) FROM custom_sample;
INSERT INTO indicator (code, bit, dimension, description_vi, description_en)
VALUES ('clean_cooking', 21, 'living_standards', 'Không dùng bếp sạch', 'No clean cooking stove');
SELECT d FROM custom_sample;

-- Clean up for the tests that follow
DROP TABLE deprivation_sample, deprivation_copy, raw_mask, custom_sample;
DELETE FROM indicator WHERE code = 'clean_cooking';

-- The binary form of deprivations (send/recv, COPY ... FORMAT binary): it
-- carries indicator codes, never the per-database bits; and input error
-- messages that keep multi-byte characters whole.
SET search_path = povext, public;
\set SHOW_CONTEXT never
SELECT current_setting('data_directory') || '/povext_regress_binary.bin' AS binfile \gset

-- The form: version byte 1, then each code (in bit order) as a length byte
-- and its bytes; a form that would be 8 bytes long gets a trailing zero byte
SELECT deprivations_send('{}') AS empty,
       deprivations_send('{water}') AS water,
       deprivations_send('{water,employment}') AS employment_water,
       deprivations_send('{assets}') AS assets_padded;

-- No set is sent in 8 bytes, the length of the 0.2.0 raw mask
SELECT count(*) AS sets, count(*) FILTER (WHERE length(deprivations_send(d)) = 8) AS eight_bytes
  FROM (SELECT ARRAY[a.code]::deprivations AS d FROM indicator AS a
        UNION ALL
        SELECT ARRAY[a.code, b.code]::deprivations FROM indicator AS a, indicator AS b WHERE a.code < b.code) AS sets;

-- Round trip through binary COPY, custom indicator included
-- (the bit that test deprivations gave it: this spends no new bit)
INSERT INTO indicator (code, bit, dimension, description_vi, description_en)
VALUES ('clean_cooking', 21, 'living_standards', 'Không dùng bếp sạch', 'No clean cooking stove');
CREATE TABLE binary_sample (id int, d deprivations);
INSERT INTO binary_sample VALUES (1, '{}'), (2, '{assets}'), (3, '{clean_cooking,water,employment}'),
    (4, (SELECT array_agg(code)::deprivations FROM indicator));
COPY binary_sample TO :'binfile' WITH (FORMAT binary);
CREATE TABLE binary_copy (LIKE binary_sample);
COPY binary_copy FROM :'binfile' WITH (FORMAT binary);
SELECT a.id, a.d = b.d AS same, b.d::text = a.d::text AS same_text
  FROM binary_sample AS a JOIN binary_copy AS b USING (id) ORDER BY a.id;

-- Hand-made binary values reach deprivations_recv through a bytea column
CREATE TABLE raw_form (id int, d bytea);
CREATE FUNCTION pg_temp.load(form bytea) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE raw_form, binary_copy;
    INSERT INTO raw_form VALUES (1, form);
    EXECUTE format('COPY raw_form TO %L WITH (FORMAT binary)', current_setting('data_directory') || '/povext_regress_binary.bin');
    EXECUTE format('COPY binary_copy FROM %L WITH (FORMAT binary)', current_setting('data_directory') || '/povext_regress_binary.bin');
END
$$;
-- codes in any order, padding at the end
SELECT pg_temp.load('\x0105776174657206617373657473'::bytea);
SELECT d FROM binary_copy;
SELECT pg_temp.load('\x0106617373657473'::bytea || '\x00'::bytea);
SELECT d FROM binary_copy;
-- The raw mask of povext 0.2.0: the bits of the 21 indicators shipped then
-- (0 to 20) are read, as they mean the same in every database ...
SELECT pg_temp.load('\x0000000000100101'::bytea);
SELECT d FROM binary_copy;
\set VERBOSITY default
-- ... but not those of custom indicators: in the database that sent the
-- mask, bit 21 may be another indicator than clean_cooking here
SELECT pg_temp.load('\x0000000000200100'::bytea);
SELECT pg_temp.load('\x8000000000000000'::bytea);
-- An unknown code is named, unprintable bytes escaped; a zero byte does not
-- end the code early ("water" then garbage is not water)
SELECT pg_temp.load('\x0108696e7465726e6574'::bytea);
SELECT pg_temp.load('\x0107776174e965725c'::bytea);
SELECT pg_temp.load('\x0108776174657200787a'::bytea);
SELECT pg_temp.load('\x0105776174657205776174657200'::bytea);
SELECT pg_temp.load('\x0205776174657205776174657200'::bytea);
\set VERBOSITY sqlstate
-- truncated code, nothing at all, bytes after the padding
SELECT pg_temp.load('\x010a776174'::bytea);
SELECT pg_temp.load(''::bytea);
SELECT pg_temp.load('\x01000000'::bytea);
\set VERBOSITY default

-- A stored set whose indicator was deleted is not sent as a bare bit
DELETE FROM indicator WHERE code = 'clean_cooking';
COPY binary_sample TO :'binfile' WITH (FORMAT binary);

-- Input errors show a multi-byte character whole, also after conversion to
-- the client encoding (the DETAIL used to hold half of "é")
SELECT E'{\u00e9}'::deprivations;
SELECT E'{water\u00e9}'::deprivations;
SELECT E'{water \u00e9}'::deprivations;
SELECT ARRAY[E'wat\u00e9r']::deprivations;
-- (only the SQLSTATE: the expected file is UTF8)
SET client_encoding = 'LATIN1';
\set VERBOSITY sqlstate
SELECT E'{\u00e9}'::deprivations;
SELECT E'{water\u00e9}'::deprivations;
SELECT E'{water \u00e9}'::deprivations;
SELECT ARRAY[E'wat\u00e9r']::deprivations;
\set VERBOSITY default
RESET client_encoding;

DROP TABLE binary_sample, binary_copy, raw_form;

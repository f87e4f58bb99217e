-- Bits of custom indicators: a bit is given once in the life of a database
-- (a deleted indicator's bit is retired, never given again), but an insert
-- that fails or rolls back gives none, and an explicit bit uses only itself.
-- Starts from no custom indicator and no retired bit, and puts the retired
-- bits of the tests before it back at the end.
SET search_path = public, povext;
SELECT count(*) AS custom_indicators FROM indicator WHERE NOT shipped;
CREATE TEMPORARY TABLE retired_before AS TABLE retired_indicator_bit;
DELETE FROM retired_indicator_bit;

-- The documented grants of a role that maintains the catalog
CREATE ROLE regress_catalog_dba;
GRANT INSERT, UPDATE, DELETE ON indicator, standard, standard_line, standard_indicator TO regress_catalog_dba;
GRANT INSERT ON retired_indicator_bit TO regress_catalog_dba;
SET ROLE regress_catalog_dba;

-- A rolled-back explicit bit uses nothing up (it used to use every bit up to 63)
BEGIN;
INSERT INTO indicator (code, bit, dimension, description_vi, description_en)
VALUES ('top_bit', 63, 'test', 'x', 'x') RETURNING code, bit;
ROLLBACK;
INSERT INTO indicator (code, dimension, description_vi, description_en)
VALUES ('first', 'test', 'x', 'x') RETURNING code, bit;

-- A rolled-back insert without bit, and a failed one, use nothing up
BEGIN;
INSERT INTO indicator (code, dimension, description_vi, description_en)
VALUES ('rolled_back', 'test', 'x', 'x') RETURNING code, bit;
ROLLBACK;
INSERT INTO indicator (code, dimension, description_vi, description_en)
VALUES ('null_description', 'test', 'x', NULL);
INSERT INTO indicator (code, dimension, description_vi, description_en)
VALUES ('second', 'test', 'x', 'x') RETURNING code, bit;

-- An explicit bit is skipped by later inserts without bit, and uses only itself
INSERT INTO indicator (code, bit, dimension, description_vi, description_en)
VALUES ('explicit', 24, 'test', 'x', 'x') RETURNING code, bit;
INSERT INTO indicator (code, dimension, description_vi, description_en)
VALUES ('third', 'test', 'x', 'x'), ('fourth', 'test', 'x', 'x'), ('fifth', 'test', 'x', 'x')
RETURNING code, bit;
INSERT INTO indicator (code, bit, dimension, description_vi, description_en)
VALUES ('taken', 24, 'test', 'x', 'x');

-- A deleted indicator's bit is retired: not given again, even after a
-- rollback of a later delete; putting the indicator back takes its old bit
DELETE FROM indicator WHERE code IN ('second', 'fourth');
BEGIN;
DELETE FROM indicator WHERE code = 'third';
ROLLBACK;
TABLE retired_indicator_bit ORDER BY bit;
INSERT INTO indicator (code, dimension, description_vi, description_en)
VALUES ('sixth', 'test', 'x', 'x') RETURNING code, bit;
INSERT INTO indicator (code, bit, dimension, description_vi, description_en)
VALUES ('second', 22, 'test', 'x', 'x') RETURNING code, bit;
SELECT '{second,sixth}'::deprivations AS put_back;
DELETE FROM indicator WHERE code = 'second';
TABLE retired_indicator_bit ORDER BY bit;

-- The retired bits can only grow
DELETE FROM retired_indicator_bit WHERE bit = 22;
UPDATE retired_indicator_bit SET bit = 40 WHERE bit = 22;

-- Bits cannot change; when all 64 have been given, an insert fails
UPDATE indicator SET bit = 50 WHERE code = 'first';
INSERT INTO indicator (code, dimension, description_vi, description_en)
SELECT 'fill_' || g, 'test', 'x', 'x' FROM generate_series(1, 36) AS g;
SELECT count(*) AS indicators, max(bit) AS highest_bit FROM indicator;
INSERT INTO indicator (code, dimension, description_vi, description_en)
VALUES ('one_too_many', 'test', 'x', 'x');
BEGIN;
DELETE FROM indicator WHERE code = 'fill_1';
INSERT INTO indicator (code, dimension, description_vi, description_en)
VALUES ('one_too_many', 'test', 'x', 'x');
ROLLBACK;
INSERT INTO indicator (code, bit, dimension, description_vi, description_en)
VALUES ('put_back', 22, 'test', 'x', 'x') RETURNING code, bit;

-- Without INSERT on povext.retired_indicator_bit, an indicator cannot be deleted
RESET ROLE;
REVOKE INSERT ON retired_indicator_bit FROM regress_catalog_dba;
SET ROLE regress_catalog_dba;
DELETE FROM indicator WHERE code = 'put_back';
RESET ROLE;

-- Clean up: the custom indicators, and the retired bits of the tests before
DELETE FROM indicator WHERE NOT shipped;
DELETE FROM retired_indicator_bit;
INSERT INTO retired_indicator_bit SELECT * FROM retired_before;
DROP OWNED BY regress_catalog_dba;
DROP ROLE regress_catalog_dba;

-- Catalog security (0.3.0): the schema the catalog is read from, non-finite
-- income lines, the caller's search_path and enum labels povext does not
-- know.  Each case failed, crashed the server or gave a wrong answer before
-- its fix.  The cases need a database of their own (a schema created before
-- CREATE EXTENSION, labels added to povext's enum types), dropped at the end.
\set VERBOSITY terse
SET client_min_messages = warning;
DROP DATABASE IF EXISTS povext_catalog_security;
DROP ROLE IF EXISTS povext_regress_squatter;
CREATE ROLE povext_regress_squatter;
CREATE DATABASE povext_catalog_security TEMPLATE template0;
RESET client_min_messages;
GRANT CREATE ON DATABASE povext_catalog_security TO povext_regress_squatter;
\c povext_catalog_security
SET client_min_messages = warning;

-- 1. A role with CREATE on the database creates schema povext before the
-- superuser's CREATE EXTENSION: PostgreSQL installs into it, and its owner
-- could later replace the catalog, or plant functions that the install
-- script's expressions call as the superuser (an isempty(daterange) is a
-- better match than pg_catalog's isempty(anyrange) in a CHECK of
-- povext.standard_line).  The install is refused before any of it runs.
SET ROLE povext_regress_squatter;
CREATE SCHEMA povext;
CREATE FUNCTION povext.isempty(daterange) RETURNS boolean LANGUAGE plpgsql AS
$$BEGIN RAISE WARNING 'planted function runs as %', current_user; RETURN false; END$$;
RESET ROLE;
CREATE EXTENSION povext CASCADE;
SELECT count(*) AS installed FROM pg_extension WHERE extname = 'povext';
DROP SCHEMA povext CASCADE;
CREATE EXTENSION povext CASCADE;

-- 2. The catalog is found through pg_extension, not by the name povext: a
-- decoy table povext.indicator whose bits index past the cache's arrays is
-- not read (it wrote 2,000 pointers past the cache's arrays).
ALTER SCHEMA povext RENAME TO povext_real;
CREATE SCHEMA povext;
CREATE TYPE povext.status AS ENUM ('poor', 'near_poor', 'middle', 'not_poor');
CREATE TYPE povext.area AS ENUM ('urban', 'rural');
CREATE TABLE povext.indicator (bit smallint, code text);
INSERT INTO povext.indicator SELECT b, 'x' || b FROM generate_series(20001, 22000) AS b;
\c povext_catalog_security
SELECT '{}'::povext_real.deprivations AS empty, '{water}'::povext_real.deprivations AS water;
DROP SCHEMA povext CASCADE;
ALTER SCHEMA povext_real RENAME TO povext;

-- A schema of the extension owned by another role (as after an install into
-- a squatted schema by 0.2.0) is refused when the catalog is loaded.
ALTER SCHEMA povext OWNER TO povext_regress_squatter;
\c povext_catalog_security
SELECT '{water}'::povext.deprivations;
ALTER SCHEMA povext OWNER TO CURRENT_USER;
\c povext_catalog_security

-- Bits read from the tables are range-checked even where the table's own
-- check was bypassed (it wrote past the cache's arrays).
ALTER TABLE povext.indicator DROP CONSTRAINT indicator_bit_check;
ALTER TABLE povext.indicator DISABLE TRIGGER indicator_assign_bit, DISABLE TRIGGER indicator_retire_bit;
INSERT INTO povext.indicator (code, bit, dimension, description_vi, description_en)
VALUES ('out_of_range', 100, 'test', 'thử', 'test');
SELECT '{water}'::povext.deprivations;
DELETE FROM povext.indicator WHERE code = 'out_of_range';
ALTER TABLE povext.indicator ENABLE TRIGGER indicator_assign_bit, ENABLE TRIGGER indicator_retire_bit;
ALTER TABLE povext.indicator ADD CONSTRAINT indicator_bit_check CHECK (bit BETWEEN 0 AND 63);

-- 3. Income lines must be finite numbers.  With a NaN near-poor line a
-- household of 5 billion VND a month was near-poor; with an infinite poor
-- line every household was poor.
SELECT povext.classify(5000000000, '{}', 'vn-2016', 'urban') AS nan_line,
       povext.classify(5000000000, '{}', 'vn-2016', 'rural') AS infinite_line;
UPDATE povext.standard_line SET middle_line = NULL, near_poor_line = 'NaN'
 WHERE standard = 'vn-2016' AND area = 'urban';
UPDATE povext.standard_line SET middle_line = NULL, poor_line = 'Infinity', near_poor_line = 'Infinity'
 WHERE standard = 'vn-2016' AND area = 'rural';
UPDATE povext.standard_line SET middle_line = 'Infinity' WHERE standard = 'vn-2016' AND area = 'rural';
-- The classification refuses them too if they bypass the table's check.
ALTER TABLE povext.standard_line DROP CONSTRAINT standard_line_finite_lines;
UPDATE povext.standard_line SET middle_line = NULL, near_poor_line = 'NaN'
 WHERE standard = 'vn-2016' AND area = 'urban';
SELECT povext.classify(5000000000, '{}', 'vn-2016', 'urban');
UPDATE povext.standard_line SET near_poor_line = 2000000 WHERE standard = 'vn-2016' AND area = 'urban';
UPDATE povext.standard_line SET middle_line = NULL, poor_line = 'Infinity', near_poor_line = 'Infinity'
 WHERE standard = 'vn-2016' AND area = 'rural';
SELECT povext.classify(5000000000, '{}', 'vn-2016', 'rural');
UPDATE povext.standard_line SET poor_line = 700000, near_poor_line = 1000000
 WHERE standard = 'vn-2016' AND area = 'rural';
SELECT povext.classify(5000000000, '{}', 'vn-2016', 'urban') AS urban,
       povext.classify(5000000000, '{}', 'vn-2016', 'rural') AS rural;

-- 4. What povext runs does not depend on the caller's search_path.  Objects
-- planted in public, on a path that puts public before pg_catalog: a
-- collation "C" that sorts letters before digits (the cache's binary search
-- of standard codes relies on byte order) and a type text.
CREATE COLLATION public."C" (provider = icu, locale = 'und-u-kr-latn-digit');
CREATE TYPE public.text AS (planted integer);
INSERT INTO povext.standard (code, scope, name, unit, rule, minimum_deprivations, legal_basis, confidence)
VALUES ('2030-test', 'test', 'Test', 'month', 'two_band', 0, 'none', 'unknown');
INSERT INTO povext.standard_line (standard, scope, area, in_force, poor_line, near_poor_line, legal_basis, confidence)
VALUES ('2030-test', 'test', 'urban', '[2030-01-01,)', 1000, 2000, 'none', 'unknown');
\c povext_catalog_security
SET search_path = public, pg_catalog, povext;
SELECT povext.classify(1500, '{}', '2030-test', 'urban') AS test,
       povext.classify(1500000, '{water}', 'vn-2022', 'urban') AS vn_2022;
RESET search_path;

-- The recommended search_path = povext (without schemas others can create
-- in) finds povext's functions and operators, not those planted in public;
-- with public on the path a planted function or operator wins.
CREATE FUNCTION public.classify(numeric, text, text, text) RETURNS text
    LANGUAGE sql AS $$ SELECT 'planted'::pg_catalog.text $$;
CREATE FUNCTION public.planted_eq(povext.deprivations, povext.deprivations) RETURNS boolean
    LANGUAGE sql AS $$ SELECT true $$;
CREATE OPERATOR public.= (LEFTARG = povext.deprivations, RIGHTARG = povext.deprivations,
                          FUNCTION = public.planted_eq);
DROP TYPE public.text;
SET search_path = povext;
SELECT classify(1500000, '{water}', 'vn-2022', 'urban') AS status,
       '{water}'::deprivations = '{nutrition}' AS equal;
SET search_path = povext, public;
SELECT classify(1500000, '{water}', 'vn-2022', 'urban') AS status,
       '{water}'::deprivations = '{nutrition}' AS equal;
SET search_path = public, povext;
SELECT classify(1500000, '{water}', 'vn-2022', 'urban') AS status,
       '{water}'::deprivations = '{nutrition}' AS equal;
RESET search_path;
DROP OPERATOR public.= (povext.deprivations, povext.deprivations);
DROP FUNCTION public.planted_eq(povext.deprivations, povext.deprivations);
DROP FUNCTION public.classify(numeric, text, text, text);
DROP COLLATION public."C";

-- 5. Enum labels povext does not know are errors, never read as a default
-- (an unknown rule was read as weighted_score, an unknown area as rural, an
-- unknown income unit as year).
ALTER TYPE povext.rule_kind ADD VALUE 'experimental';
ALTER TYPE povext.area ADD VALUE 'suburban';
ALTER TYPE povext.income_unit ADD VALUE 'week';
INSERT INTO povext.standard_line (standard, scope, area, in_force, poor_line, near_poor_line, legal_basis, confidence)
VALUES ('2030-test', 'test', 'suburban', '[2030-01-01,)', 1000, 2000, 'none', 'unknown');
SELECT povext.classify(1500, '{}', '2030-test', 'rural');
DELETE FROM povext.standard_line WHERE area = 'suburban';
UPDATE povext.standard SET rule = 'experimental' WHERE code = '2030-test';
SELECT povext.classify(1500, '{}', 'vn-2022', 'urban');
UPDATE povext.standard SET rule = 'two_band', unit = 'week' WHERE code = '2030-test';
SELECT povext.classify(1500, '{}', 'vn-2022', 'urban');
DELETE FROM povext.standard_line WHERE standard = '2030-test';
DELETE FROM povext.standard WHERE code = '2030-test';
SELECT povext.classify(1500, '{}', 'vn-2022', 'urban');
SELECT povext.per_capita_income(1200, 1, 'week');
SELECT povext.per_capita_income(1200, 1, 'month') AS month, povext.per_capita_income(1200, 1, 'year') AS year;

\c contrib_regression
SET client_min_messages = warning;
DROP DATABASE povext_catalog_security;
DROP ROLE povext_regress_squatter;

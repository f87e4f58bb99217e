-- povext 0.2.0 -> 0.3.0.  Hand-written; every statement of this release is
-- listed here, and the file is frozen once 0.3.0 is released.
\echo Use "ALTER EXTENSION povext UPDATE TO '0.3.0'" to load this file. \quit

-- catalog security
--
-- Keep this section first: the check below must run before any other
-- statement.  PostgreSQL installs into an existing schema named in the
-- control file whoever owns it, and the owner of a schema can rename it,
-- drop or replace every table in it, and plant functions that the install
-- script's expressions would call (e.g. a role with CREATE on the database
-- that created schema povext before the superuser's CREATE EXTENSION).  An
-- update runs this script; a fresh install runs povext--0.3.0.sql, which the
-- Makefile builds from the lines between the two "schema guard" marks, then
-- povext--0.2.0.sql, then this script.
-- BEGIN schema guard
DO $$
DECLARE
    schema_name text;
    schema_owner oid;
    extension_owner oid;
BEGIN
    SELECT n.nspname, n.nspowner, e.extowner INTO schema_name, schema_owner, extension_owner
      FROM pg_catalog.pg_extension AS e
      JOIN pg_catalog.pg_namespace AS n ON n.oid OPERATOR(pg_catalog.=) e.extnamespace
     WHERE e.extname OPERATOR(pg_catalog.=) 'povext';
    IF schema_owner OPERATOR(pg_catalog.<>) extension_owner
       AND NOT (SELECT r.rolsuper FROM pg_catalog.pg_roles AS r
                 WHERE r.oid OPERATOR(pg_catalog.=) schema_owner) THEN
        RAISE EXCEPTION 'schema "%" of extension "povext" is owned by role "%", which is neither the extension''s owner nor a superuser',
                        schema_name, pg_catalog.pg_get_userbyid(schema_owner)
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'The owner of the schema could replace the standards catalog.',
                  HINT = pg_catalog.format('Drop the schema or check its contents and run ALTER SCHEMA %I OWNER TO %I; then run the command again.',
                                           schema_name, pg_catalog.pg_get_userbyid(extension_owner));
    END IF;
END
$$;
-- END schema guard

-- Income lines must be finite: numeric accepts 'NaN' and 'Infinity', which
-- the checks of 0.2.0 let through ('NaN' sorts above every number), and an
-- infinite poor line makes every household poor.  Rows of an earlier
-- version with such lines stop the upgrade, with what to correct: they gave
-- wrong classifications, and the DBA must choose the right lines.
DO $$
DECLARE
    bad_rows text;
BEGIN
    SELECT pg_catalog.string_agg(pg_catalog.format('%s (%s)', l.standard, l.area), ', '
                                 ORDER BY l.standard, l.area)
      INTO bad_rows
      FROM povext.standard_line AS l
     WHERE NOT (l.poor_line OPERATOR(pg_catalog.<) 'Infinity'::pg_catalog.numeric
                AND l.near_poor_line OPERATOR(pg_catalog.<) 'Infinity'::pg_catalog.numeric
                AND COALESCE(l.middle_line OPERATOR(pg_catalog.<) 'Infinity'::pg_catalog.numeric, true));
    IF bad_rows IS NOT NULL THEN
        RAISE EXCEPTION 'povext.standard_line has income lines that are not finite numbers'
            USING ERRCODE = 'check_violation',
                  DETAIL = pg_catalog.format('Rows of standard (area): %s.', bad_rows),
                  HINT = 'Correct their poor_line, near_poor_line and middle_line with UPDATE, then update the extension again.';
    END IF;
END
$$;

ALTER TABLE povext.standard_line ADD CONSTRAINT standard_line_finite_lines
    CHECK (poor_line < 'Infinity' AND near_poor_line < 'Infinity' AND middle_line < 'Infinity');
COMMENT ON CONSTRAINT standard_line_finite_lines ON povext.standard_line IS
    'Income lines are finite numbers (numeric also has NaN and Infinity)';
-- shipped standards corrected in 0.3.0
--
-- Corrections of rows shipped with 0.1.0 and 0.2.0; docs/standards.md gives
-- the source and confidence of every fact.  A row a DBA has corrected is
-- left as the DBA made it.  The shipped_row_guard trigger takes every update
-- of a shipped row for a DBA's correction, so it is off while povext
-- corrects its own rows (corrected stays false, and pg_dump keeps leaving
-- these rows to CREATE EXTENSION).

ALTER TABLE povext.standard DISABLE TRIGGER shipped_row_guard;
ALTER TABLE povext.standard_line DISABLE TRIGGER shipped_row_guard;

-- hcm-2024: the city's 2025 review classified by income bands, poor at or
-- below 46 million VND a year and near-poor above 46 and up to 54 million;
-- two_band is the shipped rule that has a near-poor band above the poor
-- line (income_and_deprivation ignores near_poor_line).
UPDATE povext.standard
   SET rule = 'two_band',
       legal_basis = 'NQ 15/NQ-HĐND 2024 (13 indicators); lines applied in the 2025 review (QĐ 505/QĐ-UBND, January 2026)',
       confidence = 'unknown',
       note = 'Lines confirmed by the 2025 review: poor at or below 46 million VND a year, near-poor above 46 and up to 54 million; no middle line is known. '
              'How the 13 indicators combine with income is unknown: two_band is assumed, so a household of the near-poor band deprived in 3 or more indicators is poor. '
              'In force from 2024-10-01 to the end of the city''s 2025-2030 period according to secondary sources.'
 WHERE code = 'hcm-2024' AND shipped AND NOT corrected;

-- The lines of the 2025 review, in force to the end of 2030 (the city's
-- 2025-2030 period, a secondary source) so that the reviews of 2026 and
-- later classify.  A DBA's own HCMC standard that starts after 2025 keeps
-- its period: the shipped one ends where it begins.
UPDATE povext.standard_line AS l
   SET near_poor_line = 54000000,
       middle_line = NULL,
       in_force = pg_catalog.daterange(pg_catalog.lower(l.in_force),
                      (SELECT LEAST(pg_catalog.min(pg_catalog.lower(o.in_force)), '2031-01-01'::pg_catalog.date)
                         FROM povext.standard_line AS o
                        WHERE o.scope = l.scope AND o.area = l.area
                          AND pg_catalog.lower(o.in_force) >= pg_catalog.upper(l.in_force))),
       legal_basis = 'NQ 15/NQ-HĐND 2024; lines confirmed by the 2025 review (QĐ 505/QĐ-UBND, January 2026); end of force 2030 from secondary sources',
       confidence = 'secondary'
 WHERE l.standard = 'hcm-2024' AND l.shipped AND NOT l.corrected;

-- vn-2022: the lines are in force to the end of 2026 by the amendment the
-- standard row already cites.
UPDATE povext.standard_line
   SET legal_basis = 'NĐ 07/2021/NĐ-CP, Art. 3 (amended by NĐ 30/2025/NĐ-CP)'
 WHERE standard = 'vn-2022' AND shipped AND NOT corrected;

ALTER TABLE povext.standard ENABLE TRIGGER shipped_row_guard;
ALTER TABLE povext.standard_line ENABLE TRIGGER shipped_row_guard;
-- pg_dump by non-superusers and indicator bits
--
-- The bits ever given were the position of povext.indicator_bit_seq.  A
-- sequence is not transactional, so a rolled-back insert used its bit up,
-- and an explicit bit moved the sequence past every bit below it (setval,
-- which also needs UPDATE on the sequence); pg_dump needed SELECT on it.
-- Now the bits ever given are those of the rows of povext.indicator and of
-- povext.retired_indicator_bit (the bits of deleted indicators), both
-- transactional; a new indicator gets the lowest bit of neither.

CREATE TABLE povext.retired_indicator_bit (
    bit smallint PRIMARY KEY CHECK (bit BETWEEN 0 AND 63),
    code text
);
COMMENT ON TABLE povext.retired_indicator_bit IS
    'Bits of deleted indicators (kept by a trigger): never given to a new indicator, so stored deprivation sets cannot change meaning';
COMMENT ON COLUMN povext.retired_indicator_bit.bit IS 'Bit of a deleted indicator';
COMMENT ON COLUMN povext.retired_indicator_bit.code IS
    'Code of the first deleted indicator with this bit; NULL for bits given before povext 0.3.0 that no indicator held any more';
GRANT SELECT ON povext.retired_indicator_bit TO PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('povext.retired_indicator_bit', '');

-- Every bit the sequence gave and no indicator holds is retired: it may have
-- been deleted, or rolled back, and cannot be told apart.
INSERT INTO povext.retired_indicator_bit (bit)
SELECT b FROM pg_catalog.generate_series(0, 63) AS b, povext.indicator_bit_seq AS s
 WHERE (b OPERATOR(pg_catalog.<) s.last_value OR (b OPERATOR(pg_catalog.=) s.last_value AND s.is_called))
   AND NOT EXISTS (SELECT FROM povext.indicator AS i WHERE i.bit OPERATOR(pg_catalog.=) b);
-- ALTER EXTENSION DROP also takes the sequence out of the tables pg_dump
-- dumps (a plain DROP would leave its OID there).
ALTER EXTENSION povext DROP SEQUENCE povext.indicator_bit_seq;
DROP SEQUENCE povext.indicator_bit_seq;

CREATE OR REPLACE FUNCTION povext.indicator_assign_bit() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NEW.bit IS DISTINCT FROM OLD.bit THEN
            RAISE EXCEPTION 'cannot change the bit of indicator "%"', OLD.code
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      DETAIL = 'Stored deprivation sets refer to indicators by bit.';
        END IF;
        RETURN NEW;
    END IF;
    -- The bits ever given are those of the rows of povext.indicator and of
    -- povext.retired_indicator_bit, so a rolled-back or failed insert uses no
    -- bit up, and an explicit bit only that bit.
    IF NEW.bit IS NULL THEN
        -- a row with the code of an existing one keeps its bit (it corrects a
        -- shipped row, or fails as a duplicate)
        SELECT i.bit INTO NEW.bit FROM povext.indicator AS i WHERE i.code = NEW.code;
        IF FOUND THEN
            RETURN NEW;
        END IF;
        IF NEW.code IS NULL OR NEW.code !~ '^[a-z][a-z0-9_]*$' OR length(NEW.code) > 63 THEN
            RAISE EXCEPTION 'invalid indicator code "%"', NEW.code
                USING ERRCODE = 'check_violation',
                      DETAIL = 'Codes are lower-case letters, digits and underscores, start with a letter and have at most 63 characters.';
        END IF;
    END IF;
    -- One insert at a time chooses a bit, so two cannot choose the same one:
    -- the lock (held to commit; it does not block readers or other writers)
    -- makes a concurrent insert wait, and its next query sees this row.
    -- Explicit bits take it too, so that an insert without bit waits for them.
    LOCK TABLE povext.indicator IN SHARE UPDATE EXCLUSIVE MODE;
    IF NEW.bit IS NULL THEN
        SELECT min(b) INTO NEW.bit FROM generate_series(0, 63) AS b
         WHERE NOT EXISTS (SELECT FROM povext.indicator AS i WHERE i.bit = b)
           AND NOT EXISTS (SELECT FROM povext.retired_indicator_bit AS r WHERE r.bit = b);
        IF NEW.bit IS NULL THEN
            RAISE EXCEPTION 'cannot add indicator "%": all 64 indicator bits have been given', NEW.code
                USING ERRCODE = 'program_limit_exceeded',
                      DETAIL = 'A bit is given once in the life of a database; povext.retired_indicator_bit lists the bits of deleted indicators.';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION povext.indicator_assign_bit() IS
    'Trigger: gives a new indicator the lowest bit that no indicator holds or held, and forbids changing the bit of an existing one';

-- Runs with the privileges of the deleting role, which needs INSERT on
-- povext.retired_indicator_bit: inserting there can only withhold bits, never
-- give one twice (that would take UPDATE or DELETE, which nobody is granted).
CREATE FUNCTION povext.indicator_retire_bit() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    -- a bit deleted again after being put back keeps its first code
    INSERT INTO povext.retired_indicator_bit (bit, code) VALUES (OLD.bit, OLD.code)
        ON CONFLICT (bit) DO NOTHING;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION povext.indicator_retire_bit() IS
    'Trigger: records the bit of a deleted indicator in povext.retired_indicator_bit, so that it is never given again';

CREATE TRIGGER indicator_retire_bit AFTER DELETE ON povext.indicator
    FOR EACH ROW EXECUTE FUNCTION povext.indicator_retire_bit();
COMMENT ON TRIGGER indicator_retire_bit ON povext.indicator IS
    'Keeps the bits of deleted indicators, which are never given again';
-- Portable binary form of deprivations (topic E): send and receive carry
-- indicator codes instead of the per-database bits, so send now reads the
-- catalog and is STABLE like the output function.
ALTER FUNCTION povext.deprivations_send(povext.deprivations) STABLE;
COMMENT ON FUNCTION povext.deprivations_recv(internal) IS
    'Binary input function of povext.deprivations: indicator codes, mapped to this database''s bits; the raw mask of povext 0.2.0 only with shipped indicators';
COMMENT ON FUNCTION povext.deprivations_send(povext.deprivations) IS
    'Binary output function of povext.deprivations: version byte 1 and the indicator codes, never the per-database bits';
-- household-level classification
--
-- A registry holds a household's income of the 12 months before the review
-- and its number of members; the standards' lines are per person per month
-- (national) or per year (HCMC).  classify and explain_classification take a
-- per-capita income in the standard's unit, and per_capita_income defaults
-- to 'month', so an HCMC classification of a monthly figure made almost every
-- household poor without a word.  The functions below take what the registry
-- holds and convert it to the unit of the standard they use, exactly (the
-- household income is compared with each line times 12 * members or
-- members).  The functions of 0.1.0 keep working for existing callers.

CREATE FUNCTION povext.classify_household(household_income numeric, members integer,
                                          deprivations povext.deprivations,
                                          standard text, area povext.area)
    RETURNS povext.status
    AS 'MODULE_PATHNAME', 'classify_household' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.classify_household(numeric, integer, povext.deprivations, text, povext.area) IS
    'Poverty status of a household under the named standard, from its income of the 12 months before the review and its number of members (converted to the standard''s unit) and its deprivations';

CREATE FUNCTION povext.classify_household(household_income numeric, members integer,
                                          deprivations povext.deprivations,
                                          scope text, area povext.area, on_date date)
    RETURNS povext.status
    AS 'MODULE_PATHNAME', 'classify_household' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.classify_household(numeric, integer, povext.deprivations, text, povext.area, date) IS
    'Poverty status of a household under the standard of the scope (e.g. national, hcmc) in force for its area on the date, from its income of the 12 months before the review and its number of members (converted to the standard''s unit) and its deprivations';

CREATE FUNCTION povext.explain_household(
        household_income numeric, members integer, deprivations povext.deprivations,
        standard text, area povext.area,
        OUT standard text, OUT scope text, OUT legal_basis text, OUT area povext.area,
        OUT unit povext.income_unit, OUT rule povext.rule_kind,
        OUT household_income numeric, OUT members integer, OUT per_capita_income numeric,
        OUT poor_line numeric, OUT near_poor_line numeric, OUT middle_line numeric,
        OUT minimum_deprivations integer, OUT deprivations_counted povext.deprivations,
        OUT deprivations_ignored povext.deprivations, OUT deprivation_count integer,
        OUT matched_rule text, OUT status povext.status)
    AS 'MODULE_PATHNAME', 'classify_explain_household' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.explain_household(numeric, integer, povext.deprivations, text, povext.area) IS
    'Why a household gets its status under the named standard: its per-capita income in the standard''s unit, the lines, the deprivations counted and ignored, the rule that matched';

CREATE FUNCTION povext.explain_household(
        household_income numeric, members integer, deprivations povext.deprivations,
        scope text, area povext.area, on_date date,
        OUT standard text, OUT scope text, OUT legal_basis text, OUT area povext.area,
        OUT unit povext.income_unit, OUT rule povext.rule_kind,
        OUT household_income numeric, OUT members integer, OUT per_capita_income numeric,
        OUT poor_line numeric, OUT near_poor_line numeric, OUT middle_line numeric,
        OUT minimum_deprivations integer, OUT deprivations_counted povext.deprivations,
        OUT deprivations_ignored povext.deprivations, OUT deprivation_count integer,
        OUT matched_rule text, OUT status povext.status)
    AS 'MODULE_PATHNAME', 'classify_explain_household' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.explain_household(numeric, integer, povext.deprivations, text, povext.area, date) IS
    'Why a household gets its status under the standard of the scope in force for its area on the date: its per-capita income in the standard''s unit, the lines, the deprivations counted and ignored, the rule that matched';

CREATE FUNCTION povext.standard_in_force(scope text, area povext.area, on_date date)
    RETURNS text
    AS 'MODULE_PATHNAME', 'classify_standard_in_force' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.standard_in_force(text, povext.area, date) IS
    'Code of the standard of the scope (e.g. national, hcmc) whose lines for the area are in force on the date; e.g. for the deprivation-index aggregates';

-- The documented path of 0.1.0 and 0.2.0 stays as it was; its comments now
-- say where the unit can go wrong.
COMMENT ON FUNCTION povext.per_capita_income(numeric, integer, povext.income_unit) IS
    'Per-capita income from a household''s income of the 12 months before the review and its number of members, per month (national lines) or per year (HCMC lines). The unit defaults to month, which is wrong for HCMC standards: prefer classify_household and explain_household, which convert to the standard''s unit themselves';
COMMENT ON FUNCTION povext.classify(numeric, povext.deprivations, text, povext.area) IS
    'Poverty status of a household under the named standard, from its per-capita income (in the standard''s unit, which is not checked) and deprivations; only the standard''s own indicators count. classify_household takes the household''s income and members instead';
COMMENT ON FUNCTION povext.classify(numeric, povext.deprivations, text, povext.area, date) IS
    'Poverty status of a household under the standard of the scope (e.g. national, hcmc) in force for its area on the date, from its per-capita income (in that standard''s unit, which is not checked). classify_household takes the household''s income and members instead';
COMMENT ON FUNCTION povext.explain_classification(numeric, povext.deprivations, text, povext.area) IS
    'Why a household gets its status under the named standard: the lines, the deprivations counted and ignored, the rule that matched (per-capita income in the standard''s unit; explain_household takes the household''s income and members)';
COMMENT ON FUNCTION povext.explain_classification(numeric, povext.deprivations, text, povext.area, date) IS
    'Why a household gets its status under the standard of the scope in force for its area on the date (per-capita income in that standard''s unit; explain_household takes the household''s income and members)';

-- FGT measures of households against the poor line of the standard in force
-- (Vietnamese boundary: poor at or below the line).  The transition function
-- converts each household's income to the standard's unit and feeds
-- fgt_state_accum, so the states are ordinary fgt_state values holding the
-- line in the standard's unit.
CREATE FUNCTION povext.fgt_state_accum_household(povext.fgt_state, household_income numeric, members integer,
                                                 scope text, area povext.area, on_date date)
    RETURNS povext.fgt_state
    AS 'MODULE_PATHNAME', 'classify_fgt_state_accum_household' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION povext.fgt_state_accum_household(povext.fgt_state, numeric, integer, text, povext.area, date) IS
    'Transition function of the household FGT aggregates: adds a household of weight 1 with its per-capita income against the poor line, both in the unit of the standard of the scope in force; a NULL argument skips the row';

CREATE FUNCTION povext.fgt_state_accum_household(povext.fgt_state, household_income numeric, members integer,
                                                 scope text, area povext.area, on_date date, weight float8)
    RETURNS povext.fgt_state
    AS 'MODULE_PATHNAME', 'classify_fgt_state_accum_household' LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION povext.fgt_state_accum_household(povext.fgt_state, numeric, integer, text, povext.area, date, float8) IS
    'Transition function of the weighted household FGT aggregates: adds a household with its per-capita income against the poor line, both in the unit of the standard of the scope in force; a NULL argument skips the row';

CREATE AGGREGATE povext.fgt_state_agg_household(household_income numeric, members integer, scope text,
                                                area povext.area, on_date date) (
    SFUNC = povext.fgt_state_accum_household, STYPE = povext.fgt_state,
    COMBINEFUNC = povext.fgt_state_combine, PARALLEL = SAFE
);
CREATE AGGREGATE povext.fgt_state_agg_household(household_income numeric, members integer, scope text,
                                                area povext.area, on_date date, weight float8) (
    SFUNC = povext.fgt_state_accum_household, STYPE = povext.fgt_state,
    COMBINEFUNC = povext.fgt_state_combine, PARALLEL = SAFE
);
CREATE AGGREGATE povext.fgt_p0_household(household_income numeric, members integer, scope text,
                                         area povext.area, on_date date) (
    SFUNC = povext.fgt_state_accum_household, STYPE = povext.fgt_state, FINALFUNC = povext.fgt_p0,
    COMBINEFUNC = povext.fgt_state_combine, PARALLEL = SAFE
);
CREATE AGGREGATE povext.fgt_p0_household(household_income numeric, members integer, scope text,
                                         area povext.area, on_date date, weight float8) (
    SFUNC = povext.fgt_state_accum_household, STYPE = povext.fgt_state, FINALFUNC = povext.fgt_p0,
    COMBINEFUNC = povext.fgt_state_combine, PARALLEL = SAFE
);
CREATE AGGREGATE povext.fgt_p1_household(household_income numeric, members integer, scope text,
                                         area povext.area, on_date date) (
    SFUNC = povext.fgt_state_accum_household, STYPE = povext.fgt_state, FINALFUNC = povext.fgt_p1,
    COMBINEFUNC = povext.fgt_state_combine, PARALLEL = SAFE
);
CREATE AGGREGATE povext.fgt_p1_household(household_income numeric, members integer, scope text,
                                         area povext.area, on_date date, weight float8) (
    SFUNC = povext.fgt_state_accum_household, STYPE = povext.fgt_state, FINALFUNC = povext.fgt_p1,
    COMBINEFUNC = povext.fgt_state_combine, PARALLEL = SAFE
);
CREATE AGGREGATE povext.fgt_p2_household(household_income numeric, members integer, scope text,
                                         area povext.area, on_date date) (
    SFUNC = povext.fgt_state_accum_household, STYPE = povext.fgt_state, FINALFUNC = povext.fgt_p2,
    COMBINEFUNC = povext.fgt_state_combine, PARALLEL = SAFE
);
CREATE AGGREGATE povext.fgt_p2_household(household_income numeric, members integer, scope text,
                                         area povext.area, on_date date, weight float8) (
    SFUNC = povext.fgt_state_accum_household, STYPE = povext.fgt_state, FINALFUNC = povext.fgt_p2,
    COMBINEFUNC = povext.fgt_state_combine, PARALLEL = SAFE
);
CREATE AGGREGATE povext.fgt_watts_household(household_income numeric, members integer, scope text,
                                            area povext.area, on_date date) (
    SFUNC = povext.fgt_state_accum_household, STYPE = povext.fgt_state, FINALFUNC = povext.fgt_watts,
    COMBINEFUNC = povext.fgt_state_combine, PARALLEL = SAFE
);
CREATE AGGREGATE povext.fgt_watts_household(household_income numeric, members integer, scope text,
                                            area povext.area, on_date date, weight float8) (
    SFUNC = povext.fgt_state_accum_household, STYPE = povext.fgt_state, FINALFUNC = povext.fgt_watts,
    COMBINEFUNC = povext.fgt_state_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE povext.fgt_state_agg_household(numeric, integer, text, povext.area, date) IS
    'FGT state of households (income of 12 months, members) against the poor line of the standard of the scope in force, per-capita income and line in that standard''s unit, poor at or below the line; the line must be the same on every row (group by area where they differ)';
COMMENT ON AGGREGATE povext.fgt_state_agg_household(numeric, integer, text, povext.area, date, float8) IS
    'FGT state of weighted households (e.g. weight members to count people) against the poor line of the standard of the scope in force, in that standard''s unit';
COMMENT ON AGGREGATE povext.fgt_p0_household(numeric, integer, text, povext.area, date) IS
    'Headcount ratio P0 (numeric) of households against the poor line of the standard of the scope in force, per-capita income in that standard''s unit';
COMMENT ON AGGREGATE povext.fgt_p0_household(numeric, integer, text, povext.area, date, float8) IS
    'Weighted headcount ratio P0 (numeric) of households against the poor line of the standard of the scope in force, per-capita income in that standard''s unit';
COMMENT ON AGGREGATE povext.fgt_p1_household(numeric, integer, text, povext.area, date) IS
    'Poverty gap index P1 of households against the poor line of the standard of the scope in force, per-capita income in that standard''s unit';
COMMENT ON AGGREGATE povext.fgt_p1_household(numeric, integer, text, povext.area, date, float8) IS
    'Weighted poverty gap index P1 of households against the poor line of the standard of the scope in force, per-capita income in that standard''s unit';
COMMENT ON AGGREGATE povext.fgt_p2_household(numeric, integer, text, povext.area, date) IS
    'Poverty severity index P2 of households against the poor line of the standard of the scope in force, per-capita income in that standard''s unit';
COMMENT ON AGGREGATE povext.fgt_p2_household(numeric, integer, text, povext.area, date, float8) IS
    'Weighted poverty severity index P2 of households against the poor line of the standard of the scope in force, per-capita income in that standard''s unit';
COMMENT ON AGGREGATE povext.fgt_watts_household(numeric, integer, text, povext.area, date) IS
    'Watts index of households against the poor line of the standard of the scope in force, per-capita income in that standard''s unit; NULL if a poor income is 0';
COMMENT ON AGGREGATE povext.fgt_watts_household(numeric, integer, text, povext.area, date, float8) IS
    'Weighted Watts index of households against the poor line of the standard of the scope in force, per-capita income in that standard''s unit; NULL if a poor income of positive weight is 0';
-- household registry
--
-- Cut-offs as data: the numbers the registry's derivation rules use (age
-- bands, floor area per person, working age, the share of dependants), per
-- standard and indicator.  The rule KINDS are C code (src/registry.c); a
-- standard without the cut-offs a rule needs gets that indicator
-- undetermined, never a guessed value.  Kept like the other catalog tables:
-- shipped rows are corrected, not deleted, and pg_dump keeps the DBA's rows.

CREATE TABLE povext.indicator_cutoff (
    standard text NOT NULL REFERENCES povext.standard (code) ON UPDATE CASCADE,
    indicator text NOT NULL REFERENCES povext.indicator (code) ON UPDATE CASCADE,
    parameter text NOT NULL CHECK (parameter ~ '^[a-z][a-z0-9_]*$'),
    value numeric NOT NULL CHECK (value >= 0 AND value < 'Infinity'),
    legal_basis text NOT NULL,
    confidence povext.confidence NOT NULL,
    shipped boolean NOT NULL DEFAULT false,
    corrected boolean NOT NULL DEFAULT false,
    PRIMARY KEY (standard, indicator, parameter),
    CONSTRAINT indicator_cutoff_whole_ages CHECK (parameter !~ '_age$' OR (value = trunc(value) AND value <= 150))
);
COMMENT ON TABLE povext.indicator_cutoff IS
    'Numbers the household registry derives deprivations with (age bands, floor area per person, working age, share of dependants), per standard and indicator';
COMMENT ON COLUMN povext.indicator_cutoff.standard IS 'Code of the standard';
COMMENT ON COLUMN povext.indicator_cutoff.indicator IS 'Code of the indicator';
COMMENT ON COLUMN povext.indicator_cutoff.parameter IS 'Name of the number, e.g. min_age, under_age, min_m2_per_person (parameters ending in _age are whole years)';
COMMENT ON COLUMN povext.indicator_cutoff.value IS 'The number';
COMMENT ON COLUMN povext.indicator_cutoff.legal_basis IS 'Legal text the number comes from';
COMMENT ON COLUMN povext.indicator_cutoff.confidence IS 'How well the number is supported by the sources';
COMMENT ON COLUMN povext.indicator_cutoff.shipped IS 'True for rows installed by povext (kept by the catalog triggers)';
COMMENT ON COLUMN povext.indicator_cutoff.corrected IS 'True for shipped rows a DBA has corrected (kept by the catalog triggers)';
COMMENT ON CONSTRAINT indicator_cutoff_whole_ages ON povext.indicator_cutoff IS
    'Ages are whole years (the registry counts ages in completed years)';
GRANT SELECT ON povext.indicator_cutoff TO PUBLIC;

-- Shipped cut-offs (docs/standards.md, shared/standards.md).  Working age is
-- one whole age per sex: the Labour Code 2019 raises the retirement age by
-- months each year, so these are a simplification a DBA should check.
INSERT INTO povext.indicator_cutoff (standard, indicator, parameter, value, legal_basis, confidence, shipped)
SELECT s.standard, c.indicator, c.parameter, c.value,
       CASE WHEN c.value_basis IS NOT NULL THEN c.value_basis ELSE s.legal_basis END,
       c.confidence::povext.confidence, true
  FROM (VALUES ('vn-2022', 'NĐ 07/2021/NĐ-CP, Art. 3 and appendix'),
               ('hcm-2021', 'QĐ 995/QĐ-UBND 2021'),
               ('hcm-2024', 'NQ 15/NQ-HĐND 2024')) AS s(standard, legal_basis)
  JOIN (VALUES
        ('employment', 'min_age', 15, NULL, 'secondary'),
        ('employment', 'retirement_age_male', 60, 'Bộ luật Lao động 2019, Art. 169 (60 years 3 months in 2021, rising to 62; one whole age is a simplification)', 'unverified'),
        ('employment', 'retirement_age_female', 55, 'Bộ luật Lao động 2019, Art. 169 (55 years 4 months in 2021, rising to 60; one whole age is a simplification)', 'unverified'),
        ('social_insurance', 'min_age', 15, NULL, 'secondary'),
        ('social_insurance', 'retirement_age_male', 60, 'Bộ luật Lao động 2019, Art. 169 (60 years 3 months in 2021, rising to 62; one whole age is a simplification)', 'unverified'),
        ('social_insurance', 'retirement_age_female', 55, 'Bộ luật Lao động 2019, Art. 169 (55 years 4 months in 2021, rising to 60; one whole age is a simplification)', 'unverified'),
        ('dependants', 'child_under_age', 16, NULL, 'secondary'),
        ('dependants', 'elderly_from_age', 60, 'Luật Người cao tuổi 2009, Art. 2', 'secondary'),
        ('dependants', 'max_share', 0.5, NULL, 'secondary'),
        ('nutrition', 'under_age', 16, NULL, 'confirmed'),
        ('health_insurance', 'min_age', 6, NULL, 'confirmed'),
        ('adult_education', 'min_age', 16, NULL, 'secondary'),
        ('adult_education', 'max_age', 30, NULL, 'secondary'),
        ('school_attendance', 'min_age', 3, NULL, 'secondary'),
        ('school_attendance', 'under_age', 16, NULL, 'secondary'),
        ('housing_area', 'min_m2_per_person', 8, NULL, 'secondary')
       ) AS c(indicator, parameter, value, value_basis, confidence) ON true
 WHERE EXISTS (SELECT FROM povext.standard_indicator AS si
                WHERE si.standard = s.standard AND si.indicator = c.indicator)
   AND NOT (s.standard LIKE 'hcm-%' AND c.indicator = 'housing_area');

-- HCMC's housing area from a draft: under 6 m² in inner districts, under 10
-- m² in outer ones.  One number per standard: the inner one is shipped; a
-- registry of an outer district corrects it to 10.
INSERT INTO povext.indicator_cutoff (standard, indicator, parameter, value, legal_basis, confidence, shipped)
SELECT s.standard, 'housing_area', 'min_m2_per_person', 6,
       'Draft of the city standard: 6 m² in inner districts, 10 m² in outer districts', 'unverified', true
  FROM (VALUES ('hcm-2021'), ('hcm-2024')) AS s(standard);

-- vn-2016: the indicators cited with other age bands (health insurance from
-- 6, school attendance from 5 to under 15) and 8 m²; its adult education
-- rule (born 1986 or later) has no cut-off here, so it is not derived.
INSERT INTO povext.indicator_cutoff (standard, indicator, parameter, value, legal_basis, confidence, shipped) VALUES
    ('vn-2016', 'health_insurance', 'min_age', 6, 'QĐ 59/2015/QĐ-TTg, Art. 2', 'unverified', true),
    ('vn-2016', 'school_attendance', 'min_age', 5, 'QĐ 59/2015/QĐ-TTg, Art. 2', 'unverified', true),
    ('vn-2016', 'school_attendance', 'under_age', 15, 'QĐ 59/2015/QĐ-TTg, Art. 2', 'unverified', true),
    ('vn-2016', 'housing_area', 'min_m2_per_person', 8, 'QĐ 59/2015/QĐ-TTg, Art. 2', 'unverified', true);

CREATE TRIGGER shipped_row_guard BEFORE INSERT OR UPDATE OR DELETE ON povext.indicator_cutoff
    FOR EACH ROW EXECUTE FUNCTION povext.shipped_row_guard();
CREATE TRIGGER shipped_row_guard_truncate BEFORE TRUNCATE ON povext.indicator_cutoff
    FOR EACH STATEMENT EXECUTE FUNCTION povext.shipped_row_guard();
CREATE TRIGGER catalog_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON povext.indicator_cutoff
    FOR EACH STATEMENT EXECUTE FUNCTION povext.catalog_changed();
ALTER TABLE povext.indicator_cutoff ENABLE ALWAYS TRIGGER catalog_changed;
COMMENT ON TRIGGER shipped_row_guard ON povext.indicator_cutoff IS 'Keeps shipped rows and marks corrections';
COMMENT ON TRIGGER shipped_row_guard_truncate ON povext.indicator_cutoff IS 'Refuses to truncate shipped rows';
COMMENT ON TRIGGER catalog_changed ON povext.indicator_cutoff IS 'Invalidates the classification cache of every backend';
SELECT pg_catalog.pg_extension_config_dump('povext.indicator_cutoff', 'WHERE NOT shipped OR corrected');

-- The registry's C functions: the statement-level trigger that keeps the
-- derived values of the households a statement touched, the recomputation
-- of a whole registry and the consistency check.

CREATE FUNCTION povext.registry_refresh() RETURNS trigger
    AS 'MODULE_PATHNAME', 'registry_refresh' LANGUAGE C;
COMMENT ON FUNCTION povext.registry_refresh() IS
    'Trigger of a registry''s member and household tables: recomputes once the derived values of every household the statement touched';

CREATE FUNCTION povext.registry_recompute(registry name, as_of date DEFAULT NULL, only_due boolean DEFAULT false)
    RETURNS bigint
    AS 'MODULE_PATHNAME', 'registry_recompute' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION povext.registry_recompute(name, date, boolean) IS
    'Recomputes the derived values of every household of the registry in schema registry (only those that differ from a fresh computation if only_due) as of as_of (default: the registry''s reference date); returns the number of households recomputed';

CREATE FUNCTION povext.registry_check(registry name)
    RETURNS TABLE (household bigint, stored text, computed text)
    AS 'MODULE_PATHNAME', 'registry_check' LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION povext.registry_check(name) IS
    'Every household of the registry in schema registry whose stored derived values differ from a fresh computation as of the reference date, with both';

CREATE FUNCTION povext.registry_history_append_only() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    RAISE EXCEPTION 'cannot % rows of %.status_history', lower(TG_OP), TG_TABLE_SCHEMA
        USING ERRCODE = 'object_not_in_prerequisite_state',
              DETAIL = 'The status history of a registry is append-only.';
END
$$;
COMMENT ON FUNCTION povext.registry_history_append_only() IS
    'Trigger: refuses UPDATE, DELETE and TRUNCATE of a registry''s status_history';

CREATE FUNCTION povext.create_registry(registry name, scopes text[] DEFAULT ARRAY['national'])
    RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    s text := quote_ident(registry);
    schema_owner oid;
BEGIN
    IF registry IS NULL THEN
        RAISE EXCEPTION 'registry schema must not be NULL'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF scopes IS NULL OR cardinality(scopes) = 0 OR array_position(scopes, NULL) IS NOT NULL THEN
        RAISE EXCEPTION 'a registry must follow at least one scope'
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Pass scopes such as ARRAY[''national'', ''hcmc''].';
    END IF;
    IF EXISTS (SELECT FROM unnest(scopes) AS f(scope)
                WHERE NOT EXISTS (SELECT FROM povext.standard AS st WHERE st.scope = f.scope)) THEN
        RAISE EXCEPTION 'scope "%" has no poverty standard',
              (SELECT f.scope FROM unnest(scopes) AS f(scope)
                WHERE NOT EXISTS (SELECT FROM povext.standard AS st WHERE st.scope = f.scope) LIMIT 1)
            USING ERRCODE = 'undefined_object',
                  HINT = 'Scopes are those of povext.standard, e.g. national or hcmc.';
    END IF;
    EXECUTE format('CREATE SCHEMA IF NOT EXISTS %s', s);
    -- The owner of a schema can drop, rename and replace every table in it:
    -- another role's schema would let it swap the registry's tables for its
    -- own (with triggers that run as whoever writes the registry).
    SELECT n.nspowner INTO schema_owner FROM pg_namespace AS n WHERE n.nspname = registry;
    IF schema_owner <> (SELECT r.oid FROM pg_roles AS r WHERE r.rolname = current_user)
       AND NOT (SELECT r.rolsuper FROM pg_roles AS r WHERE r.oid = schema_owner) THEN
        RAISE EXCEPTION 'schema "%" is owned by role "%", not by the current user', registry,
              pg_get_userbyid(schema_owner)
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'The owner of a schema could replace the tables of the registry.',
                  HINT = 'Create the registry in a new schema, or in one the current user owns.';
    END IF;

    EXECUTE format($ddl$
        CREATE TABLE %1$s.registry_setting (
            singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
            followed_scopes text[] NOT NULL
                CHECK (cardinality(followed_scopes) > 0 AND array_position(followed_scopes, NULL) IS NULL),
            reference_date date,
            recompute_on_catalog_change boolean NOT NULL DEFAULT true
        );
        COMMENT ON TABLE %1$s.registry_setting IS
            'povext registry configuration (one row): the scopes whose standards it follows and its reference date';
        COMMENT ON COLUMN %1$s.registry_setting.followed_scopes IS
            'Scopes of povext.standard the registry classifies under, e.g. {national,hcmc}';
        COMMENT ON COLUMN %1$s.registry_setting.reference_date IS
            'Date ages and standards are taken at; NULL for the current date';
        COMMENT ON COLUMN %1$s.registry_setting.recompute_on_catalog_change IS
            'True: a change of povext''s catalog recomputes the affected households in the same transaction; false: they wait for registry_recompute(only_due => true)';

        CREATE TABLE %1$s.ward (
            code text PRIMARY KEY,
            name text NOT NULL,
            district text,
            households_total integer CHECK (households_total >= 0)
        );
        COMMENT ON TABLE %1$s.ward IS 'Wards (phường, xã) of the registry';
        COMMENT ON COLUMN %1$s.ward.households_total IS 'All households of the ward: the denominator of official rates';

        CREATE TABLE %1$s.household (
            id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            code text UNIQUE,
            ward text NOT NULL REFERENCES %1$s.ward (code) ON UPDATE CASCADE,
            area povext.area NOT NULL,
            address text,
            housing_durable boolean,
            floor_area numeric CHECK (floor_area >= 0 AND floor_area < 'Infinity'),
            clean_water boolean,
            hygienic_latrine boolean,
            uses_telecom boolean,
            has_information_device boolean,
            household_income numeric CHECK (household_income >= 0 AND household_income < 'Infinity'),
            members integer NOT NULL DEFAULT 0,
            per_capita_income_year numeric,
            computed_at date
        );
        CREATE INDEX ON %1$s.household (ward);
        COMMENT ON TABLE %1$s.household IS
            'Households: answers of the household; members, per_capita_income_year and computed_at are kept by povext''s triggers';
        COMMENT ON COLUMN %1$s.household.floor_area IS 'Floor area of the dwelling in m²';
        COMMENT ON COLUMN %1$s.household.household_income IS
            'Income of the household over the 12 months before the review, VND; NULL for the sum of its members'' incomes';
        COMMENT ON COLUMN %1$s.household.members IS 'Derived: number of members';
        COMMENT ON COLUMN %1$s.household.per_capita_income_year IS
            'Derived: household income per member per year, VND, rounded to 2 decimals (classification uses the exact quotient)';
        COMMENT ON COLUMN %1$s.household.computed_at IS 'Derived: date the derived values are as of (NULL without members)';

        CREATE TABLE %1$s.member (
            person_id text PRIMARY KEY,
            household bigint NOT NULL REFERENCES %1$s.household (id) ON UPDATE CASCADE ON DELETE RESTRICT,
            name text,
            birth_date date NOT NULL,
            sex text CHECK (sex IN ('male', 'female')),
            relation_to_head text,
            working_capacity boolean,
            disability boolean,
            health_insurance boolean,
            attending_school boolean,
            school_level_ok boolean,
            education_attained text,
            employed boolean,
            works_for_wages boolean,
            labour_contract boolean,
            social_insurance boolean,
            stunted_or_underweight boolean,
            income numeric CHECK (income >= 0 AND income < 'Infinity')
        );
        CREATE INDEX ON %1$s.member (household);
        COMMENT ON TABLE %1$s.member IS 'Members of households: a person is a member of one household';
        COMMENT ON COLUMN %1$s.member.school_level_ok IS
            'Attends (children) or has attained (16-30) the school level for their age';
        COMMENT ON COLUMN %1$s.member.income IS 'Income of the member over the 12 months before the review, VND';

        CREATE TABLE %1$s.household_status (
            household bigint NOT NULL REFERENCES %1$s.household (id) ON UPDATE CASCADE ON DELETE CASCADE,
            scope text NOT NULL,
            standard text NOT NULL,
            deprivations povext.deprivations NOT NULL,
            undetermined povext.deprivations NOT NULL,
            status povext.status,
            as_of date NOT NULL,
            PRIMARY KEY (household, standard)
        );
        COMMENT ON TABLE %1$s.household_status IS
            'Derived by povext''s triggers: deprivations and computed status of each household under the standard of each followed scope in force on the reference date';
        COMMENT ON COLUMN %1$s.household_status.undetermined IS
            'Indicators of the standard the registry cannot decide (a missing answer, or no rule or cut-off for it)';
        COMMENT ON COLUMN %1$s.household_status.status IS
            'Computed status; NULL when the undetermined indicators or a missing income could change it';

        CREATE TABLE %1$s.status_history (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            household bigint NOT NULL REFERENCES %1$s.household (id) ON UPDATE RESTRICT ON DELETE RESTRICT,
            standard text NOT NULL,
            status povext.status NOT NULL,
            deprivations povext.deprivations,
            recognised_on date NOT NULL,
            review_kind text NOT NULL CHECK (review_kind IN ('periodic', 'regular')),
            decision_ref text,
            transition text,
            standard_changed boolean,
            recorded_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE INDEX ON %1$s.status_history (household, standard, recognised_on);
        COMMENT ON TABLE %1$s.status_history IS
            'Append-only: statuses recognised at reviews; a household with history cannot be deleted';

        CREATE TRIGGER registry_member_insert AFTER INSERT ON %1$s.member
            REFERENCING NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION povext.registry_refresh('member');
        CREATE TRIGGER registry_member_update AFTER UPDATE ON %1$s.member
            REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION povext.registry_refresh('member');
        CREATE TRIGGER registry_member_delete AFTER DELETE ON %1$s.member
            REFERENCING OLD TABLE AS old_rows
            FOR EACH STATEMENT EXECUTE FUNCTION povext.registry_refresh('member');
        CREATE TRIGGER registry_household_insert AFTER INSERT ON %1$s.household
            REFERENCING NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION povext.registry_refresh('household');
        CREATE TRIGGER registry_household_update AFTER UPDATE ON %1$s.household
            REFERENCING NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION povext.registry_refresh('household');
        CREATE TRIGGER status_history_append_only BEFORE UPDATE OR DELETE ON %1$s.status_history
            FOR EACH ROW EXECUTE FUNCTION povext.registry_history_append_only();
        CREATE TRIGGER status_history_no_truncate BEFORE TRUNCATE ON %1$s.status_history
            FOR EACH STATEMENT EXECUTE FUNCTION povext.registry_history_append_only();
    $ddl$, s);
    EXECUTE format('INSERT INTO %s.registry_setting (followed_scopes) VALUES ($1)', s) USING scopes;
    -- the catalog triggers find the registries of the database here (a row
    -- left by a dropped schema of the same name serves again)
    INSERT INTO povext.registry (schema_name) VALUES (registry) ON CONFLICT DO NOTHING;
END
$$;
COMMENT ON FUNCTION povext.create_registry(name, text[]) IS
    'Creates a household registry (ward, household, member, household_status, status_history, registry_setting) in the schema named, following the standards of the scopes given; its tables are the user''s data, not members of the extension';
-- registry reviews and history
--
-- A review recognises the computed statuses of a ward's households as of a
-- date and appends them to the registry's status_history with the
-- transition from the status recognised before under the same scope (the
-- scope of a history row is its standard's).  Monitoring windows and the
-- HCMC groups of poor households are catalog tables, shipped and corrected
-- like the others; classification does not read them, so they do not
-- invalidate its cache.  Written in PL/pgSQL: a review is not a hot path,
-- and the registry's write path stays the C triggers'.

CREATE TABLE povext.monitoring_window (
    code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]*$' AND length(code) <= 63),
    scope text NOT NULL,
    months integer NOT NULL CHECK (months > 0),
    description text NOT NULL,
    legal_basis text NOT NULL,
    confidence povext.confidence NOT NULL,
    shipped boolean NOT NULL DEFAULT false,
    corrected boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE povext.monitoring_window IS
    'How long households that escaped poverty stay monitored and keep a support, from the review that recognised the escape';
COMMENT ON COLUMN povext.monitoring_window.code IS 'Code of the window, e.g. hcmc_health_insurance';
COMMENT ON COLUMN povext.monitoring_window.scope IS 'Scope of the standards whose escapes start the window (national, hcmc)';
COMMENT ON COLUMN povext.monitoring_window.months IS 'Length of the window in months';
COMMENT ON COLUMN povext.monitoring_window.description IS 'What the household keeps during the window';
COMMENT ON COLUMN povext.monitoring_window.legal_basis IS 'Legal text the window comes from';
COMMENT ON COLUMN povext.monitoring_window.confidence IS 'How well the window is supported by the sources';
COMMENT ON COLUMN povext.monitoring_window.shipped IS 'True for rows installed by povext (kept by the catalog triggers)';
COMMENT ON COLUMN povext.monitoring_window.corrected IS 'True for shipped rows a DBA has corrected (kept by the catalog triggers)';
GRANT SELECT ON povext.monitoring_window TO PUBLIC;

INSERT INTO povext.monitoring_window (code, scope, months, description, legal_basis, confidence, shipped) VALUES
    ('hcmc_health_insurance', 'hcmc', 36, 'Health insurance support for households that escaped poverty under the city standard',
     'NQ 75/2025/NQ-HĐND (HCMC)', 'confirmed', true),
    ('national_health_insurance', 'national', 60, 'Health insurance support for 5 years after escaping poverty',
     'QĐ 705/QĐ-TTg 2013', 'confirmed', true),
    ('preferential_credit', 'national', 36, 'Preferential credit (Social Policy Bank) for 3 years after escaping poverty',
     'Commonly cited; no legal text found', 'unverified', true);

CREATE TRIGGER shipped_row_guard BEFORE INSERT OR UPDATE OR DELETE ON povext.monitoring_window
    FOR EACH ROW EXECUTE FUNCTION povext.shipped_row_guard();
CREATE TRIGGER shipped_row_guard_truncate BEFORE TRUNCATE ON povext.monitoring_window
    FOR EACH STATEMENT EXECUTE FUNCTION povext.shipped_row_guard();
COMMENT ON TRIGGER shipped_row_guard ON povext.monitoring_window IS 'Keeps shipped rows and marks corrections';
COMMENT ON TRIGGER shipped_row_guard_truncate ON povext.monitoring_window IS 'Refuses to truncate shipped rows';
SELECT pg_catalog.pg_extension_config_dump('povext.monitoring_window', 'WHERE NOT shipped OR corrected');

-- HCMC's groups of poor households (nhóm 1, 2, 3a, 3b): no reachable source
-- defines them, so the shipped rules are placeholders (confidence unknown).
-- Shipped rows cannot be deleted, so a DBA replaces a scope's rule set by
-- adding rules of their own: once a scope has one, its shipped rules no
-- longer apply.
CREATE TABLE povext.poor_group_rule (
    scope text NOT NULL,
    priority integer NOT NULL,
    group_code text NOT NULL,
    min_income_share numeric CHECK (min_income_share >= 0 AND min_income_share < 'Infinity'),
    max_income_share numeric CHECK (max_income_share >= 0 AND max_income_share < 'Infinity'),
    min_deprivations integer CHECK (min_deprivations >= 0),
    max_deprivations integer CHECK (max_deprivations >= 0),
    working_capacity boolean,
    legal_basis text NOT NULL,
    confidence povext.confidence NOT NULL,
    shipped boolean NOT NULL DEFAULT false,
    corrected boolean NOT NULL DEFAULT false,
    PRIMARY KEY (scope, priority)
);
COMMENT ON TABLE povext.poor_group_rule IS
    'Ordered rules giving a poor household its group (e.g. HCMC nhóm 1, 2, 3a, 3b): the first rule of the scope whose conditions hold gives the group; a DBA''s rules of a scope replace the shipped ones';
COMMENT ON COLUMN povext.poor_group_rule.scope IS 'Scope of the standards whose poor households the rule groups (e.g. hcmc)';
COMMENT ON COLUMN povext.poor_group_rule.priority IS 'Rules are tried in ascending priority';
COMMENT ON COLUMN povext.poor_group_rule.group_code IS 'Group the rule gives, e.g. 1, 2, 3a, 3b';
COMMENT ON COLUMN povext.poor_group_rule.min_income_share IS
    'The rule holds if the per-capita income is above this share of the poor line (NULL: no lower bound)';
COMMENT ON COLUMN povext.poor_group_rule.max_income_share IS
    'The rule holds if the per-capita income is at or below this share of the poor line (NULL: no upper bound)';
COMMENT ON COLUMN povext.poor_group_rule.min_deprivations IS 'The rule holds if the household has at least this many deprivations (NULL: any)';
COMMENT ON COLUMN povext.poor_group_rule.max_deprivations IS 'The rule holds if the household has at most this many deprivations (NULL: any)';
COMMENT ON COLUMN povext.poor_group_rule.working_capacity IS
    'The rule holds if the household has a member able to work (true), has none (false), or either (NULL)';
COMMENT ON COLUMN povext.poor_group_rule.legal_basis IS 'Legal text the rule comes from';
COMMENT ON COLUMN povext.poor_group_rule.confidence IS 'How well the rule is supported by the sources';
COMMENT ON COLUMN povext.poor_group_rule.shipped IS 'True for rows installed by povext (kept by the catalog triggers)';
COMMENT ON COLUMN povext.poor_group_rule.corrected IS 'True for shipped rows a DBA has corrected (kept by the catalog triggers)';
GRANT SELECT ON povext.poor_group_rule TO PUBLIC;

INSERT INTO povext.poor_group_rule (scope, priority, group_code, min_income_share, max_income_share,
                                    min_deprivations, max_deprivations, working_capacity, legal_basis, confidence, shipped) VALUES
    ('hcmc', 10, '1', NULL, NULL, NULL, NULL, false, 'Placeholder: no member able to work; the city''s definition was not found', 'unknown', true),
    ('hcmc', 20, '2', NULL, 0.5, NULL, NULL, NULL, 'Placeholder: income at or below half the poor line; the city''s definition was not found', 'unknown', true),
    ('hcmc', 30, '3a', NULL, NULL, 3, NULL, NULL, 'Placeholder: 3 or more deprivations; the city''s definition was not found', 'unknown', true),
    ('hcmc', 40, '3b', NULL, NULL, NULL, NULL, NULL, 'Placeholder: every other poor household; the city''s definition was not found', 'unknown', true);

CREATE TRIGGER shipped_row_guard BEFORE INSERT OR UPDATE OR DELETE ON povext.poor_group_rule
    FOR EACH ROW EXECUTE FUNCTION povext.shipped_row_guard();
CREATE TRIGGER shipped_row_guard_truncate BEFORE TRUNCATE ON povext.poor_group_rule
    FOR EACH STATEMENT EXECUTE FUNCTION povext.shipped_row_guard();
COMMENT ON TRIGGER shipped_row_guard ON povext.poor_group_rule IS 'Keeps shipped rows and marks corrections';
COMMENT ON TRIGGER shipped_row_guard_truncate ON povext.poor_group_rule IS 'Refuses to truncate shipped rows';
SELECT pg_catalog.pg_extension_config_dump('povext.poor_group_rule', 'WHERE NOT shipped OR corrected');

CREATE FUNCTION povext.poor_group(scope text, income_share numeric, deprivation_count integer,
                                  has_working_member boolean)
    RETURNS text
    LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    r povext.poor_group_rule;
    holds boolean;
BEGIN
    IF income_share < 0 OR NOT income_share < 'Infinity' OR deprivation_count < 0 THEN
        RAISE EXCEPTION 'income share and deprivation count must be finite numbers at or above zero'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOR r IN SELECT * FROM povext.poor_group_rule AS g
              WHERE g.scope = poor_group.scope
                AND (NOT g.shipped OR NOT EXISTS (SELECT FROM povext.poor_group_rule AS d
                                                   WHERE d.scope = poor_group.scope AND NOT d.shipped))
              ORDER BY g.priority
    LOOP
        -- NULL facts make a condition unknown: the first rule that does not
        -- surely fail decides, and an unknown one leaves the group unknown
        holds := (r.min_income_share IS NULL OR income_share > r.min_income_share)
             AND (r.max_income_share IS NULL OR income_share <= r.max_income_share)
             AND (r.min_deprivations IS NULL OR deprivation_count >= r.min_deprivations)
             AND (r.max_deprivations IS NULL OR deprivation_count <= r.max_deprivations)
             AND (r.working_capacity IS NULL OR has_working_member = r.working_capacity);
        IF holds IS NULL OR holds THEN
            RETURN CASE WHEN holds THEN r.group_code END;
        END IF;
    END LOOP;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION povext.poor_group(text, numeric, integer, boolean) IS
    'Group of a poor household of the scope from povext.poor_group_rule (per-capita income as a share of the poor line, number of deprivations, whether a member can work); NULL if no rule holds or an unknown fact could change the group';

CREATE FUNCTION povext.status_transition(previous povext.status, current povext.status, poor_before boolean)
    RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT CASE
        WHEN current IS NULL THEN NULL
        WHEN current = 'poor' THEN
            CASE WHEN previous = 'poor' THEN 'unchanged' WHEN poor_before THEN 're_poor' ELSE 'newly_poor' END
        WHEN previous = 'poor' THEN 'escaped'
        WHEN current = 'near_poor' THEN
            CASE WHEN previous = 'near_poor' THEN 'unchanged' ELSE 'newly_near_poor' END
        WHEN previous = 'near_poor' THEN 'exceeded_near_poor'
        ELSE 'unchanged'
    END
$$;
COMMENT ON FUNCTION povext.status_transition(povext.status, povext.status, boolean) IS
    'Transition between the status recognised before (NULL: never recognised, i.e. on no list) and the current one: newly_poor, re_poor (poor_before: recognised poor at an earlier review), escaped, exceeded_near_poor, newly_near_poor or unchanged';

CREATE FUNCTION povext.registry_require(registry name)
    RETURNS void
    LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF registry IS NULL OR to_regclass(format('%I.registry_setting', registry)) IS NULL THEN
        RAISE EXCEPTION 'schema "%" has no povext registry', registry
            USING ERRCODE = 'undefined_table',
                  HINT = format('Create one with povext.create_registry(%L).', registry);
    END IF;
END
$$;
COMMENT ON FUNCTION povext.registry_require(name) IS
    'Raises an error unless the schema holds a povext registry';

CREATE FUNCTION povext.registry_household_income(registry name, household bigint)
    RETURNS numeric
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    income numeric;
BEGIN
    PERFORM povext.registry_require(registry);
    -- as the registry derives it: NULL household income is the sum of the
    -- members' incomes, unknown if one is
    EXECUTE format('SELECT COALESCE(h.household_income,
                                    (SELECT CASE WHEN count(*) = count(m.income) THEN sum(m.income) END
                                       FROM %1$I.member AS m WHERE m.household = h.id))
                      FROM %1$I.household AS h WHERE h.id = $1', registry)
       INTO income USING household;
    RETURN income;
END
$$;
COMMENT ON FUNCTION povext.registry_household_income(name, bigint) IS
    'Income of a registry household over 12 months as the registry classifies it: its household_income, or the sum of its members'' incomes if all are known';

CREATE FUNCTION povext.registry_review(registry name, ward text, recognised_on date, review_kind text,
                                       decision_ref text, households bigint[] DEFAULT NULL)
    RETURNS TABLE (household bigint, code text, scope text, standard text, previous_status povext.status,
                   status povext.status, transition text, standard_changed boolean)
    LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    r record;
    bad_household bigint;
    bad_date date;
    found_rows bigint;
    skipped text[] := '{}';
BEGIN
    PERFORM povext.registry_require(registry);
    IF ward IS NULL OR recognised_on IS NULL OR review_kind IS NULL THEN
        RAISE EXCEPTION 'ward, recognised_on and review_kind of a review must not be NULL'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF review_kind NOT IN ('periodic', 'regular') THEN
        RAISE EXCEPTION 'invalid review kind "%"', review_kind
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Reviews are periodic (once a year) or regular (on request).';
    END IF;
    EXECUTE format('SELECT EXISTS (SELECT FROM %I.ward AS w WHERE w.code = $1)', registry) INTO r USING ward;
    IF NOT r.exists THEN
        RAISE EXCEPTION 'ward "%" does not exist in registry "%"', ward, registry
            USING ERRCODE = 'undefined_object';
    END IF;
    EXECUTE format('SELECT u.id FROM unnest($1) AS u(id)
                     WHERE u.id IS NULL OR NOT EXISTS (SELECT FROM %I.household AS h WHERE h.id = u.id AND h.ward = $2)
                     LIMIT 1', registry)
       INTO bad_household USING households, ward;
    GET DIAGNOSTICS found_rows = ROW_COUNT;
    IF found_rows > 0 THEN
        RAISE EXCEPTION 'household % is not in ward "%" of registry "%"', coalesce(bad_household::text, 'NULL'), ward, registry
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    -- One review at a time appends to the history (readers are not blocked),
    -- so two reviews cannot both take a household as not yet recognised.
    EXECUTE format('LOCK TABLE %I.status_history IN SHARE ROW EXCLUSIVE MODE', registry);

    -- The history is in date order, one recognition a day: a review on or
    -- before a household's last recognition would change the transitions of
    -- the ones after it.
    EXECUTE format('SELECT e.household, e.recognised_on FROM %1$I.status_history AS e
                      JOIN %1$I.household AS h ON h.id = e.household
                     WHERE h.ward = $1 AND ($2 IS NULL OR h.id = ANY ($2)) AND e.recognised_on >= $3
                     ORDER BY e.household, e.recognised_on DESC LIMIT 1', registry)
       INTO bad_household, bad_date USING ward, households, recognised_on;
    GET DIAGNOSTICS found_rows = ROW_COUNT;
    IF found_rows > 0 THEN
        RAISE EXCEPTION 'household % already has a status recognised on %', bad_household, to_char(bad_date, 'YYYY-MM-DD')
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = 'A review appends to the history in date order; a household is recognised at most once a day.';
    END IF;
    -- The statuses recognised are those computed as of the review date.
    EXECUTE format('SELECT s.household, s.as_of FROM %1$I.household_status AS s
                      JOIN %1$I.household AS h ON h.id = s.household
                     WHERE h.ward = $1 AND ($2 IS NULL OR h.id = ANY ($2)) AND s.as_of <> $3
                     ORDER BY s.household LIMIT 1', registry)
       INTO bad_household, bad_date USING ward, households, recognised_on;
    GET DIAGNOSTICS found_rows = ROW_COUNT;
    IF found_rows > 0 THEN
        RAISE EXCEPTION 'the statuses of household % are computed as of %, not as of the review date %',
                        bad_household, to_char(bad_date, 'YYYY-MM-DD'), to_char(recognised_on, 'YYYY-MM-DD')
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = format('Set %I.registry_setting.reference_date to %s and run povext.registry_recompute(%L, only_due => true).',
                                registry, to_char(recognised_on, 'YYYY-MM-DD'), registry);
    END IF;

    FOR r IN EXECUTE format($q$
        WITH current AS (
            SELECT h.id, h.code, h.area, h.members, s.scope, s.standard, s.deprivations, s.status,
                   p.standard AS previous_standard, p.status AS previous_status,
                   EXISTS (SELECT FROM %1$I.status_history AS e JOIN povext.standard AS es ON es.code = e.standard
                            WHERE e.household = h.id AND es.scope = s.scope AND e.status = 'poor') AS poor_before
              FROM %1$I.household AS h
              JOIN %1$I.household_status AS s ON s.household = h.id
              LEFT JOIN LATERAL (
                   SELECT e.standard, e.status FROM %1$I.status_history AS e
                     JOIN povext.standard AS es ON es.code = e.standard
                    WHERE e.household = h.id AND es.scope = s.scope
                    ORDER BY e.recognised_on DESC, e.id DESC LIMIT 1) AS p ON true
             WHERE h.ward = $1 AND ($2 IS NULL OR h.id = ANY ($2))
        ), decided AS (
            SELECT c.*, povext.status_transition(c.previous_status, c.status, c.poor_before) AS transition
              FROM current AS c
        ), caused AS (
            -- caused by the standard: the household would have kept its
            -- level under the previous standard, with today's income and
            -- deprivations (NULL if that cannot be computed)
            SELECT d.*,
                   CASE WHEN d.status IS NULL THEN NULL
                        WHEN d.previous_standard IS NULL OR d.previous_standard = d.standard
                             OR d.transition = 'unchanged' THEN false
                        WHEN EXISTS (SELECT FROM povext.standard_line AS l
                                      WHERE l.standard = d.previous_standard AND l.area = d.area)
                        THEN povext.status_transition(
                                 d.previous_status,
                                 povext.classify_household(povext.registry_household_income($6, d.id), d.members,
                                                           d.deprivations, d.previous_standard, d.area),
                                 d.poor_before) = 'unchanged'
                   END AS standard_changed
              FROM decided AS d
        ), appended AS (
            INSERT INTO %1$I.status_history (household, standard, status, deprivations, recognised_on,
                                             review_kind, decision_ref, transition, standard_changed)
            SELECT c.id, c.standard, c.status, c.deprivations, $3, $4, $5, c.transition, c.standard_changed
              FROM caused AS c WHERE c.status IS NOT NULL
        )
        SELECT c.id, c.code, c.scope, c.standard, c.previous_status, c.status, c.transition, c.standard_changed
          FROM caused AS c ORDER BY c.id, c.scope
    $q$, registry) USING ward, households, recognised_on, review_kind, decision_ref, registry
    LOOP
        household := r.id; code := r.code; scope := r.scope; standard := r.standard;
        previous_status := r.previous_status; status := r.status;
        transition := r.transition; standard_changed := r.standard_changed;
        IF r.status IS NULL THEN
            skipped := skipped || format('%s (%s)', coalesce(r.code, r.id::text), r.scope);
        END IF;
        RETURN NEXT;
    END LOOP;
    IF cardinality(skipped) > 0 THEN
        RAISE WARNING '% statuses of ward "%" were not recognised: they are undetermined', cardinality(skipped), ward
            USING DETAIL = format('Households (scope): %s.', array_to_string(skipped, ', ')),
                  HINT = 'Complete the missing answers and incomes, then review these households with a regular review.';
    END IF;
END
$$;
COMMENT ON FUNCTION povext.registry_review(name, text, date, text, text, bigint[]) IS
    'Recognises the computed statuses of the households of a ward (or of the households listed) as of the review date: appends them to status_history with the transition and whether the standard caused it; undetermined statuses are skipped with a warning';

CREATE FUNCTION povext.registry_review_candidates(registry name, ward text DEFAULT NULL)
    RETURNS TABLE (household bigint, code text, ward_code text, scope text, standard text,
                   computed_status povext.status, recognised_status povext.status,
                   recognised_standard text, recognised_on date, transition text)
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM povext.registry_require(registry);
    RETURN QUERY EXECUTE format($q$
        SELECT h.id, h.code, h.ward, s.scope, s.standard, s.status, p.status, p.standard, p.recognised_on,
               povext.status_transition(p.status, s.status,
                   EXISTS (SELECT FROM %1$I.status_history AS e JOIN povext.standard AS es ON es.code = e.standard
                            WHERE e.household = h.id AND es.scope = s.scope AND e.status = 'poor'))
          FROM %1$I.household AS h
          JOIN %1$I.household_status AS s ON s.household = h.id
          LEFT JOIN LATERAL (
               SELECT e.standard, e.status, e.recognised_on FROM %1$I.status_history AS e
                 JOIN povext.standard AS es ON es.code = e.standard
                WHERE e.household = h.id AND es.scope = s.scope
                ORDER BY e.recognised_on DESC, e.id DESC LIMIT 1) AS p ON true
         WHERE ($1 IS NULL OR h.ward = $1)
           AND s.status IS DISTINCT FROM COALESCE(p.status, 'not_poor')
           AND s.status IS NOT NULL
         ORDER BY h.ward, h.id, s.scope
    $q$, registry) USING ward;
END
$$;
COMMENT ON FUNCTION povext.registry_review_candidates(name, text) IS
    'Households of the registry (of one ward if given) whose computed status differs from the last one recognised under the scope (never recognised counts as not_poor), with the transition a review would record';

CREATE FUNCTION povext.registry_status_on(registry name, household bigint, on_date date)
    RETURNS TABLE (scope text, standard text, status povext.status, recognised_on date, review_kind text,
                   decision_ref text, transition text, standard_changed boolean)
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM povext.registry_require(registry);
    RETURN QUERY EXECUTE format($q$
        SELECT DISTINCT ON (es.scope) es.scope, e.standard, e.status, e.recognised_on, e.review_kind,
               e.decision_ref, e.transition, e.standard_changed
          FROM %1$I.status_history AS e JOIN povext.standard AS es ON es.code = e.standard
         WHERE e.household = $1 AND e.recognised_on <= $2
         ORDER BY es.scope, e.recognised_on DESC, e.id DESC
    $q$, registry) USING household, on_date;
END
$$;
COMMENT ON FUNCTION povext.registry_status_on(name, bigint, date) IS
    'Status of a registry household recognised as of the date, one row per scope (none if never recognised by then)';

CREATE FUNCTION povext.registry_escaped(registry name, months integer, as_of date DEFAULT NULL, only_scope text DEFAULT NULL)
    RETURNS TABLE (household bigint, code text, ward_code text, scope text, standard text, escaped_on date,
                   decision_ref text, status povext.status)
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM povext.registry_require(registry);
    IF months IS NULL OR months <= 0 THEN
        RAISE EXCEPTION 'a monitoring window must be a positive number of months'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- escaped within the window: recognised as escaped after as_of minus the
    -- window and on or before as_of, and not recognised poor again since
    RETURN QUERY EXECUTE format($q$
        SELECT h.id, h.code, h.ward, x.scope, x.standard, x.recognised_on, x.decision_ref, l.status
          FROM %1$I.household AS h
          CROSS JOIN LATERAL (
               SELECT DISTINCT ON (es.scope) es.scope, e.standard, e.recognised_on, e.decision_ref
                 FROM %1$I.status_history AS e JOIN povext.standard AS es ON es.code = e.standard
                WHERE e.household = h.id AND e.transition = 'escaped'
                  AND e.recognised_on > $1 - make_interval(months => $2) AND e.recognised_on <= $1
                  AND ($3 IS NULL OR es.scope = $3)
                ORDER BY es.scope, e.recognised_on DESC, e.id DESC) AS x
          CROSS JOIN LATERAL (
               SELECT e.status FROM %1$I.status_history AS e JOIN povext.standard AS es ON es.code = e.standard
                WHERE e.household = h.id AND es.scope = x.scope AND e.recognised_on <= $1
                ORDER BY e.recognised_on DESC, e.id DESC LIMIT 1) AS l
         WHERE l.status <> 'poor'
         ORDER BY h.ward, h.id, x.scope
    $q$, registry) USING COALESCE(as_of, current_date), months, only_scope;
END
$$;
COMMENT ON FUNCTION povext.registry_escaped(name, integer, date, text) IS
    'Households recognised as having escaped poverty (under only_scope, if given) within the months up to as_of (default: today) and not recognised poor since';

CREATE FUNCTION povext.registry_escaped(registry name, monitoring_window text, as_of date DEFAULT NULL)
    RETURNS TABLE (household bigint, code text, ward_code text, scope text, standard text, escaped_on date,
                   decision_ref text, status povext.status)
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    w povext.monitoring_window;
BEGIN
    SELECT * INTO w FROM povext.monitoring_window AS m WHERE m.code = monitoring_window;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'monitoring window "%" does not exist', monitoring_window
            USING ERRCODE = 'undefined_object',
                  HINT = 'Windows are the rows of povext.monitoring_window.';
    END IF;
    RETURN QUERY SELECT * FROM povext.registry_escaped(registry, w.months, as_of, w.scope);
END
$$;
COMMENT ON FUNCTION povext.registry_escaped(name, text, date) IS
    'Households still monitored under a window of povext.monitoring_window: recognised as having escaped poverty under the window''s scope within its months up to as_of (default: today), not poor since';

CREATE FUNCTION povext.registry_poor_group(registry name, household bigint, scope text DEFAULT 'hcmc')
    RETURNS text
    LANGUAGE plpgsql STABLE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    h record;
    e record;
    found_rows bigint;
BEGIN
    PERFORM povext.registry_require(registry);
    EXECUTE format($q$
        SELECT s.standard, s.status, s.deprivations, x.area, x.members,
               (SELECT CASE WHEN bool_or(m.working_capacity) THEN true
                            WHEN count(*) = count(m.working_capacity) THEN false END
                  FROM %1$I.member AS m WHERE m.household = x.id) AS has_working_member
          FROM %1$I.household AS x
          LEFT JOIN %1$I.household_status AS s ON s.household = x.id AND s.scope = $2
         WHERE x.id = $1
    $q$, registry) INTO h USING household, scope;
    GET DIAGNOSTICS found_rows = ROW_COUNT;
    IF found_rows = 0 THEN
        RAISE EXCEPTION 'household % does not exist in registry "%"', household, registry
            USING ERRCODE = 'undefined_object';
    END IF;
    -- groups are groups of poor households, by their computed status
    IF h.status IS DISTINCT FROM 'poor' THEN
        RETURN NULL;
    END IF;
    SELECT * INTO e FROM povext.explain_household(povext.registry_household_income(registry, household),
                                                  h.members, h.deprivations, h.standard, h.area);
    RETURN povext.poor_group(scope, e.per_capita_income / NULLIF(e.poor_line, 0),
                             povext.deprivation_count(h.deprivations), h.has_working_member);
END
$$;
COMMENT ON FUNCTION povext.registry_poor_group(name, bigint, text) IS
    'Group (povext.poor_group_rule) of a registry household whose computed status under the scope is poor; NULL if it is not poor or the group cannot be decided';
-- registry: catalog changes
--
-- A change to a standard, a line, a standard's indicator or a cut-off
-- recomputes, in the same transaction, the households of every registry it
-- affects (src/registry.c, registry_catalog_changed): those whose stored
-- status is under a changed standard, and those whose standard in force
-- changes.  The triggers find the registries in povext.registry, by schema
-- name (pg_dump keeps the list; a registry whose schema was dropped or
-- renamed is skipped).  A registry can defer with
-- registry_setting.recompute_on_catalog_change = false.

CREATE TABLE povext.registry (
    schema_name name PRIMARY KEY
);
COMMENT ON TABLE povext.registry IS
    'Schemas holding a household registry (filled by create_registry): the registries a change of the catalog recomputes';
COMMENT ON COLUMN povext.registry.schema_name IS 'Name of the registry''s schema';
GRANT SELECT, INSERT, DELETE ON povext.registry TO PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('povext.registry', '');

-- Whoever writes the catalog recomputes the registries listed, so only the
-- owner of a schema (or a member of its owner role) may list or unlist it.
CREATE FUNCTION povext.registry_list_guard() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    row_schema name := CASE WHEN TG_OP = 'DELETE' THEN OLD.schema_name ELSE NEW.schema_name END;
    schema_owner oid;
BEGIN
    SELECT n.nspowner INTO schema_owner FROM pg_namespace AS n WHERE n.nspname = row_schema;
    IF schema_owner IS NULL THEN
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'schema "%" does not exist', row_schema
            USING ERRCODE = 'invalid_schema_name';
    END IF;
    IF NOT pg_has_role(current_user, schema_owner, 'MEMBER') THEN
        RAISE EXCEPTION 'permission denied to list schema "%" as a registry', row_schema
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = format('Schema "%s" is owned by role "%s".', row_schema, pg_get_userbyid(schema_owner));
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;
COMMENT ON FUNCTION povext.registry_list_guard() IS
    'Trigger: only the owner of a schema (or a member of its role) may add it to or remove it from povext.registry';
CREATE TRIGGER registry_list_guard BEFORE INSERT OR UPDATE OR DELETE ON povext.registry
    FOR EACH ROW EXECUTE FUNCTION povext.registry_list_guard();
COMMENT ON TRIGGER registry_list_guard ON povext.registry IS 'Lets only a schema''s owner list or unlist it';

CREATE FUNCTION povext.registry_catalog_changed() RETURNS trigger
    AS 'MODULE_PATHNAME', 'registry_catalog_changed' LANGUAGE C;
COMMENT ON FUNCTION povext.registry_catalog_changed() IS
    'Trigger of the catalog tables: recomputes the households of the registries the statement''s change affects';

-- One trigger per event (a trigger with transition tables has one event).
-- Named after catalog_changed, which fires first and invalidates the cache.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['standard', 'standard_line', 'standard_indicator', 'indicator_cutoff'] LOOP
        EXECUTE format('CREATE TRIGGER registry_recompute_insert AFTER INSERT ON povext.%1$I
                            REFERENCING NEW TABLE AS new_rows
                            FOR EACH STATEMENT EXECUTE FUNCTION povext.registry_catalog_changed(%1$L)', t);
        EXECUTE format('CREATE TRIGGER registry_recompute_update AFTER UPDATE ON povext.%1$I
                            REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                            FOR EACH STATEMENT EXECUTE FUNCTION povext.registry_catalog_changed(%1$L)', t);
        EXECUTE format('CREATE TRIGGER registry_recompute_delete AFTER DELETE ON povext.%1$I
                            REFERENCING OLD TABLE AS old_rows
                            FOR EACH STATEMENT EXECUTE FUNCTION povext.registry_catalog_changed(%1$L)', t);
        EXECUTE format('COMMENT ON TRIGGER registry_recompute_insert ON povext.%I IS %L', t,
                       'Recomputes the registry households the inserted rows affect');
        EXECUTE format('COMMENT ON TRIGGER registry_recompute_update ON povext.%I IS %L', t,
                       'Recomputes the registry households the updated rows affect');
        EXECUTE format('COMMENT ON TRIGGER registry_recompute_delete ON povext.%I IS %L', t,
                       'Recomputes the registry households the deleted rows affect');
    END LOOP;
END
$$;

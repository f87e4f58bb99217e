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
-- Now the sequence is no longer advanced: it keeps the highest bit given
-- before 0.3.0 (dumps of 0.1.0 and 0.2.0 databases set it, so restoring one
-- into 0.3.0 keeps those bits given too), and the bits given since are those
-- of the rows of povext.indicator and of povext.retired_indicator_bit (the
-- bits of deleted indicators), both transactional.  A new indicator gets the
-- lowest bit above the sequence that none of them holds.

CREATE TABLE povext.retired_indicator_bit (
    bit smallint PRIMARY KEY CHECK (bit BETWEEN 0 AND 63),
    code text NOT NULL
);
COMMENT ON TABLE povext.retired_indicator_bit IS
    'Bits of deleted indicators (kept by a trigger): never given to a new indicator, so stored deprivation sets cannot change meaning';
COMMENT ON COLUMN povext.retired_indicator_bit.bit IS 'Bit of a deleted indicator';
COMMENT ON COLUMN povext.retired_indicator_bit.code IS 'Code of the first deleted indicator with this bit';
GRANT SELECT ON povext.retired_indicator_bit TO PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('povext.retired_indicator_bit', '');

COMMENT ON SEQUENCE povext.indicator_bit_seq IS
    'Highest indicator bit given before povext 0.3.0 (set by the install, by updates and by restores of older dumps; no longer advanced): no new indicator gets a bit at or below it';
-- any role's pg_dump reads it
GRANT SELECT ON SEQUENCE povext.indicator_bit_seq TO PUBLIC;

CREATE OR REPLACE FUNCTION povext.indicator_assign_bit() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF NEW.bit IS DISTINCT FROM OLD.bit THEN
            RAISE EXCEPTION USING MESSAGE = povext.message('cannot change the bit of indicator "%"', OLD.code),
                      ERRCODE = 'object_not_in_prerequisite_state',
                      DETAIL = povext.message('Stored deprivation sets refer to indicators by bit.');
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
            RAISE EXCEPTION USING MESSAGE = povext.message('invalid indicator code "%"', NEW.code),
                      ERRCODE = 'check_violation',
                      DETAIL = povext.message('Codes are lower-case letters, digits and underscores, start with a letter and have at most 63 characters.');
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
           AND NOT EXISTS (SELECT FROM povext.retired_indicator_bit AS r WHERE r.bit = b)
           AND NOT EXISTS (SELECT FROM povext.indicator_bit_seq AS s WHERE s.is_called AND b <= s.last_value);
        IF NEW.bit IS NULL THEN
            RAISE EXCEPTION USING MESSAGE = povext.message('cannot add indicator "%": all 64 indicator bits have been given',
                                           NEW.code),
                      ERRCODE = 'program_limit_exceeded',
                      DETAIL = povext.message('A bit is given once in the life of a database; povext.retired_indicator_bit lists the bits of deleted indicators.');
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
    RAISE EXCEPTION USING MESSAGE = povext.message('cannot % rows of %.status_history',
                                   lower(TG_OP),
                                   TG_TABLE_SCHEMA::text),
              ERRCODE = 'object_not_in_prerequisite_state',
              DETAIL = povext.message('The status history of a registry is append-only.');
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
        RAISE EXCEPTION USING MESSAGE = povext.message('registry schema must not be NULL'),
                  ERRCODE = 'null_value_not_allowed';
    END IF;
    IF scopes IS NULL OR cardinality(scopes) = 0 OR array_position(scopes, NULL) IS NOT NULL THEN
        RAISE EXCEPTION USING MESSAGE = povext.message('a registry must follow at least one scope'),
                  ERRCODE = 'invalid_parameter_value',
                  HINT = povext.message('Pass scopes such as ARRAY[''national'', ''hcmc''].');
    END IF;
    IF EXISTS (SELECT FROM unnest(scopes) AS f(scope)
                WHERE NOT EXISTS (SELECT FROM povext.standard AS st WHERE st.scope = f.scope)) THEN
        RAISE EXCEPTION USING MESSAGE = povext.message('scope "%" has no poverty standard',
                                       (SELECT f.scope FROM unnest(scopes) AS f(scope)
                                         WHERE NOT EXISTS (SELECT FROM povext.standard AS st WHERE st.scope = f.scope)
                                         LIMIT 1)),
                  ERRCODE = 'undefined_object',
                  DETAIL = povext.message('Valid scopes are: %.',
                                       (SELECT string_agg(s.scope, ', ' ORDER BY s.scope COLLATE pg_catalog."C")
                                          FROM (SELECT DISTINCT st.scope FROM povext.standard AS st) AS s));
    END IF;
    EXECUTE format('CREATE SCHEMA IF NOT EXISTS %s', s);
    -- The owner of a schema can drop, rename and replace every table in it:
    -- another role's schema would let it swap the registry's tables for its
    -- own (with triggers that run as whoever writes the registry).
    SELECT n.nspowner INTO schema_owner FROM pg_namespace AS n WHERE n.nspname = registry;
    IF schema_owner <> (SELECT r.oid FROM pg_roles AS r WHERE r.rolname = current_user)
       AND NOT (SELECT r.rolsuper FROM pg_roles AS r WHERE r.oid = schema_owner) THEN
        RAISE EXCEPTION USING MESSAGE = povext.message('schema "%" is owned by role "%", not by the current user',
                                       registry::text,
                                       pg_get_userbyid(schema_owner)::text),
                  ERRCODE = 'insufficient_privilege',
                  DETAIL = povext.message('The owner of a schema could replace the tables of the registry.'),
                  HINT = povext.message('Create the registry in a new schema, or in one the current user owns.');
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
    -- report views, targets and the ward assignments of row-level security
    PERFORM povext.registry_create_reports(registry);
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
        RAISE EXCEPTION USING MESSAGE = povext.message('income share and deprivation count must be finite numbers at or above zero'),
                  ERRCODE = 'invalid_parameter_value';
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
        RAISE EXCEPTION USING MESSAGE = povext.message('schema "%" has no povext registry', registry::text),
                  ERRCODE = 'undefined_table',
                  HINT = povext.message('Create one with povext.create_registry(%).',
                                     quote_nullable(registry));
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
        RAISE EXCEPTION USING MESSAGE = povext.message('ward, recognised_on and review_kind of a review must not be NULL'),
                  ERRCODE = 'null_value_not_allowed';
    END IF;
    IF review_kind NOT IN ('periodic', 'regular') THEN
        RAISE EXCEPTION USING MESSAGE = povext.message('invalid review kind "%"', review_kind),
                  ERRCODE = 'invalid_parameter_value',
                  DETAIL = povext.message('Valid review kinds are: periodic (once a year), regular (on request).');
    END IF;
    EXECUTE format('SELECT EXISTS (SELECT FROM %I.ward AS w WHERE w.code = $1)', registry) INTO r USING ward;
    IF NOT r.exists THEN
        RAISE EXCEPTION USING MESSAGE = povext.message('ward "%" does not exist in registry "%"', ward, registry::text),
                  ERRCODE = 'undefined_object';
    END IF;
    EXECUTE format('SELECT u.id FROM unnest($1) AS u(id)
                     WHERE u.id IS NULL OR NOT EXISTS (SELECT FROM %I.household AS h WHERE h.id = u.id AND h.ward = $2)
                     LIMIT 1', registry)
       INTO bad_household USING households, ward;
    GET DIAGNOSTICS found_rows = ROW_COUNT;
    IF found_rows > 0 THEN
        RAISE EXCEPTION USING MESSAGE = povext.message('household % is not in ward "%" of registry "%"',
                                       coalesce(bad_household::text, 'NULL'),
                                       ward,
                                       registry::text),
                  ERRCODE = 'invalid_parameter_value';
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
        RAISE EXCEPTION USING MESSAGE = povext.message('household % already has a status recognised on %',
                                       bad_household::text,
                                       to_char(bad_date, 'YYYY-MM-DD')),
                  ERRCODE = 'object_not_in_prerequisite_state',
                  DETAIL = povext.message('A review appends to the history in date order; a household is recognised at most once a day.');
    END IF;
    -- The statuses recognised are those computed as of the review date.
    EXECUTE format('SELECT s.household, s.as_of FROM %1$I.household_status AS s
                      JOIN %1$I.household AS h ON h.id = s.household
                     WHERE h.ward = $1 AND ($2 IS NULL OR h.id = ANY ($2)) AND s.as_of <> $3
                     ORDER BY s.household LIMIT 1', registry)
       INTO bad_household, bad_date USING ward, households, recognised_on;
    GET DIAGNOSTICS found_rows = ROW_COUNT;
    IF found_rows > 0 THEN
        RAISE EXCEPTION USING MESSAGE = povext.message('the statuses of household % are computed as of %, not as of the review date %',
                                       bad_household::text,
                                       to_char(bad_date, 'YYYY-MM-DD'),
                                       to_char(recognised_on, 'YYYY-MM-DD')),
                  ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = povext.message('Set %.registry_setting.reference_date to % and run povext.registry_recompute(%, only_due => true).',
                                     quote_ident(registry),
                                     to_char(recognised_on, 'YYYY-MM-DD'),
                                     quote_nullable(registry));
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
        RAISE WARNING USING MESSAGE = povext.message('% statuses of ward "%" were not recognised: they are undetermined',
                                       cardinality(skipped)::text,
                                       ward),
                  DETAIL = povext.message('Households (scope): %.', array_to_string(skipped, ', ')),
                  HINT = povext.message('Complete the missing answers and incomes, then review these households with a regular review.');
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
        RAISE EXCEPTION USING MESSAGE = povext.message('a monitoring window must be a positive number of months'),
                  ERRCODE = 'invalid_parameter_value';
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
        RAISE EXCEPTION USING MESSAGE = povext.message('monitoring window "%" does not exist', monitoring_window),
                  ERRCODE = 'undefined_object',
                  DETAIL = povext.message('Valid monitoring windows are: %.',
                                       (SELECT string_agg(m.code, ', ' ORDER BY m.code COLLATE pg_catalog."C")
                                          FROM povext.monitoring_window AS m)),
                  HINT = povext.message('Windows are the rows of povext.monitoring_window.');
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
        RAISE EXCEPTION USING MESSAGE = povext.message('household % does not exist in registry "%"',
                                       household::text,
                                       registry::text),
                  ERRCODE = 'undefined_object';
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
-- labels, report views, roles
--
-- Labels in Vietnamese and English of the codes users read (statuses,
-- transitions, indicators, dimensions, report measures), as data: a DBA
-- corrects a shipped label or adds a language with INSERT, like the other
-- catalog tables.  Classification does not read them, so they do not
-- invalidate its cache.

CREATE TABLE povext.label (
    kind text NOT NULL CHECK (kind IN ('status', 'transition', 'indicator', 'dimension', 'measure')),
    code text NOT NULL,
    language text NOT NULL CHECK (language ~ '^[a-z]{2,3}$'),
    label text NOT NULL CHECK (label ~ '\S'),
    shipped boolean NOT NULL DEFAULT false,
    corrected boolean NOT NULL DEFAULT false,
    PRIMARY KEY (kind, code, language),
    -- a label names one code, so that status input can read it back
    UNIQUE (kind, language, label)
);
COMMENT ON TABLE povext.label IS
    'Labels of codes in a language (vi, en, ...): statuses, transitions, indicators, dimensions and report measures; report views show the vi and en labels, and povext.parse_status reads status labels';
COMMENT ON COLUMN povext.label.kind IS 'What the code is: status, transition, indicator, dimension or measure';
COMMENT ON COLUMN povext.label.code IS 'The code, e.g. near_poor, escaped, health_insurance, water_sanitation';
COMMENT ON COLUMN povext.label.language IS 'ISO 639 code of the language, e.g. vi, en';
COMMENT ON COLUMN povext.label.label IS 'What a reader sees, e.g. hộ cận nghèo';
COMMENT ON COLUMN povext.label.shipped IS 'True for rows installed by povext (kept by the catalog triggers)';
COMMENT ON COLUMN povext.label.corrected IS 'True for shipped rows a DBA has corrected (kept by the catalog triggers)';
GRANT SELECT ON povext.label TO PUBLIC;

INSERT INTO povext.label (kind, code, language, label, shipped)
SELECT l.kind, l.code, v.language, CASE v.language WHEN 'vi' THEN l.vi ELSE l.en END, true
  FROM (VALUES
    ('status', 'poor', 'hộ nghèo', 'poor household'),
    ('status', 'near_poor', 'hộ cận nghèo', 'near-poor household'),
    ('status', 'middle', 'hộ có mức sống trung bình', 'household with a middle living standard'),
    ('status', 'not_poor', 'hộ không nghèo', 'non-poor household'),
    ('transition', 'newly_poor', 'hộ nghèo phát sinh', 'newly poor'),
    ('transition', 're_poor', 'hộ tái nghèo', 'poor again'),
    ('transition', 'escaped', 'hộ thoát nghèo', 'escaped poverty'),
    ('transition', 'exceeded_near_poor', 'hộ thoát cận nghèo', 'rose above near-poor'),
    ('transition', 'newly_near_poor', 'hộ cận nghèo phát sinh', 'newly near-poor'),
    ('transition', 'unchanged', 'không thay đổi', 'unchanged'),
    ('indicator', 'employment', 'việc làm', 'employment'),
    ('indicator', 'dependants', 'người phụ thuộc trong hộ', 'dependants'),
    ('indicator', 'nutrition', 'dinh dưỡng', 'nutrition'),
    ('indicator', 'health_insurance', 'bảo hiểm y tế', 'health insurance'),
    ('indicator', 'adult_education', 'trình độ giáo dục của người lớn', 'adult education'),
    ('indicator', 'school_attendance', 'tình trạng đi học của trẻ em', 'school attendance'),
    ('indicator', 'housing_quality', 'chất lượng nhà ở', 'housing quality'),
    ('indicator', 'housing_area', 'diện tích nhà ở bình quân đầu người', 'floor area per person'),
    ('indicator', 'water', 'nguồn nước sinh hoạt', 'domestic water'),
    ('indicator', 'sanitation', 'nhà tiêu hợp vệ sinh', 'sanitation'),
    ('indicator', 'telecom', 'sử dụng dịch vụ viễn thông', 'telecom services'),
    ('indicator', 'information_access', 'phương tiện phục vụ tiếp cận thông tin', 'access to information'),
    ('indicator', 'health_access', 'tiếp cận dịch vụ y tế', 'access to health care'),
    ('indicator', 'social_insurance', 'bảo hiểm xã hội', 'social insurance'),
    ('indicator', 'child_mortality', 'tử vong trẻ em', 'child mortality'),
    ('indicator', 'years_of_schooling', 'số năm đi học', 'years of schooling'),
    ('indicator', 'cooking_fuel', 'chất đốt nấu ăn', 'cooking fuel'),
    ('indicator', 'drinking_water', 'nước uống', 'drinking water'),
    ('indicator', 'electricity', 'điện', 'electricity'),
    ('indicator', 'housing', 'nhà ở', 'housing'),
    ('indicator', 'assets', 'tài sản', 'assets'),
    ('dimension', 'employment', 'việc làm', 'employment'),
    ('dimension', 'health', 'y tế', 'health'),
    ('dimension', 'education', 'giáo dục', 'education'),
    ('dimension', 'housing', 'nhà ở', 'housing'),
    ('dimension', 'water_sanitation', 'nước sạch và vệ sinh', 'water and sanitation'),
    ('dimension', 'information', 'thông tin', 'information'),
    ('dimension', 'living_standards', 'mức sống', 'living standards'),
    ('measure', 'poor_rate_pct', 'tỷ lệ hộ nghèo (%)', 'poor households (% of all households)'),
    ('measure', 'near_poor_rate_pct', 'tỷ lệ hộ cận nghèo (%)', 'near-poor households (% of all households)'),
    ('measure', 'poor_income_ratio', 'thu nhập bình quân đầu người của hộ nghèo so với năm gốc (lần)',
     'mean per-capita income of poor households over the base year (times)')
  ) AS l(kind, code, vi, en)
  CROSS JOIN (VALUES ('vi'), ('en')) AS v(language);

CREATE TRIGGER shipped_row_guard BEFORE INSERT OR UPDATE OR DELETE ON povext.label
    FOR EACH ROW EXECUTE FUNCTION povext.shipped_row_guard();
CREATE TRIGGER shipped_row_guard_truncate BEFORE TRUNCATE ON povext.label
    FOR EACH STATEMENT EXECUTE FUNCTION povext.shipped_row_guard();
COMMENT ON TRIGGER shipped_row_guard ON povext.label IS 'Keeps shipped rows and marks corrections';
COMMENT ON TRIGGER shipped_row_guard_truncate ON povext.label IS 'Refuses to truncate shipped rows';
SELECT pg_catalog.pg_extension_config_dump('povext.label', 'WHERE NOT shipped OR corrected');

CREATE FUNCTION povext.label(kind text, code text, language text DEFAULT 'vi')
    RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT COALESCE((SELECT l.label FROM povext.label AS l
                      WHERE l.kind OPERATOR(pg_catalog.=) $1 AND l.code OPERATOR(pg_catalog.=) $2
                        AND l.language OPERATOR(pg_catalog.=) $3), $2)
$$;
COMMENT ON FUNCTION povext.label(text, text, text) IS
    'Label of a code of the kind (status, transition, indicator, dimension, measure) in the language (default vi) from povext.label; the code itself when it has no label in that language';

-- Status input that people type: the status enum's own input takes codes
-- only, and its input function cannot change.  Case, spaces, hyphens and
-- underscores, Unicode composition (NFC or NFD input) and the words "hộ" /
-- "household" around a label do not matter.
CREATE FUNCTION povext.label_key(input text)
    RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT btrim(regexp_replace(regexp_replace(
               lower(CASE WHEN getdatabaseencoding() = 'UTF8' THEN normalize(input, NFC) ELSE input END),
               '[-_[:space:]]+', ' ', 'g'), '^hộ | household$', '', 'g'))
$$;
COMMENT ON FUNCTION povext.label_key(text) IS
    'Form of a code or label that status input compares: NFC, lower case, hyphens, underscores and runs of spaces as one space, without a leading "hộ" or a trailing "household"';

CREATE FUNCTION povext.parse_status(input text)
    RETURNS povext.status
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    key text := povext.label_key(input);
    result povext.status;
    valid text;
BEGIN
    SELECT e.enumlabel::povext.status INTO result
      FROM pg_enum AS e
     WHERE e.enumtypid = 'povext.status'::regtype
       AND (povext.label_key(e.enumlabel) = key
            OR EXISTS (SELECT FROM povext.label AS l
                        WHERE l.kind = 'status' AND l.code = e.enumlabel AND povext.label_key(l.label) = key))
     ORDER BY e.enumsortorder LIMIT 1;
    IF result IS NULL THEN
        SELECT string_agg(format('%s (%s)', e.enumlabel,
                                 (SELECT string_agg(l.label, ', ' ORDER BY l.language DESC)
                                    FROM povext.label AS l WHERE l.kind = 'status' AND l.code = e.enumlabel)),
                          '; ' ORDER BY e.enumsortorder)
          INTO valid
          FROM pg_enum AS e WHERE e.enumtypid = 'povext.status'::regtype;
        RAISE EXCEPTION USING MESSAGE = povext.message('invalid poverty status "%"', input),
                  ERRCODE = 'invalid_text_representation',
                  DETAIL = povext.message('Valid statuses (code, then labels): %.', valid);
    END IF;
    RETURN result;
END
$$;
COMMENT ON FUNCTION povext.parse_status(text) IS
    'Poverty status from its code or a label in any language of povext.label (e.g. near_poor, hộ cận nghèo, cận nghèo, Near-poor household); 22P02 listing the valid statuses otherwise';

-- Report views.  povext.create_registry creates them in the registry's
-- schema, with its targets, its report settings and the ward assignments
-- of row-level security.  Their columns are plain types (text, integer,
-- numeric rounded as a report shows it, date, boolean) so that BI tools see
-- no unknown type.  They are security_invoker: a ward officer reading them
-- gets the rows row-level security lets them read in the tables.  Roles
-- that must not read household rows (analyst, BI reader) read the
-- *_suppressed views instead: each reads its report view through a SECURITY
-- DEFINER function of the registry owner, which hides small counts; only
-- the roles povext.setup_roles grants may execute it.

CREATE FUNCTION povext.is_small_cell(count integer, min_count integer)
    RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT $1 OPERATOR(pg_catalog.>) 0 AND $1 OPERATOR(pg_catalog.<) $2
$$;
COMMENT ON FUNCTION povext.is_small_cell(integer, integer) IS
    'True when a count is above 0 and below min_count: small-cell suppression hides it (0 hides nobody)';

CREATE FUNCTION povext.small_cell_value(value anyelement, count integer, min_count integer)
    RETURNS anyelement
    LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT CASE WHEN povext.is_small_cell($2, $3) THEN NULL ELSE $1 END
$$;
COMMENT ON FUNCTION povext.small_cell_value(anyelement, integer, integer) IS
    'The value, or NULL when the count it is computed from is a small cell (above 0 and below min_count)';

CREATE FUNCTION povext.registry_create_reports(registry name)
    RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    s text := quote_ident(registry);
    indicator_columns text;
BEGIN
    PERFORM povext.registry_require(registry);
    -- One boolean column per indicator that a standard of a followed scope
    -- counts (the columns are fixed when the view is created).
    EXECUTE format($q$
        SELECT string_agg(format('CASE WHEN c.counted OPERATOR(povext.@>) %%1$L::povext.deprivations
                                         AND NOT s.undetermined OPERATOR(povext.@>) %%1$L::povext.deprivations
                                       THEN s.deprivations OPERATOR(povext.@>) %%1$L::povext.deprivations END AS %%2$I',
                                 '{' || i.code || '}', 'deprived_' || i.code), E',\n' ORDER BY i.bit)
          FROM povext.indicator AS i
         WHERE EXISTS (SELECT FROM povext.standard_indicator AS si JOIN povext.standard AS sd ON sd.code = si.standard
                        WHERE si.indicator = i.code
                          AND sd.scope IN (SELECT unnest(r.followed_scopes) FROM %s.registry_setting AS r))
    $q$, s) INTO indicator_columns;

    EXECUTE format($ddl$
        CREATE TABLE %1$s.report_setting (
            singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
            min_cell_count integer NOT NULL DEFAULT 5 CHECK (min_cell_count >= 1)
        );
        COMMENT ON TABLE %1$s.report_setting IS 'povext report settings (one row)';
        COMMENT ON COLUMN %1$s.report_setting.min_cell_count IS
            'k of small-cell suppression: the *_suppressed views hide counts above 0 and below k (NULL, with suppressed true)';
        INSERT INTO %1$s.report_setting DEFAULT VALUES;

        CREATE TABLE %1$s.target (
            scope text NOT NULL,
            measure text NOT NULL CHECK (measure IN ('poor_rate_pct', 'near_poor_rate_pct', 'poor_income_ratio')),
            target_year integer NOT NULL,
            comparison text NOT NULL CHECK (comparison IN ('<', '<=', '>', '>=')),
            target_value numeric NOT NULL CHECK (target_value >= 0 AND target_value < 'Infinity'),
            baseline_year integer,
            baseline_value numeric CHECK (baseline_value > 0 AND baseline_value < 'Infinity'),
            source text,
            PRIMARY KEY (scope, measure, target_year),
            CHECK ((measure = 'poor_income_ratio') = (baseline_year IS NOT NULL))
        );
        COMMENT ON TABLE %1$s.target IS
            'Targets of the registry''s district, compared with the current statuses by the report_target view';
        COMMENT ON COLUMN %1$s.target.scope IS 'Scope whose current statuses the target is measured with (national, hcmc)';
        COMMENT ON COLUMN %1$s.target.measure IS
            'poor_rate_pct, near_poor_rate_pct (percent of ward.households_total) or poor_income_ratio (mean per-capita income of poor households over baseline_value)';
        COMMENT ON COLUMN %1$s.target.comparison IS 'How the current value must compare with target_value';
        COMMENT ON COLUMN %1$s.target.baseline_value IS
            'For poor_income_ratio: mean per-capita income of poor households in baseline_year, VND per person per year (NULL until known)';
        INSERT INTO %1$s.target (scope, measure, target_year, comparison, target_value, baseline_year, source)
        SELECT f.scope, t.measure, 2025, t.comparison, t.target_value, t.baseline_year, 'District targets for 2025'
          FROM unnest((SELECT r.followed_scopes FROM %1$s.registry_setting AS r)) AS f(scope),
               (VALUES ('poor_rate_pct', '<', 0.5, NULL::integer),
                       ('near_poor_rate_pct', '<', 1.5, NULL),
                       ('poor_income_ratio', '>=', 1.3, 2020)) AS t(measure, comparison, target_value, baseline_year);

        CREATE TABLE %1$s.ward_assignment (
            role_name name NOT NULL,
            ward text NOT NULL REFERENCES %1$s.ward (code) ON UPDATE CASCADE ON DELETE CASCADE,
            PRIMARY KEY (role_name, ward)
        );
        COMMENT ON TABLE %1$s.ward_assignment IS
            'Wards a role (and every member of it) may read and write under the ward-officer policies of povext.setup_roles';

        CREATE VIEW %1$s.report_ward WITH (security_invoker = true) AS
        SELECT r.district, r.ward, r.ward_name, r.level, r.scope, r.standards, r.as_of,
               r.households_total, r.households, r.people,
               r.poor_households, r.poor_people, r.near_poor_households, r.near_poor_people,
               r.undetermined_households,
               round(100.0 * r.poor_households / NULLIF(r.households_total, 0), 2) AS poor_rate_pct,
               round(100.0 * r.near_poor_households / NULLIF(r.households_total, 0), 2) AS near_poor_rate_pct,
               false AS suppressed
          FROM (SELECT w.district, w.code AS ward, w.name AS ward_name,
                       CASE WHEN GROUPING(w.code) = 0 THEN 'ward' ELSE 'district' END AS level,
                       f.scope,
                       string_agg(DISTINCT s.standard, ', ') AS standards,
                       max(s.as_of) AS as_of,
                       CASE WHEN GROUPING(w.code) = 0 THEN max(w.households_total)
                            ELSE (SELECT CASE WHEN count(*) = count(x.households_total) THEN sum(x.households_total)::integer END
                                    FROM %1$s.ward AS x WHERE x.district IS NOT DISTINCT FROM w.district) END AS households_total,
                       count(s.household)::integer AS households,
                       COALESCE(sum(h.members) FILTER (WHERE s.household IS NOT NULL), 0)::integer AS people,
                       count(*) FILTER (WHERE s.status = 'poor')::integer AS poor_households,
                       COALESCE(sum(h.members) FILTER (WHERE s.status = 'poor'), 0)::integer AS poor_people,
                       count(*) FILTER (WHERE s.status = 'near_poor')::integer AS near_poor_households,
                       COALESCE(sum(h.members) FILTER (WHERE s.status = 'near_poor'), 0)::integer AS near_poor_people,
                       count(*) FILTER (WHERE s.household IS NOT NULL AND s.status IS NULL)::integer AS undetermined_households
                  FROM %1$s.ward AS w
                 CROSS JOIN unnest((SELECT r.followed_scopes FROM %1$s.registry_setting AS r)) AS f(scope)
                  LEFT JOIN (%1$s.household AS h JOIN %1$s.household_status AS s ON s.household = h.id)
                         ON h.ward = w.code AND s.scope = f.scope
                 GROUP BY GROUPING SETS ((w.district, w.code, w.name, f.scope), (w.district, f.scope))) AS r;
        COMMENT ON VIEW %1$s.report_ward IS
            'Per ward and per district (level district): households and people, poor and near-poor counts and rates (percent of ward.households_total) under the standard of each followed scope';

        CREATE VIEW %1$s.report_household WITH (security_invoker = true) AS
        SELECT h.id AS household_id, h.code AS household_code, w.district, h.ward, h.area::text AS area, h.members,
               round(h.per_capita_income_year) AS per_capita_income_year,
               s.scope, s.standard, s.as_of, s.status::text AS status,
               povext.label('status', s.status::text, 'vi') AS status_vi,
               povext.label('status', s.status::text, 'en') AS status_en,
               povext.deprivation_count(s.deprivations) AS deprivation_count,
               povext.deprivation_count(s.undetermined) AS undetermined_count,
               %2$s
          FROM %1$s.household AS h
          JOIN %1$s.ward AS w ON w.code = h.ward
          JOIN %1$s.household_status AS s ON s.household = h.id
         CROSS JOIN LATERAL (SELECT povext.deprivations_from_codes(ARRAY(
                                 SELECT si.indicator FROM povext.standard_indicator AS si
                                  WHERE si.standard = s.standard)) AS counted) AS c;
        COMMENT ON VIEW %1$s.report_household IS
            'Household rows (no names or addresses) with the computed status under each followed scope and one boolean column per indicator: true deprived, false not, NULL undetermined or not counted by the standard';

        CREATE VIEW %1$s.report_indicator WITH (security_invoker = true) AS
        SELECT r.district, r.ward, r.level, r.scope, r.indicator,
               povext.label('indicator', r.indicator, 'vi') AS indicator_vi,
               povext.label('indicator', r.indicator, 'en') AS indicator_en,
               r.dimension,
               povext.label('dimension', r.dimension, 'vi') AS dimension_vi,
               povext.label('dimension', r.dimension, 'en') AS dimension_en,
               r.households, r.deprived_households, r.undetermined_households,
               round(100.0 * r.deprived_households / NULLIF(r.households - r.undetermined_households, 0), 2) AS deprived_share_pct,
               false AS suppressed
          FROM (SELECT w.district, w.code AS ward,
                       CASE WHEN GROUPING(w.code) = 0 THEN 'ward' ELSE 'district' END AS level,
                       s.scope, i.code AS indicator, i.dimension,
                       count(*)::integer AS households,
                       count(*) FILTER (WHERE s.deprivations OPERATOR(povext.@>) povext.deprivations_from_codes(ARRAY[i.code]))::integer
                           AS deprived_households,
                       count(*) FILTER (WHERE s.undetermined OPERATOR(povext.@>) povext.deprivations_from_codes(ARRAY[i.code]))::integer
                           AS undetermined_households
                  FROM %1$s.ward AS w
                  JOIN %1$s.household AS h ON h.ward = w.code
                  JOIN %1$s.household_status AS s ON s.household = h.id
                  JOIN povext.standard_indicator AS si ON si.standard = s.standard
                  JOIN povext.indicator AS i ON i.code = si.indicator
                 GROUP BY GROUPING SETS ((w.district, w.code, s.scope, i.code, i.dimension),
                                         (w.district, s.scope, i.code, i.dimension))) AS r;
        COMMENT ON VIEW %1$s.report_indicator IS
            'Indicator headcounts per ward and per district: households whose standard counts the indicator, those deprived and undetermined in it, and the share deprived (percent of those determined)';

        CREATE VIEW %1$s.mpi_state WITH (security_invoker = true) AS
        SELECT w.district, w.code AS ward,
               CASE WHEN GROUPING(w.code) = 0 THEN 'ward' ELSE 'district' END AS level,
               s.scope, s.standard,
               count(*)::integer AS households,
               count(*) FILTER (WHERE povext.deprivation_count(s.undetermined) = 0)::integer AS households_measured,
               povext.af_state_agg(s.deprivations, s.standard)
                   FILTER (WHERE povext.deprivation_count(s.undetermined) = 0) AS state,
               -- every household, an undetermined indicator counted as not
               -- deprived: the only measure when a standard counts an
               -- indicator no registry rule derives (health_access)
               povext.af_state_agg(s.deprivations, s.standard) AS state_all
          FROM %1$s.ward AS w
          JOIN %1$s.household AS h ON h.ward = w.code
          JOIN %1$s.household_status AS s ON s.household = h.id
         GROUP BY GROUPING SETS ((w.district, w.code, s.scope, s.standard), (w.district, s.scope, s.standard));
        COMMENT ON VIEW %1$s.mpi_state IS
            'Building block of report_mpi and report_mpi_contribution: the Alkire-Foster state (povext.af_state) of the households of each ward and district whose deprivations are all determined (state), and of every household with undetermined indicators counted as not deprived (state_all)';

        CREATE VIEW %1$s.report_mpi WITH (security_invoker = true) AS
        SELECT st.district, st.ward, st.level, st.scope, st.standard, st.households, st.households_measured,
               sd.minimum_deprivations AS cutoff_count,
               m.poor_population::integer AS poor_households,
               round(m.headcount_ratio, 4) AS headcount_ratio,
               round(m.intensity, 4) AS intensity,
               round(m.m0, 4) AS m0,
               false AS suppressed,
               a.poor_population::integer AS all_poor_households,
               round(a.headcount_ratio, 4) AS all_headcount_ratio,
               round(a.intensity, 4) AS all_intensity,
               round(a.m0, 4) AS all_m0
          FROM %1$s.mpi_state AS st
          JOIN povext.standard AS sd ON sd.code = st.standard
          LEFT JOIN LATERAL povext.af_measures_at_count(st.state, sd.minimum_deprivations) AS m ON true
          LEFT JOIN LATERAL povext.af_measures_at_count(st.state_all, sd.minimum_deprivations) AS a ON true;
        COMMENT ON VIEW %1$s.report_mpi IS
            'Multidimensional poverty by ward and district (Alkire-Foster, households deprived in at least the standard''s minimum number of indicators): H, A and M0 over the households whose deprivations are all determined, and (all_*) over every household with undetermined indicators counted as not deprived';

        CREATE VIEW %1$s.report_mpi_contribution WITH (security_invoker = true) AS
        WITH ind AS (
            -- the indicators of the standard (from the state of every
            -- household), with their measures over the determined
            -- households where there are some
            SELECT st.district, st.ward, st.level, st.scope, st.standard,
                   m.poor_population::integer AS poor_households, xa.indicator, i.dimension,
                   x.censored_headcount_ratio, x.contribution,
                   ma.poor_population::integer AS all_poor_households,
                   xa.censored_headcount_ratio AS all_censored_headcount_ratio, xa.contribution AS all_contribution
              FROM %1$s.mpi_state AS st
              JOIN povext.standard AS sd ON sd.code = st.standard
             CROSS JOIN LATERAL povext.af_measures_at_count(st.state_all, sd.minimum_deprivations) AS ma
             CROSS JOIN LATERAL povext.af_indicators(st.state_all, ma.cutoff_share) AS xa
              LEFT JOIN LATERAL povext.af_measures_at_count(st.state, sd.minimum_deprivations) AS m ON true
              LEFT JOIN LATERAL povext.af_indicators(st.state, m.cutoff_share) AS x ON x.indicator = xa.indicator
              JOIN povext.indicator AS i ON i.code = xa.indicator
        )
        SELECT c.district, c.ward, c.level, c.scope, c.standard, c.poor_households, 'indicator' AS kind, c.indicator AS code,
               povext.label('indicator', c.indicator, 'vi') AS label_vi,
               povext.label('indicator', c.indicator, 'en') AS label_en,
               round(100 * c.censored_headcount_ratio, 2) AS censored_headcount_pct,
               round(100 * c.contribution, 2) AS contribution_pct,
               false AS suppressed,
               c.all_poor_households,
               round(100 * c.all_censored_headcount_ratio, 2) AS all_censored_headcount_pct,
               round(100 * c.all_contribution, 2) AS all_contribution_pct
          FROM ind AS c
        UNION ALL
        SELECT c.district, c.ward, c.level, c.scope, c.standard, c.poor_households, 'dimension', c.dimension,
               povext.label('dimension', c.dimension, 'vi'), povext.label('dimension', c.dimension, 'en'),
               NULL, round(100 * sum(c.contribution), 2), false,
               c.all_poor_households, NULL, round(100 * sum(c.all_contribution), 2)
          FROM ind AS c
         GROUP BY c.district, c.ward, c.level, c.scope, c.standard, c.poor_households, c.all_poor_households, c.dimension;
        COMMENT ON VIEW %1$s.report_mpi_contribution IS
            'Contribution (percent of M0) of each indicator and each dimension to the multidimensional poverty of report_mpi, with each indicator''s censored headcount (percent of households poor and deprived in it); all_* over every household as report_mpi''s all_* columns';

        CREATE VIEW %1$s.report_transition WITH (security_invoker = true) AS
        SELECT r.district, r.ward, r.level, r.recognised_on, r.review_kind, r.decision_ref, r.scope, r.standard,
               r.transition,
               povext.label('transition', r.transition, 'vi') AS transition_vi,
               povext.label('transition', r.transition, 'en') AS transition_en,
               r.households, false AS suppressed
          FROM (SELECT w.district, w.code AS ward,
                       CASE WHEN GROUPING(w.code) = 0 THEN 'ward' ELSE 'district' END AS level,
                       e.recognised_on, e.review_kind, e.decision_ref, sd.scope, e.standard, e.transition,
                       count(*)::integer AS households
                  FROM %1$s.status_history AS e
                  JOIN %1$s.household AS h ON h.id = e.household
                  JOIN %1$s.ward AS w ON w.code = h.ward
                  JOIN povext.standard AS sd ON sd.code = e.standard
                 GROUP BY GROUPING SETS ((w.district, w.code, e.recognised_on, e.review_kind, e.decision_ref, sd.scope, e.standard, e.transition),
                                         (w.district, e.recognised_on, e.review_kind, sd.scope, e.standard, e.transition))) AS r;
        COMMENT ON VIEW %1$s.report_transition IS
            'Households per transition recognised at each review, per ward (with its decision) and per district and review date';

        CREATE VIEW %1$s.report_target WITH (security_invoker = true) AS
        WITH current_status AS (
            SELECT s.scope, max(s.as_of) AS as_of,
                   count(*) FILTER (WHERE s.status = 'poor')::integer AS poor_households,
                   count(*) FILTER (WHERE s.status = 'near_poor')::integer AS near_poor_households,
                   avg(h.per_capita_income_year) FILTER (WHERE s.status = 'poor') AS poor_mean_income
              FROM %1$s.household AS h JOIN %1$s.household_status AS s ON s.household = h.id
             GROUP BY s.scope
        ), total AS (
            SELECT CASE WHEN count(*) = count(w.households_total) THEN sum(w.households_total)::integer END AS households_total
              FROM %1$s.ward AS w
        ), measured AS (
            SELECT t.scope, t.measure, t.target_year, t.comparison, t.target_value, t.baseline_year, t.baseline_value,
                   c.as_of, n.households_total, COALESCE(c.poor_households, 0) AS poor_households,
                   COALESCE(c.near_poor_households, 0) AS near_poor_households,
                   round(c.poor_mean_income) AS poor_mean_income,
                   CASE t.measure
                       WHEN 'poor_rate_pct' THEN round(100.0 * COALESCE(c.poor_households, 0) / NULLIF(n.households_total, 0), 2)
                       WHEN 'near_poor_rate_pct' THEN round(100.0 * COALESCE(c.near_poor_households, 0) / NULLIF(n.households_total, 0), 2)
                       WHEN 'poor_income_ratio' THEN round(c.poor_mean_income / t.baseline_value, 2)
                   END AS current_value
              FROM %1$s.target AS t
              LEFT JOIN current_status AS c ON c.scope = t.scope
             CROSS JOIN total AS n
        )
        SELECT m.scope, m.measure,
               povext.label('measure', m.measure, 'vi') AS measure_vi,
               povext.label('measure', m.measure, 'en') AS measure_en,
               m.target_year, m.comparison, m.target_value, m.baseline_year, m.baseline_value,
               m.as_of, m.households_total, m.poor_households, m.near_poor_households, m.poor_mean_income,
               m.current_value,
               CASE m.comparison WHEN '<' THEN m.current_value < m.target_value
                                 WHEN '<=' THEN m.current_value <= m.target_value
                                 WHEN '>' THEN m.current_value > m.target_value
                                 WHEN '>=' THEN m.current_value >= m.target_value END AS met,
               false AS suppressed
          FROM measured AS m;
        COMMENT ON VIEW %1$s.report_target IS
            'Progress against the targets of the target table: current value of each measure from the current computed statuses, and whether it meets the target';
    $ddl$, s, indicator_columns);

    -- The suppressed views: the same columns, small counts hidden.
    PERFORM povext.registry_create_suppressed_view(registry, 'report_ward', $q$
        r.district, r.ward, r.ward_name, r.level, r.scope, r.standards, r.as_of, r.households_total,
        povext.small_cell_value(r.households, r.households, k.k),
        povext.small_cell_value(r.people, r.people, k.k),
        povext.small_cell_value(r.poor_households, r.poor_households, k.k),
        CASE WHEN NOT povext.is_small_cell(r.poor_households, k.k) THEN povext.small_cell_value(r.poor_people, r.poor_people, k.k) END,
        povext.small_cell_value(r.near_poor_households, r.near_poor_households, k.k),
        CASE WHEN NOT povext.is_small_cell(r.near_poor_households, k.k) THEN povext.small_cell_value(r.near_poor_people, r.near_poor_people, k.k) END,
        povext.small_cell_value(r.undetermined_households, r.undetermined_households, k.k),
        povext.small_cell_value(r.poor_rate_pct, r.poor_households, k.k),
        povext.small_cell_value(r.near_poor_rate_pct, r.near_poor_households, k.k),
        povext.is_small_cell(r.households, k.k) OR povext.is_small_cell(r.people, k.k)
            OR povext.is_small_cell(r.poor_households, k.k) OR povext.is_small_cell(r.poor_people, k.k)
            OR povext.is_small_cell(r.near_poor_households, k.k) OR povext.is_small_cell(r.near_poor_people, k.k)
            OR povext.is_small_cell(r.undetermined_households, k.k)
    $q$);
    PERFORM povext.registry_create_suppressed_view(registry, 'report_indicator', $q$
        r.district, r.ward, r.level, r.scope, r.indicator, r.indicator_vi, r.indicator_en,
        r.dimension, r.dimension_vi, r.dimension_en,
        povext.small_cell_value(r.households, r.households, k.k),
        povext.small_cell_value(r.deprived_households, r.deprived_households, k.k),
        povext.small_cell_value(r.undetermined_households, r.undetermined_households, k.k),
        povext.small_cell_value(r.deprived_share_pct, r.deprived_households, k.k),
        povext.is_small_cell(r.households, k.k) OR povext.is_small_cell(r.deprived_households, k.k)
            OR povext.is_small_cell(r.undetermined_households, k.k)
    $q$);
    PERFORM povext.registry_create_suppressed_view(registry, 'report_mpi', $q$
        r.district, r.ward, r.level, r.scope, r.standard,
        povext.small_cell_value(r.households, r.households, k.k),
        povext.small_cell_value(r.households_measured, r.households_measured, k.k),
        r.cutoff_count,
        CASE WHEN NOT povext.is_small_cell(r.households_measured, k.k) THEN povext.small_cell_value(r.poor_households, r.poor_households, k.k) END,
        CASE WHEN NOT povext.is_small_cell(r.households_measured, k.k) THEN povext.small_cell_value(r.headcount_ratio, r.poor_households, k.k) END,
        CASE WHEN NOT povext.is_small_cell(r.households_measured, k.k) THEN povext.small_cell_value(r.intensity, r.poor_households, k.k) END,
        CASE WHEN NOT povext.is_small_cell(r.households_measured, k.k) THEN povext.small_cell_value(r.m0, r.poor_households, k.k) END,
        povext.is_small_cell(r.households, k.k) OR povext.is_small_cell(r.households_measured, k.k)
            OR povext.is_small_cell(r.poor_households, k.k) OR povext.is_small_cell(r.all_poor_households, k.k),
        CASE WHEN NOT povext.is_small_cell(r.households, k.k) THEN povext.small_cell_value(r.all_poor_households, r.all_poor_households, k.k) END,
        CASE WHEN NOT povext.is_small_cell(r.households, k.k) THEN povext.small_cell_value(r.all_headcount_ratio, r.all_poor_households, k.k) END,
        CASE WHEN NOT povext.is_small_cell(r.households, k.k) THEN povext.small_cell_value(r.all_intensity, r.all_poor_households, k.k) END,
        CASE WHEN NOT povext.is_small_cell(r.households, k.k) THEN povext.small_cell_value(r.all_m0, r.all_poor_households, k.k) END
    $q$);
    PERFORM povext.registry_create_suppressed_view(registry, 'report_mpi_contribution', $q$
        r.district, r.ward, r.level, r.scope, r.standard,
        povext.small_cell_value(r.poor_households, r.poor_households, k.k),
        r.kind, r.code, r.label_vi, r.label_en,
        povext.small_cell_value(r.censored_headcount_pct, r.poor_households, k.k),
        povext.small_cell_value(r.contribution_pct, r.poor_households, k.k),
        povext.is_small_cell(r.poor_households, k.k) OR povext.is_small_cell(r.all_poor_households, k.k),
        povext.small_cell_value(r.all_poor_households, r.all_poor_households, k.k),
        povext.small_cell_value(r.all_censored_headcount_pct, r.all_poor_households, k.k),
        povext.small_cell_value(r.all_contribution_pct, r.all_poor_households, k.k)
    $q$);
    PERFORM povext.registry_create_suppressed_view(registry, 'report_transition', $q$
        r.district, r.ward, r.level, r.recognised_on, r.review_kind, r.decision_ref, r.scope, r.standard,
        r.transition, r.transition_vi, r.transition_en,
        povext.small_cell_value(r.households, r.households, k.k),
        povext.is_small_cell(r.households, k.k)
    $q$);
    PERFORM povext.registry_create_suppressed_view(registry, 'report_target', $q$
        r.scope, r.measure, r.measure_vi, r.measure_en, r.target_year, r.comparison, r.target_value,
        r.baseline_year, r.baseline_value, r.as_of, r.households_total,
        povext.small_cell_value(r.poor_households, r.poor_households, k.k),
        povext.small_cell_value(r.near_poor_households, r.near_poor_households, k.k),
        povext.small_cell_value(r.poor_mean_income, r.poor_households, k.k),
        povext.small_cell_value(r.current_value,
                                CASE r.measure WHEN 'near_poor_rate_pct' THEN r.near_poor_households ELSE r.poor_households END, k.k),
        povext.small_cell_value(r.met,
                                CASE r.measure WHEN 'near_poor_rate_pct' THEN r.near_poor_households ELSE r.poor_households END, k.k),
        povext.is_small_cell(CASE r.measure WHEN 'near_poor_rate_pct' THEN r.near_poor_households ELSE r.poor_households END, k.k)
            OR povext.is_small_cell(r.poor_households, k.k) OR povext.is_small_cell(r.near_poor_households, k.k)
    $q$);
END
$$;
COMMENT ON FUNCTION povext.registry_create_reports(name) IS
    'Called by create_registry: creates the registry''s report views, their *_suppressed forms, and the report_setting, target and ward_assignment tables';

-- A suppressed view: the report view's rows read as the registry owner (so
-- that the reader needs no privilege on the household tables) with the
-- select list given, which hides small counts; EXECUTE only for the roles
-- setup_roles grants it to.
-- The function returns a TABLE of the report view's column names and types,
-- not SETOF the view's row type: Citus 13 counts the functions used by an
-- object that depends on a relation's columns as that relation's
-- dependencies, so report_ward -> report_ward_rows() -> type report_ward ->
-- report_ward was a cycle, and distributing a registry table failed with
-- "Citus can not handle circular dependencies between distributed objects".
CREATE FUNCTION povext.registry_create_suppressed_view(registry name, report_view name, select_list text)
    RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    result_columns text;
BEGIN
    SELECT string_agg(format('%I %s', a.attname, format_type(a.atttypid, a.atttypmod)), ', ' ORDER BY a.attnum)
      INTO result_columns
      FROM pg_attribute AS a
     WHERE a.attrelid = format('%I.%I', registry, report_view)::regclass
       AND a.attnum > 0 AND NOT a.attisdropped;
    EXECUTE format($ddl$
        CREATE FUNCTION %1$I.%3$I() RETURNS TABLE (%6$s)
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
            AS $f$ SELECT %5$s FROM %1$I.%2$I AS r CROSS JOIN (SELECT c.min_cell_count AS k FROM %1$I.report_setting AS c) AS k $f$;
        REVOKE EXECUTE ON FUNCTION %1$I.%3$I() FROM PUBLIC;
        COMMENT ON FUNCTION %1$I.%3$I() IS
            'Rows of %2$s as the registry owner with small counts hidden; only for the roles that read %4$s';
        CREATE VIEW %1$I.%4$I WITH (security_invoker = true) AS SELECT * FROM %1$I.%3$I();
        COMMENT ON VIEW %1$I.%4$I IS
            'report view %2$s with small-cell suppression: counts above 0 and below report_setting.min_cell_count, and what is computed from them, are NULL and suppressed is true';
    $ddl$, registry, report_view, report_view || '_rows', report_view || '_suppressed', select_list,
       result_columns);
END
$$;
COMMENT ON FUNCTION povext.registry_create_suppressed_view(name, name, text) IS
    'Called by registry_create_reports: creates view <report_view>_suppressed over a SECURITY DEFINER function that reads the report view with the select list given';

-- Roles.  setup_roles grants each role the rights of its kind, creating the
-- role (NOLOGIN: people log in as members of it) if it does not exist, and
-- returns the statements it ran.  The registry's owner runs it (a database
-- owner need not be a superuser; creating roles needs CREATEROLE); the
-- catalog maintainer's grants need the grant option on povext's catalog
-- tables, which the role that created the extension has.
CREATE FUNCTION povext.setup_roles(registry name, catalog_maintainer name DEFAULT NULL, ward_officer name DEFAULT NULL,
                                   analyst name DEFAULT NULL, bi_reader name DEFAULT NULL)
    RETURNS SETOF text
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    s text := quote_ident(registry);
    statements text[] := '{}';
    statement text;
    role_name name;
    catalog_tables text[] := ARRAY['povext.indicator', 'povext.standard', 'povext.standard_line', 'povext.standard_indicator',
                                   'povext.indicator_cutoff', 'povext.monitoring_window', 'povext.poor_group_rule', 'povext.label'];
    report_views text[] := ARRAY['report_ward', 'report_indicator', 'report_mpi', 'report_mpi_contribution',
                                 'report_transition', 'report_target'];
    -- wards of the current user's assignments (current_user is the
    -- invoker of a security_invoker view, and role names need not exist)
    assigned text := format('(SELECT a.ward FROM %s.ward_assignment AS a WHERE a.role_name IN '
                            '(SELECT r.rolname FROM pg_catalog.pg_roles AS r WHERE pg_catalog.pg_has_role(CURRENT_USER, r.oid, ''MEMBER'')))', s);
    t text;
BEGIN
    IF registry IS NULL AND COALESCE(ward_officer, analyst, bi_reader) IS NOT NULL THEN
        RAISE EXCEPTION USING MESSAGE = povext.message('ward officer, analyst and BI reader roles need a registry'),
                  ERRCODE = 'null_value_not_allowed',
                  HINT = povext.message('Pass the schema of a registry created with povext.create_registry.');
    END IF;
    IF registry IS NOT NULL THEN
        PERFORM povext.registry_require(registry);
        IF NOT pg_has_role((SELECT c.relowner FROM pg_class AS c
                             WHERE c.oid = format('%s.household', s)::regclass), 'USAGE') THEN
            RAISE EXCEPTION USING MESSAGE = povext.message('only the owner of registry "%" can set up its roles',
                                           registry::text),
                      ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
    IF catalog_maintainer IS NOT NULL
       AND NOT (SELECT bool_and(has_table_privilege(c, 'INSERT WITH GRANT OPTION, UPDATE WITH GRANT OPTION, DELETE WITH GRANT OPTION'))
                  FROM unnest(catalog_tables) AS c) THEN
        RAISE EXCEPTION USING MESSAGE = povext.message('role "%" cannot grant the rights of a catalog maintainer',
                                       current_user::text),
                  ERRCODE = 'insufficient_privilege',
                  DETAIL = povext.message('Granting INSERT, UPDATE and DELETE on povext''s catalog tables needs their grant option.'),
                  HINT = povext.message('Run it as the role that created the extension, or have that role grant the rights with GRANT OPTION.');
    END IF;

    FOREACH role_name IN ARRAY ARRAY[catalog_maintainer, ward_officer, analyst, bi_reader] LOOP
        IF role_name IS NOT NULL AND NOT EXISTS (SELECT FROM pg_roles AS r WHERE r.rolname = role_name) THEN
            statements := statements || format('CREATE ROLE %I NOLOGIN', role_name);
        END IF;
    END LOOP;

    -- catalog maintainer: standards, lines, indicators, cut-offs, labels
    IF catalog_maintainer IS NOT NULL THEN
        statements := statements
            || format('GRANT INSERT, UPDATE, DELETE ON %s TO %I', array_to_string(catalog_tables, ', '), catalog_maintainer)
            || format('GRANT INSERT ON povext.retired_indicator_bit TO %I', catalog_maintainer);
    END IF;

    -- ward officer: households and members of the assigned wards, through
    -- row-level security; the registry's triggers write household_status as
    -- the officer, so the policies let them write it for those households
    IF ward_officer IS NOT NULL THEN
        statements := statements
            || format('GRANT USAGE ON SCHEMA %s TO %I', s, ward_officer)
            || format('GRANT SELECT ON %1$s.registry_setting, %1$s.report_setting, %1$s.target, %1$s.ward, %1$s.ward_assignment, %1$s.status_history TO %2$I',
                      s, ward_officer)
            || format('GRANT SELECT, INSERT, UPDATE, DELETE ON %1$s.household, %1$s.member, %1$s.household_status TO %2$I', s, ward_officer)
            || format('GRANT USAGE ON SEQUENCE %s TO %I', pg_get_serial_sequence(format('%s.household', s), 'id'), ward_officer)
            || format('GRANT SELECT ON %1$s.report_household, %1$s.mpi_state, %2$s TO %3$I', s,
                      (SELECT string_agg(format('%s.%I', s, v), ', ') FROM unnest(report_views) AS v), ward_officer);
        FOREACH t IN ARRAY ARRAY['ward', 'household', 'member', 'household_status', 'status_history', 'ward_assignment'] LOOP
            statements := statements || format('ALTER TABLE %s.%I ENABLE ROW LEVEL SECURITY', s, t);
        END LOOP;
        statements := statements
            || format('CREATE POLICY %1$I ON %2$s.ward_assignment FOR SELECT TO %1$I USING (role_name IN (SELECT r.rolname FROM pg_catalog.pg_roles AS r WHERE pg_catalog.pg_has_role(CURRENT_USER, r.oid, ''MEMBER'')))',
                      ward_officer, s)
            || format('CREATE POLICY %1$I ON %2$s.ward FOR SELECT TO %1$I USING (code IN %3$s)', ward_officer, s, assigned)
            || format('CREATE POLICY %1$I ON %2$s.household FOR ALL TO %1$I USING (ward IN %3$s) WITH CHECK (ward IN %3$s)',
                      ward_officer, s, assigned)
            || format('CREATE POLICY %1$I ON %2$s.%3$I FOR %4$s TO %1$I USING (household IN (SELECT h.id FROM %2$s.household AS h))%5$s',
                      ward_officer, s, 'member', 'ALL', format(' WITH CHECK (household IN (SELECT h.id FROM %s.household AS h))', s))
            || format('CREATE POLICY %1$I ON %2$s.%3$I FOR %4$s TO %1$I USING (household IN (SELECT h.id FROM %2$s.household AS h))%5$s',
                      ward_officer, s, 'household_status', 'ALL', format(' WITH CHECK (household IN (SELECT h.id FROM %s.household AS h))', s))
            || format('CREATE POLICY %1$I ON %2$s.%3$I FOR %4$s TO %1$I USING (household IN (SELECT h.id FROM %2$s.household AS h))%5$s',
                      ward_officer, s, 'status_history', 'SELECT', '');
    END IF;

    -- analyst and BI reader: the suppressed report views, nothing else of the
    -- registry; the analyst also reads the targets and settings
    FOREACH role_name IN ARRAY ARRAY[analyst, bi_reader] LOOP
        CONTINUE WHEN role_name IS NULL;
        statements := statements
            || format('GRANT USAGE ON SCHEMA %s TO %I', s, role_name)
            || format('GRANT SELECT ON %s TO %I',
                      (SELECT string_agg(format('%s.%I', s, v || '_suppressed'), ', ') FROM unnest(report_views) AS v), role_name)
            || format('GRANT EXECUTE ON FUNCTION %s TO %I',
                      (SELECT string_agg(format('%s.%I()', s, v || '_rows'), ', ') FROM unnest(report_views) AS v), role_name);
    END LOOP;
    IF analyst IS NOT NULL THEN
        statements := statements || format('GRANT SELECT ON %1$s.target, %1$s.report_setting TO %2$I', s, analyst);
    END IF;

    FOREACH statement IN ARRAY statements LOOP
        EXECUTE statement;
        RETURN NEXT statement;
    END LOOP;
END
$$;
COMMENT ON FUNCTION povext.setup_roles(name, name, name, name, name) IS
    'Creates (if missing) and grants the roles of povext: catalog maintainer (catalog tables), ward officer (households and members of the wards of registry.ward_assignment, through row-level security), analyst and BI reader (the registry''s *_suppressed report views); returns the statements run';

-- Citus
--
-- Under Citus every node has its own copy of povext's catalog tables: they
-- belong to the extension, which is created on every node.  The catalog is
-- kept one for the cluster this way.  povext.citus_setup(), run once on the
-- coordinator, creates the one-row reference table povext_citus.catalog;
-- after that, every statement that changes a catalog table on the
-- coordinator writes the coordinator's whole catalog (a snapshot, a few
-- hundred rows) into that row.  Citus writes a reference table on every node
-- in the same transaction, with two-phase commit, and a trigger on each
-- node's copy of the row makes the node's catalog that snapshot.  So a change
-- is in effect on every node at once or on none (a node that cannot take it
-- makes the statement fail), indicator bits and shipped/corrected flags are
-- the coordinator's, and on each node the ALWAYS trigger catalog_changed
-- invalidates the cache of every backend.  The snapshot is applied with
-- session_replication_role = replica, so that ordinary triggers (the shipped
-- row guard, bit assignment, foreign keys) take the rows as they are, as
-- logical replication does.  The two triggers are SECURITY DEFINER (the
-- extension's owner, a superuser), so that a DBA who may change the catalog
-- need not be a superuser nor own povext_citus.catalog; neither can be
-- called but as a trigger, and no role but the owner may write that table.
-- A change made directly on a worker is refused;
-- povext.citus_catalog_check() compares the catalog of every node.

-- The catalog tables, parents first.
CREATE FUNCTION povext.catalog_tables() RETURNS text[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    RETURN ARRAY['povext.indicator', 'povext.retired_indicator_bit', 'povext.standard',
                 'povext.standard_line', 'povext.standard_indicator', 'povext.indicator_cutoff',
                 'povext.monitoring_window', 'povext.poor_group_rule', 'povext.label'];
COMMENT ON FUNCTION povext.catalog_tables() IS
    'The catalog tables that povext keeps identical on every node of a Citus cluster, parents first';

CREATE FUNCTION povext.catalog_fingerprint()
    RETURNS TABLE (catalog_table text, row_count bigint, fingerprint text)
    LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY povext.catalog_tables() LOOP
        catalog_table := t;
        -- rows in the order of their text, so that equal tables give equal
        -- fingerprints whatever their physical order
        EXECUTE format('SELECT count(*), md5(coalesce(string_agg(r::text, E''\n'' ORDER BY r::text COLLATE "C"), ''''))'
                       ' FROM %s AS r', t)
           INTO row_count, fingerprint;
        RETURN NEXT;
    END LOOP;
END
$$;
COMMENT ON FUNCTION povext.catalog_fingerprint() IS
    'Row count and MD5 fingerprint of every catalog table of this node (equal catalogs give equal fingerprints)';

CREATE FUNCTION povext.catalog_snapshot() RETURNS jsonb
    LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    t text;
    rows jsonb;
    tables jsonb := '{}';
BEGIN
    FOREACH t IN ARRAY povext.catalog_tables() LOOP
        EXECUTE format('SELECT coalesce(jsonb_agg(to_jsonb(r)), ''[]'') FROM %s AS r', t) INTO rows;
        tables := tables || jsonb_build_object(t, rows);
    END LOOP;
    RETURN jsonb_build_object('version', (SELECT extversion FROM pg_extension WHERE extname = 'povext'),
                              'tables', tables);
END
$$;
COMMENT ON FUNCTION povext.catalog_snapshot() IS
    'Every row of every catalog table of this node, with the version of povext, as one jsonb value';

CREATE FUNCTION povext.citus_catalog_apply() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    SET session_replication_role = replica AS $$
DECLARE
    t text;
    here text := (SELECT extversion FROM pg_extension WHERE extname = 'povext');
BEGIN
    IF NEW.snapshot ->> 'version' IS DISTINCT FROM here THEN
        RAISE EXCEPTION USING MESSAGE = povext.message('cannot apply a povext % catalog on a node with povext %',
                                       NEW.snapshot ->> 'version',
                                       here),
                  ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = povext.message('Update povext to the same version on every node (ALTER EXTENSION povext UPDATE on the coordinator).');
    END IF;
    -- the node that made the change already has it
    IF NEW.snapshot = povext.catalog_snapshot() THEN
        RETURN NULL;
    END IF;
    FOREACH t IN ARRAY povext.catalog_tables() LOOP
        EXECUTE format('DELETE FROM %s', t);
        EXECUTE format('INSERT INTO %1$s SELECT * FROM jsonb_populate_recordset(NULL::%1$s, $1)', t)
          USING NEW.snapshot -> 'tables' -> t;
    END LOOP;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION povext.citus_catalog_apply() FROM PUBLIC;
COMMENT ON FUNCTION povext.citus_catalog_apply() IS
    'Trigger on povext_citus.catalog: makes this node''s catalog the snapshot written on the coordinator (ordinary triggers off, so bits and shipped/corrected flags are kept)';

CREATE FUNCTION povext.citus_catalog_push() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    local_group integer;
    has_workers boolean;
BEGIN
    IF to_regclass('pg_catalog.pg_dist_local_group') IS NULL THEN
        RETURN NULL;    -- not a Citus node
    END IF;
    EXECUTE 'SELECT groupid FROM pg_catalog.pg_dist_local_group' INTO local_group;
    IF local_group IS DISTINCT FROM 0 THEN
        RAISE EXCEPTION USING MESSAGE = povext.message('cannot change %.% on a Citus worker',
                                       TG_TABLE_SCHEMA::text,
                                       TG_TABLE_NAME::text),
                  ERRCODE = 'feature_not_supported',
                  DETAIL = povext.message('The povext catalog of a Citus cluster is changed on the coordinator, which applies each change to every node.'),
                  HINT = povext.message('Make the change on the coordinator.');
    END IF;
    IF to_regclass('povext_citus.catalog') IS NULL THEN
        EXECUTE 'SELECT EXISTS (SELECT FROM pg_catalog.pg_dist_node WHERE groupid <> 0)' INTO has_workers;
        IF has_workers THEN
            RAISE EXCEPTION USING MESSAGE = povext.message('cannot change %.% before povext is set up for Citus',
                                           TG_TABLE_SCHEMA::text,
                                           TG_TABLE_NAME::text),
                      ERRCODE = 'object_not_in_prerequisite_state',
                      DETAIL = povext.message('Without the setup, the change would be made on the coordinator only.'),
                      HINT = povext.message('Run SELECT povext.citus_setup(); on the coordinator first.');
        END IF;
        RETURN NULL;
    END IF;
    INSERT INTO povext_citus.catalog AS c (id, snapshot) VALUES (1, povext.catalog_snapshot())
        ON CONFLICT (id) DO UPDATE SET snapshot = excluded.snapshot;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION povext.citus_catalog_push() FROM PUBLIC;
COMMENT ON FUNCTION povext.citus_catalog_push() IS
    'Trigger: on a Citus coordinator, writes its catalog to every node in the same transaction; on a worker, refuses the change';

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY povext.catalog_tables() LOOP
        EXECUTE format('CREATE TRIGGER citus_catalog_push AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %s'
                       ' FOR EACH STATEMENT EXECUTE FUNCTION povext.citus_catalog_push()', t);
        EXECUTE format('COMMENT ON TRIGGER citus_catalog_push ON %s IS %L', t,
                       'Under Citus, applies the change to every node (coordinator) or refuses it (worker)');
    END LOOP;
END
$$;

CREATE FUNCTION povext.citus_setup() RETURNS void
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
    SET citus.enable_unsafe_triggers = on AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_extension WHERE extname = 'citus') THEN
        RAISE EXCEPTION USING MESSAGE = povext.message('extension "citus" is not installed in this database'),
                  ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = povext.message('Create extension citus, then povext, on the coordinator.');
    END IF;
    IF (SELECT groupid FROM pg_dist_local_group) <> 0 THEN
        RAISE EXCEPTION USING MESSAGE = povext.message('povext.citus_setup() must run on the coordinator'),
                  ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    CREATE SCHEMA povext_citus;
    COMMENT ON SCHEMA povext_citus IS 'povext''s objects of a Citus cluster (povext.citus_setup)';
    CREATE TABLE povext_citus.catalog (
        id integer PRIMARY KEY CHECK (id = 1),
        snapshot jsonb NOT NULL
    );
    COMMENT ON TABLE povext_citus.catalog IS
        'The coordinator''s povext catalog (povext.catalog_snapshot()), a reference table: writing it makes every node''s catalog the same';
    REVOKE ALL ON povext_citus.catalog FROM PUBLIC;
    CREATE TRIGGER citus_catalog_apply AFTER INSERT OR UPDATE ON povext_citus.catalog
        FOR EACH ROW EXECUTE FUNCTION povext.citus_catalog_apply();
    PERFORM create_reference_table('povext_citus.catalog');
    -- the workers take the coordinator's catalog now
    INSERT INTO povext_citus.catalog (id, snapshot) VALUES (1, povext.catalog_snapshot());
END
$$;
COMMENT ON FUNCTION povext.citus_setup() IS
    'Run once on a Citus coordinator: from then on every node has the coordinator''s povext catalog, and each catalog change is applied to every node in the same transaction';

CREATE FUNCTION povext.citus_catalog_check()
    RETURNS TABLE (node_name text, node_port integer, catalog_table text, difference text)
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    here jsonb;
    n record;
BEGIN
    IF NOT EXISTS (SELECT FROM pg_extension WHERE extname = 'citus') THEN
        RAISE EXCEPTION USING MESSAGE = povext.message('extension "citus" is not installed in this database'),
                  ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    SELECT jsonb_object_agg(f.catalog_table, jsonb_build_array(f.row_count, f.fingerprint)) INTO here
      FROM povext.catalog_fingerprint() AS f;
    FOR n IN EXECUTE $q$
        SELECT coalesce(d.nodename, current_setting('citus.local_hostname')) AS name,
               coalesce(d.nodeport, current_setting('port')::integer) AS port, r.success, r.result
          FROM run_command_on_all_nodes($c$SELECT jsonb_object_agg(f.catalog_table, jsonb_build_array(f.row_count, f.fingerprint))
                                           FROM povext.catalog_fingerprint() AS f$c$) AS r
          LEFT JOIN pg_dist_node AS d USING (nodeid)
         ORDER BY 1, 2 $q$
    LOOP
        node_name := n.name;
        node_port := n.port;
        IF NOT n.success THEN
            catalog_table := NULL;
            difference := 'cannot be read: ' || n.result;
            RETURN NEXT;
            CONTINUE;
        END IF;
        FOR catalog_table, difference IN
            SELECT t, CASE WHEN (here -> t) IS NULL OR (n.result::jsonb -> t) IS NULL THEN 'missing'
                           WHEN (here -> t -> 0) <> (n.result::jsonb -> t -> 0)
                               THEN format('%s rows, %s on this node', n.result::jsonb -> t -> 0, here -> t -> 0)
                           ELSE 'different rows' END
              FROM unnest(povext.catalog_tables()) AS t
             WHERE (here -> t) IS DISTINCT FROM (n.result::jsonb -> t)
        LOOP
            RETURN NEXT;
        END LOOP;
    END LOOP;
END
$$;
COMMENT ON FUNCTION povext.citus_catalog_check() IS
    'Compares the catalog of every node of a Citus cluster with this node''s: one row per table that differs (none when all agree)';
-- registry reviews without JIT
--
-- registry_review and registry_review_candidates plan one query per ward
-- whose estimated cost (a lookup of the history and a classification per
-- household) is above jit_above_cost, so with JIT on (the default) each
-- ward's review spent 1.3 to 1.8 s compiling a query that runs in 0.1 to
-- 0.3 s (EXPLAIN ANALYZE of the demo district's reviews): the reviews of
-- the demo's 16 wards took 34 to 46 s.  JIT gains nothing on such
-- index-driven queries.
ALTER FUNCTION povext.registry_review(name, text, date, text, text, bigint[]) SET jit = off;
ALTER FUNCTION povext.registry_review_candidates(name, text) SET jit = off;
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
        RAISE EXCEPTION USING MESSAGE = povext.message('schema "%" does not exist', row_schema::text),
                  ERRCODE = 'invalid_schema_name';
    END IF;
    IF NOT pg_has_role(current_user, schema_owner, 'MEMBER') THEN
        RAISE EXCEPTION USING MESSAGE = povext.message('permission denied to list schema "%" as a registry', row_schema::text),
                  ERRCODE = 'insufficient_privilege',
                  DETAIL = povext.message('Schema "%" is owned by role "%".',
                                       row_schema::text,
                                       pg_get_userbyid(schema_owner)::text);
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

-- messages of the SQL functions in Vietnamese
--
-- RAISE does not translate its text, so povext's PL/pgSQL functions raise
-- their messages, details and hints through povext.message(), which looks
-- the English text up in povext's message catalog (po/, the one of its C
-- messages) for lc_messages.  tools/po_sql.py extracts the literals passed
-- to it into po/povext.pot.  The checks that run while the extension is
-- installed or updated (schema guard, finite lines) stay English: they run
-- before this function exists.
CREATE FUNCTION povext.message(msgid text, VARIADIC args text[] DEFAULT '{}')
    RETURNS text
    AS 'MODULE_PATHNAME', 'povext_message' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION povext.message(text, text[]) IS
    'A message of povext in the language of lc_messages, each % replaced by the next argument (%% is a percent sign)';

-- The shipped-row guard of 0.2.0, raising its messages translated.
CREATE OR REPLACE FUNCTION povext.shipped_row_guard() RETURNS trigger
    LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    key_columns text[] := povext.catalog_key(TG_RELID);
    key_list text;
    column_list text;
    has_shipped_rows boolean;
    replaced boolean;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        EXECUTE format('SELECT EXISTS (SELECT FROM %I.%I WHERE shipped)', TG_TABLE_SCHEMA, TG_TABLE_NAME)
           INTO has_shipped_rows;
        IF has_shipped_rows THEN
            RAISE EXCEPTION USING MESSAGE = povext.message('cannot truncate povext.%: it holds rows shipped with povext',
                                           TG_TABLE_NAME::text),
                      ERRCODE = 'object_not_in_prerequisite_state',
                      HINT = povext.message('Delete the rows a DBA added with DELETE instead.');
        END IF;
        RETURN NULL;
    END IF;

    IF TG_OP = 'DELETE' THEN
        IF OLD.shipped THEN
            RAISE EXCEPTION USING MESSAGE = povext.message('cannot delete a row of povext.% shipped with povext',
                                           TG_TABLE_NAME::text),
                      ERRCODE = 'object_not_in_prerequisite_state',
                      DETAIL = povext.message('The row is %.', to_jsonb(OLD)::text),
                      HINT = povext.message('Correct it with UPDATE instead, e.g. end a standard''s period of force.');
        END IF;
        RETURN OLD;
    END IF;

    IF TG_OP = 'UPDATE' THEN
        IF OLD.shipped AND EXISTS (SELECT FROM unnest(key_columns) AS k
                                    WHERE to_jsonb(OLD) -> k IS DISTINCT FROM to_jsonb(NEW) -> k) THEN
            RAISE EXCEPTION USING MESSAGE = povext.message('cannot change the key of a row of povext.% shipped with povext',
                                           TG_TABLE_NAME::text),
                      ERRCODE = 'object_not_in_prerequisite_state',
                      DETAIL = povext.message('The key (%) of shipped rows is fixed.',
                                           array_to_string(key_columns, ', ')),
                      HINT = povext.message('Add a row of your own with the new key instead.');
        END IF;
        NEW.shipped := OLD.shipped;
        NEW.corrected := OLD.shipped;
        RETURN NEW;
    END IF;

    -- INSERT: a row with the key of a shipped row corrects that row in place
    -- (this is also how a restore puts a correction back).
    SELECT string_agg(format('%I', a.attname), ', ' ORDER BY a.attnum) INTO column_list
      FROM pg_attribute AS a
     WHERE a.attrelid = TG_RELID AND a.attnum > 0 AND NOT a.attisdropped
       AND a.attname NOT IN ('shipped', 'corrected');
    SELECT string_agg(format('%I', k), ', ') INTO key_list FROM unnest(key_columns) AS k;
    EXECUTE format(
        'UPDATE %1$I.%2$I AS t SET (%3$s) = (SELECT %3$s FROM jsonb_populate_record(NULL::%1$I.%2$I, $1))'
        ' WHERE t.shipped AND (%4$s) = (SELECT %4$s FROM jsonb_populate_record(NULL::%1$I.%2$I, $1))'
        ' RETURNING true',
        TG_TABLE_SCHEMA, TG_TABLE_NAME, column_list, key_list)
      INTO replaced USING to_jsonb(NEW);
    IF replaced THEN
        RETURN NULL;
    END IF;
    NEW.shipped := false;
    NEW.corrected := false;
    RETURN NEW;
END
$$;

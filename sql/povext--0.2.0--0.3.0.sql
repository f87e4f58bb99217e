-- povext 0.2.0 -> 0.3.0.  Hand-written; every statement of this release is
-- listed here, and the file is frozen once 0.3.0 is released.
\echo Use "ALTER EXTENSION povext UPDATE TO '0.3.0'" to load this file. \quit

-- catalog security
--
-- Keep this section first: the check below must run before any other
-- statement of 0.3.0.  A fresh install runs povext--0.2.0.sql and then this
-- script, an upgrade only this script; both stop here if the schema is not
-- safe.  PostgreSQL installs into an existing schema named in the control
-- file whoever owns it, and the owner of a schema can rename it and drop or
-- replace every table in it (e.g. a role with CREATE on the database that
-- created schema povext before the superuser's CREATE EXTENSION).
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

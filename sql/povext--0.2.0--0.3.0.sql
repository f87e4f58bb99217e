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

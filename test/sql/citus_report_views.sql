-- Registry report views in a shape Citus can take (issue 11).  Citus 13
-- refused to distribute any registry table a report view reads ("Citus can
-- not handle circular dependencies between distributed objects"): each
-- *_rows function returned SETOF its report view's row type and the
-- suppressed view, which depends on the report view's columns, selects
-- from it; Citus counts a function used by an object that depends on a
-- relation's columns as a dependency of that relation, so report_ward ->
-- report_ward_rows() -> type report_ward -> report_ward was a cycle.  The
-- Citus TAP test (test/t/007_citus.pl) distributes such a table; this test
-- checks the shape without Citus.
SET client_min_messages = warning;
SELECT povext.create_registry('cy');
-- No function of the registry returns a relation's row type.
SELECT p.proname, p.prorettype::regtype AS returns, t.typrelid <> 0 AS returns_a_row_type
  FROM pg_proc AS p JOIN pg_type AS t ON t.oid = p.prorettype
 WHERE p.pronamespace = 'cy'::regnamespace
 ORDER BY p.proname;
-- Nothing a report view's columns are used by calls a function that
-- depends on the report view: the cycle Citus reported.
SELECT DISTINCT v.relname AS report_view, f.proname AS function_in_a_cycle
  FROM pg_class AS v
  JOIN pg_depend AS user_of_columns
    ON user_of_columns.refclassid = 'pg_class'::regclass AND user_of_columns.refobjid = v.oid
   AND user_of_columns.refobjsubid <> 0 AND user_of_columns.deptype = 'n'
  JOIN pg_depend AS calls
    ON calls.classid = user_of_columns.classid AND calls.objid = user_of_columns.objid
   AND calls.refclassid = 'pg_proc'::regclass
  JOIN pg_proc AS f ON f.oid = calls.refobjid
  JOIN pg_depend AS on_view
    ON on_view.classid = 'pg_proc'::regclass AND on_view.objid = f.oid
   AND on_view.refclassid = 'pg_type'::regclass AND on_view.refobjid = v.reltype
 WHERE v.relnamespace = 'cy'::regnamespace
 ORDER BY 1, 2;
-- The suppressed views keep their report view's columns, names and types.
SELECT s.relname AS suppressed_view,
       (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
          FROM pg_attribute AS a WHERE a.attrelid = s.oid AND a.attnum > 0)
       IS NOT DISTINCT FROM
       (SELECT string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
          FROM pg_attribute AS a WHERE a.attrelid = r.oid AND a.attnum > 0) AS same_columns
  FROM pg_class AS s
  JOIN pg_class AS r ON r.relnamespace = s.relnamespace AND s.relname = r.relname || '_suppressed'
 WHERE s.relnamespace = 'cy'::regnamespace
 ORDER BY 1;
DROP SCHEMA cy CASCADE;

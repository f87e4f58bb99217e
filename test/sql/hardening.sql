-- Defects found by adversarial review (0.2.0), each with the input that
-- showed it.  Every case here failed (or crashed the server) before its fix.
SET client_min_messages = warning;
CREATE ROLE povext_regress_untrusted;
RESET client_min_messages;
GRANT CREATE ON SCHEMA public TO povext_regress_untrusted;

-- 1. A user-defined moving aggregate plugs af_state_accum in, with an
-- inverse that returns a stored, compressed state (401 score rows): the
-- transition function must detoast it, not read compressed bytes.
SET ROLE povext_regress_untrusted;
CREATE TABLE big_state AS
-- (Every row is consistent: nutrition weighs 500 points, the other
-- indicators 1, 2, 4, ..., 128 and 245, and a row of score i is deprived in
-- the indicators of i's binary digits, or of 245 and i - 245's.)
SELECT format('{"standard": "ophi-mpi", "denominator": 1000, "indicators": ["nutrition", "school_attendance", '
              '"sanitation", "child_mortality", "years_of_schooling", "cooking_fuel", "drinking_water", '
              '"electricity", "housing", "assets"], "points": [500, 1, 2, 4, 8, 16, 32, 64, 128, 245], '
              '"scores": [%s]}',
              string_agg(format('[%s, 1, [0, %s, %s]]', i,
                                array_to_string(ARRAY(SELECT ((i - 245 * (i >= 256)::int) >> j) & 1
                                                        FROM generate_series(0, 7) AS j), ', '),
                                (i >= 256)::int),
                         ', ' ORDER BY i))::povext.af_state AS s
  FROM generate_series(0, 400) AS i;
SELECT pg_column_compression(s) IS NOT NULL AS compressed FROM big_state;
CREATE FUNCTION stored_state(povext.af_state, povext.deprivations, text) RETURNS povext.af_state
    LANGUAGE sql AS 'SELECT s FROM public.big_state';
CREATE AGGREGATE moving_af(povext.deprivations, text) (
    SFUNC = povext.af_state_accum, STYPE = povext.af_state,
    MSFUNC = povext.af_state_accum, MINVFUNC = stored_state, MSTYPE = povext.af_state);
SELECT i, povext.af_measures(moving_af('{nutrition}', 'ophi-mpi')
                             OVER (ORDER BY i ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING), 0.5)
  FROM generate_series(1, 4) AS i;
DROP AGGREGATE moving_af(povext.deprivations, text);
DROP FUNCTION stored_state(povext.af_state, povext.deprivations, text);
DROP TABLE big_state;
RESET ROLE;

REVOKE CREATE ON SCHEMA public FROM povext_regress_untrusted;
DROP ROLE povext_regress_untrusted;

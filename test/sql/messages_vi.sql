-- povext's own messages in Vietnamese (po/vi.po, installed with the module)
-- when lc_messages is Vietnamese; the server's own words (ERROR, DETAIL)
-- stay English, since PostgreSQL 15 has no Vietnamese catalog of its own.
-- The facts a user needs (valid codes, the nearest one, periods of force)
-- are in the message or detail, which ODBC passes on, not only in the hint.
SET lc_messages = 'vi_VN.UTF-8';

-- a misspelt standard: the valid codes and the nearest
SELECT povext.classify(1000000, '{}', 'vn2022', 'urban');
-- nothing near: the valid codes only
SELECT povext.classify(1000000, '{}', 'xyz', 'urban');
-- a code far longer than any: no nearest looked for
SELECT povext.classify(1000000, '{}', repeat('v', 300), 'urban');
-- a misspelt indicator, with the hint
SELECT '{watr}'::povext.deprivations;
SELECT povext.deprivations_from_codes(ARRAY['sanitaton']);
-- a misspelt scope
SELECT povext.standard_in_force('nationl', 'urban', DATE '2024-06-01');
-- no standard in force: the periods of force in the detail
SELECT povext.standard_in_force('national', 'rural', DATE '2015-06-01');
-- a syntax error whose detail povext formats itself
SELECT '{water drinking_water}'::povext.deprivations;
SELECT '{"x": 1}'::povext.fgt_state;
-- a translated noun inside a translated message
SELECT povext.fgt_p0(income, 100) FROM (VALUES (-1.0::float8)) AS t (income);
-- a standard without income lines: message, detail and hint
SELECT povext.classify(1000000, '{}', 'ophi-mpi', 'urban');
-- a state that mixes standards
SELECT povext.af_state_agg(d, s)
  FROM (VALUES ('{}'::povext.deprivations, 'vn-2022'), ('{}', 'vn-2016')) AS t (d, s);

-- back to English
RESET lc_messages;
SELECT povext.classify(1000000, '{}', 'vn2022', 'urban');

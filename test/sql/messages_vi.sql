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

-- The messages of povext's PL/pgSQL functions, through povext.message();
-- PostgreSQL's CONTEXT lines (English, with line numbers) are left out.
\set SHOW_CONTEXT never
SELECT povext.create_registry('msg_vi', ARRAY['national']);
-- a scope without standard: the valid scopes in the detail
SELECT povext.create_registry('msg_vi_x', ARRAY['natonal']);
-- a review of an unknown kind
SELECT * FROM povext.registry_review('msg_vi', 'w1', DATE '2026-06-01', 'yearly', 'QĐ 1/2026');
-- a registry that does not exist, with the hint
SELECT * FROM povext.registry_review('no_such_registry', 'w1', DATE '2026-06-01', 'periodic', 'QĐ 1/2026');
-- a status that is neither a code nor a label
SELECT povext.parse_status('hộ giàu');
-- the shipped-row guard, replaced in 0.3.0
UPDATE povext.indicator SET code = 'internet' WHERE code = 'telecom';
SET client_min_messages = warning;
DROP SCHEMA msg_vi CASCADE;
RESET client_min_messages;
\set SHOW_CONTEXT errors

-- povext.message itself: translated, each % an argument, NULL as <NULL>
SELECT povext.message('household % is not in ward "%" of registry "%"', '12', 'w1', 'rv');
SELECT povext.message('invalid review kind "%"', NULL);
-- a text povext does not know comes back as it is, %% a percent sign
SELECT povext.message('100%% of % households', '5');
SELECT povext.message('no placeholder here');
SELECT povext.message('');
SELECT povext.message(NULL) IS NULL AS null_message;
SELECT povext.message('% and %', VARIADIC ARRAY['a', 'b']);
-- wrong argument counts and shapes
SELECT povext.message('household % does not exist in registry "%"', '12');
SELECT povext.message('Valid scopes are: %.', 'hcmc', 'national');
SELECT povext.message('50%');
SELECT povext.message('% %', VARIADIC ARRAY[['a', 'b'], ['c', 'd']]);

-- back to English
RESET lc_messages;
SELECT povext.message('invalid review kind "%"', 'yearly');
SELECT povext.message('household % does not exist in registry "%"', '12');
SELECT povext.classify(1000000, '{}', 'vn2022', 'urban');

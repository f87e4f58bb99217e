-- Contracts of povext: objects, volatility, parallel safety, pinned
-- search_path, comments, configuration dumps and SQLSTATEs.
BEGIN;
SELECT plan(67);

-- Objects
SELECT has_schema('povext');
SELECT has_type('povext', t, 'type povext.' || t || ' exists')
  FROM unnest(ARRAY['status', 'area', 'income_unit', 'rule_kind', 'confidence', 'deprivations']) AS t;
SELECT enum_has_labels('povext', 'status', ARRAY['poor', 'near_poor', 'middle', 'not_poor']);
SELECT enum_has_labels('povext', 'area', ARRAY['urban', 'rural']);
SELECT has_table('povext', t, 'table povext.' || t || ' exists')
  FROM unnest(ARRAY['indicator', 'standard', 'standard_line', 'standard_indicator']) AS t;
SELECT has_function('povext', 'classify', ARRAY['numeric', 'povext.deprivations', 'text', 'povext.area']);
SELECT has_function('povext', 'classify', ARRAY['numeric', 'povext.deprivations', 'text', 'povext.area', 'date']);
SELECT has_function('povext', 'explain_classification', ARRAY['numeric', 'povext.deprivations', 'text', 'povext.area']);
SELECT has_function('povext', 'explain_classification', ARRAY['numeric', 'povext.deprivations', 'text', 'povext.area', 'date']);
SELECT has_function('povext', 'per_capita_income', ARRAY['numeric', 'integer', 'povext.income_unit']);
SELECT set_eq($$
    SELECT am.amname::text, c.opcname::text FROM pg_opclass AS c JOIN pg_am AS am ON am.oid = c.opcmethod
     WHERE c.opcintype = 'povext.deprivations'::regtype AND c.opcdefault
$$, $$ VALUES ('btree', 'deprivations_ops'), ('hash', 'deprivations_hash_ops') $$,
   'deprivations has default btree and hash operator classes');
SELECT has_cast('text[]', 'povext.deprivations');
SELECT has_cast('povext.deprivations', 'text[]');

-- Honest volatility: readers of the catalog are STABLE, pure functions IMMUTABLE
SELECT volatility_is('povext', 'classify', ARRAY['numeric', 'povext.deprivations', 'text', 'povext.area'], 'stable');
SELECT volatility_is('povext', 'classify', ARRAY['numeric', 'povext.deprivations', 'text', 'povext.area', 'date'], 'stable');
SELECT volatility_is('povext', 'explain_classification', ARRAY['numeric', 'povext.deprivations', 'text', 'povext.area'], 'stable');
SELECT volatility_is('povext', 'deprivations_in', ARRAY['cstring'], 'stable');
SELECT volatility_is('povext', 'deprivations_out', ARRAY['povext.deprivations'], 'stable');
SELECT volatility_is('povext', 'deprivations_recv', ARRAY['internal'], 'stable');
SELECT volatility_is('povext', 'deprivations_send', ARRAY['povext.deprivations'], 'stable');
SELECT volatility_is('povext', 'per_capita_income', ARRAY['numeric', 'integer', 'povext.income_unit'], 'immutable');
SELECT volatility_is('povext', 'deprivation_count', ARRAY['povext.deprivations'], 'immutable');
SELECT is_strict('povext', 'classify', ARRAY['numeric', 'povext.deprivations', 'text', 'povext.area']);
SELECT is_strict('povext', 'explain_classification', ARRAY['numeric', 'povext.deprivations', 'text', 'povext.area', 'date']);

-- Catalog-wide rules
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc AS p
     WHERE p.pronamespace = 'povext'::regnamespace
       AND p.prorettype <> 'trigger'::regtype AND p.proparallel <> 's'
       AND p.proname NOT IN ('create_registry', 'registry_recompute', 'registry_check', 'registry_review',
                             'registry_review_candidates', 'registry_status_on', 'registry_escaped',
                             'registry_poor_group', 'registry_household_income',
                             'registry_create_reports', 'registry_create_suppressed_view', 'registry_create_mpi_contribution',
                             'registry_create_household_views',
                             'setup_roles',
                             'citus_setup', 'citus_catalog_check', 'distribute_registry',
                             'registry_shard_recompute', 'registry_shard_check')
$$, 'every povext function except triggers, the registry''s and Citus''s (which write or run queries) is PARALLEL SAFE');
SELECT set_eq($$
    SELECT p.proname::text, p.proparallel::text FROM pg_proc AS p
     WHERE p.pronamespace = 'povext'::regnamespace
       AND p.proname IN ('create_registry', 'registry_recompute', 'registry_check', 'registry_review',
                         'registry_review_candidates', 'registry_status_on', 'registry_escaped',
                         'registry_poor_group', 'registry_household_income', 'registry_shard_recompute',
                         'registry_shard_check')
$$, $$ VALUES ('create_registry', 'u'), ('registry_recompute', 'u'), ('registry_check', 'r'), ('registry_review', 'u'),
              ('registry_review_candidates', 'r'), ('registry_status_on', 'r'), ('registry_escaped', 'r'),
              ('registry_poor_group', 'r'), ('registry_household_income', 'r'), ('registry_shard_recompute', 'u'),
              ('registry_shard_check', 'r') $$,
   'the registry functions that write are PARALLEL UNSAFE, those that only read PARALLEL RESTRICTED');
SELECT is_empty($$
    SELECT a.aggfnoid::regprocedure::text FROM pg_aggregate AS a JOIN pg_proc AS p ON p.oid = a.aggfnoid
     WHERE p.pronamespace = 'povext'::regnamespace
       AND (a.aggcombinefn = 0 OR a.aggtranstype = 'internal'::regtype OR p.proparallel <> 's')
$$, 'every aggregate has a combine function, a real state type and is PARALLEL SAFE (so Citus can push it down)');
SELECT isnt_empty($$ SELECT FROM pg_aggregate AS a JOIN pg_proc AS p ON p.oid = a.aggfnoid
                      WHERE p.pronamespace = 'povext'::regnamespace $$, 'povext has aggregates');
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc AS p JOIN pg_language AS l ON l.oid = p.prolang
     WHERE p.pronamespace = 'povext'::regnamespace AND l.lanname NOT IN ('c', 'internal')
       AND NOT coalesce(p.proconfig @> ARRAY['search_path=pg_catalog, pg_temp'], false)
$$, 'every SQL and PL/pgSQL function pins search_path to pg_catalog, pg_temp');
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc AS p
     WHERE p.pronamespace = 'povext'::regnamespace AND p.prosecdef
       AND p.oid NOT IN ('povext.citus_catalog_push()'::regprocedure, 'povext.citus_catalog_apply()'::regprocedure)
$$, 'no function is SECURITY DEFINER but the two Citus catalog triggers (callable only as triggers; see the update script)');
SELECT is_empty($$
    SELECT 'function ' || p.oid::regprocedure FROM pg_proc AS p
     WHERE p.pronamespace = 'povext'::regnamespace AND obj_description(p.oid, 'pg_proc') IS NULL
    UNION ALL
    SELECT 'type ' || t.oid::regtype FROM pg_type AS t
     WHERE t.typnamespace = 'povext'::regnamespace AND t.typtype IN ('b', 'e', 'c', 'd')
       AND t.typrelid = 0 AND t.typcategory <> 'A' AND obj_description(t.oid, 'pg_type') IS NULL
    UNION ALL
    SELECT 'relation ' || c.oid::regclass FROM pg_class AS c
     WHERE c.relnamespace = 'povext'::regnamespace AND c.relkind IN ('r', 'v', 'm', 'S')
       AND obj_description(c.oid, 'pg_class') IS NULL
    UNION ALL
    SELECT 'column ' || c.oid::regclass || '.' || a.attname FROM pg_class AS c JOIN pg_attribute AS a ON a.attrelid = c.oid
     WHERE c.relnamespace = 'povext'::regnamespace AND c.relkind IN ('r', 'v', 'm') AND a.attnum > 0
       AND NOT a.attisdropped AND col_description(c.oid, a.attnum) IS NULL
    UNION ALL
    SELECT 'operator ' || o.oid::regoperator FROM pg_operator AS o
     WHERE o.oprnamespace = 'povext'::regnamespace AND obj_description(o.oid, 'pg_operator') IS NULL
    UNION ALL
    SELECT 'operator class ' || c.opcname FROM pg_opclass AS c
     WHERE c.opcnamespace = 'povext'::regnamespace AND obj_description(c.oid, 'pg_opclass') IS NULL
    UNION ALL
    SELECT 'trigger ' || t.tgname || ' on ' || t.tgrelid::regclass FROM pg_trigger AS t
      JOIN pg_class AS c ON c.oid = t.tgrelid
     WHERE c.relnamespace = 'povext'::regnamespace AND NOT t.tgisinternal
       AND obj_description(t.oid, 'pg_trigger') IS NULL
    UNION ALL
    SELECT 'schema povext' WHERE obj_description('povext'::regnamespace, 'pg_namespace') IS NULL
$$, 'every function, aggregate, type, table, column, operator, operator class, trigger and the schema has a comment');
SELECT is_empty($$
    SELECT pg_describe_object(d.classid, d.objid, 0) FROM pg_depend AS d
      JOIN pg_extension AS e ON e.oid = d.refobjid AND e.extname = 'povext'
     WHERE d.deptype = 'e' AND d.classid = 'pg_proc'::regclass
       AND (SELECT pronamespace FROM pg_proc WHERE oid = d.objid) <> 'povext'::regnamespace
$$, 'every function of the extension is in schema povext');
SELECT set_eq($$
    SELECT c.relname::text, cond FROM pg_extension AS e,
           unnest(e.extconfig, e.extcondition) AS x(relid, cond) JOIN pg_class AS c ON c.oid = x.relid
     WHERE e.extname = 'povext'
$$, $$ VALUES ('indicator', 'WHERE NOT shipped OR corrected'), ('standard', 'WHERE NOT shipped OR corrected'),
              ('standard_line', 'WHERE NOT shipped OR corrected'), ('standard_indicator', 'WHERE NOT shipped OR corrected'),
              ('retired_indicator_bit', ''), ('indicator_cutoff', 'WHERE NOT shipped OR corrected'),
              ('monitoring_window', 'WHERE NOT shipped OR corrected'), ('poor_group_rule', 'WHERE NOT shipped OR corrected'),
              ('indicator_bit_seq', ''), ('label', 'WHERE NOT shipped OR corrected'), ('registry', '') $$,
   'pg_dump keeps the rows a DBA added or corrected');
SELECT is_empty($$
    SELECT c.relname FROM pg_class AS c
     WHERE c.relnamespace = 'povext'::regnamespace AND c.relkind = 'r'
       AND NOT has_table_privilege('public', c.oid, 'SELECT')
$$, 'everyone may read the catalog that classification reads');
SELECT ok(has_sequence_privilege('public', 'povext.indicator_bit_seq', 'SELECT'),
          'every role''s pg_dump may read the sequence of the bits given before 0.3.0');
SELECT is((SELECT count(*)::int FROM pg_trigger WHERE tgname = 'catalog_changed'
            AND tgrelid::regclass::text LIKE 'povext.%'), 5,
          'every catalog table invalidates the classification cache');

-- SQLSTATEs of user errors
SELECT throws_ok($$ SELECT '{water'::povext.deprivations $$, '22P02', NULL, 'malformed deprivation set');
SELECT throws_ok($$ SELECT '{water,nope}'::povext.deprivations $$, '22P02',
                 'unknown deprivation indicator "nope"', 'unknown indicator code');
SELECT throws_ok($$ SELECT '{water,water}'::povext.deprivations $$, '22P02',
                 'deprivation indicator "water" appears more than once', 'repeated indicator code');
SELECT throws_ok($$ SELECT 'water'::povext.deprivations $$, '22P02', NULL, 'set without braces');
SELECT throws_ok($$ SELECT ARRAY['water', NULL]::povext.deprivations $$, '22004', NULL, 'NULL code in an array');
SELECT throws_ok($$ SELECT ARRAY['nope']::povext.deprivations $$, '22P02', NULL, 'unknown code in an array');
SELECT throws_ok($$ SELECT povext.classify(-1, '{}', 'vn-2022', 'urban') $$, '22023',
                 'per-capita income must not be negative', 'negative income');
SELECT throws_ok($$ SELECT povext.classify('NaN', '{}', 'vn-2022', 'urban') $$, '22023', NULL, 'NaN income');
SELECT throws_ok($$ SELECT povext.classify(1, '{}', 'vn-1999', 'urban') $$, '42704',
                 'poverty standard "vn-1999" does not exist', 'unknown standard');
SELECT throws_ok($$ SELECT povext.classify(1, '{}', 'ophi-mpi', 'urban') $$, '22023', NULL, 'standard without income lines');
SELECT throws_ok($$ SELECT povext.classify(1, '{}', 'national', 'urban', '2010-01-01') $$, '22023', NULL,
                 'a date no standard covers');
SELECT throws_ok($$ SELECT povext.per_capita_income(100, 0) $$, '22023',
                 'number of household members must be positive', 'zero members');
SELECT throws_ok($$ SELECT povext.per_capita_income(-100, 2) $$, '22023', NULL, 'negative household income');
SELECT throws_ok($$ DELETE FROM povext.standard WHERE code = 'vn-2016' $$, '55000', NULL, 'deleting a shipped standard');
SELECT throws_ok($$ TRUNCATE povext.standard_line $$, '55000', NULL, 'truncating shipped lines');
SELECT throws_ok($$ UPDATE povext.indicator SET bit = 60 WHERE code = 'water' $$, '55000', NULL, 'changing an indicator bit');
SELECT throws_ok($$ UPDATE povext.standard SET code = 'vn-2016b' WHERE code = 'vn-2016' $$, '55000', NULL,
                 'renaming a shipped standard');
SELECT throws_ok($$ SELECT povext.classify(1, '{}', 'nowhere', 'urban', '2023-01-01') $$, '42704', NULL, 'unknown scope');
SELECT lives_ok($$ INSERT INTO povext.standard_line VALUES
                   ('vn-2016', 'national', 'urban', '[2040-01-01,2041-01-01)', 1, 1, NULL, 'x', 'unknown') $$,
                'inserting a row with the key of a shipped row');
SELECT is((SELECT in_force::text || ' ' || shipped || ' ' || corrected FROM povext.standard_line
            WHERE standard = 'vn-2016' AND area = 'urban'),
          '[2040-01-01,2041-01-01) true true', 'the inserted row corrected the shipped one in place');
SELECT throws_ok($$ UPDATE povext.standard_line SET in_force = '[2016-01-01,2022-06-01)'
                     WHERE standard = 'vn-2016' AND area = 'urban' $$,
                 '23P01', NULL, 'overlapping periods of one scope and area');

-- NULL in, NULL out
SELECT is(povext.classify(NULL, '{}', 'vn-2022', 'urban'), NULL, 'NULL income gives NULL');
SELECT is(povext.classify(1, '{}', 'national', 'urban', NULL), NULL, 'NULL date gives NULL');

SELECT * FROM finish();
ROLLBACK;

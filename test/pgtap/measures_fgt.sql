-- Contracts of the FGT and inequality measures: objects, aggregates fit for
-- parallel plans and Citus (combine function, real state type, PARALLEL
-- SAFE), honest volatility and strictness, and the SQLSTATEs of errors.
BEGIN;
SELECT plan(62);

-- Objects
SELECT has_type('povext', t, 'type povext.' || t || ' exists') FROM unnest(ARRAY['fgt_state', 'sample_state']) AS t;
SELECT set_eq($$
    SELECT p.oid::regprocedure::text FROM pg_aggregate AS a JOIN pg_proc AS p ON p.oid = a.aggfnoid
     WHERE a.aggtranstype IN ('povext.fgt_state'::regtype, 'povext.sample_state'::regtype)
$$, $$ VALUES
    ('povext.fgt_state_agg(double precision,double precision)'),
    ('povext.fgt_state_agg(double precision,double precision,double precision)'),
    ('povext.fgt_state_agg(double precision,double precision,double precision,boolean)'),
    ('povext.fgt_state_merge(povext.fgt_state)'),
    ('povext.fgt_p0(double precision,double precision)'),
    ('povext.fgt_p0(double precision,double precision,double precision)'),
    ('povext.fgt_p0(double precision,double precision,double precision,boolean)'),
    ('povext.fgt_p1(double precision,double precision)'),
    ('povext.fgt_p1(double precision,double precision,double precision)'),
    ('povext.fgt_p1(double precision,double precision,double precision,boolean)'),
    ('povext.fgt_p2(double precision,double precision)'),
    ('povext.fgt_p2(double precision,double precision,double precision)'),
    ('povext.fgt_p2(double precision,double precision,double precision,boolean)'),
    ('povext.fgt_watts(double precision,double precision)'),
    ('povext.fgt_watts(double precision,double precision,double precision)'),
    ('povext.fgt_watts(double precision,double precision,double precision,boolean)'),
    ('povext.fgt_state_agg_household(numeric,integer,text,povext.area,date)'),
    ('povext.fgt_state_agg_household(numeric,integer,text,povext.area,date,double precision)'),
    ('povext.fgt_p0_household(numeric,integer,text,povext.area,date)'),
    ('povext.fgt_p0_household(numeric,integer,text,povext.area,date,double precision)'),
    ('povext.fgt_p1_household(numeric,integer,text,povext.area,date)'),
    ('povext.fgt_p1_household(numeric,integer,text,povext.area,date,double precision)'),
    ('povext.fgt_p2_household(numeric,integer,text,povext.area,date)'),
    ('povext.fgt_p2_household(numeric,integer,text,povext.area,date,double precision)'),
    ('povext.fgt_watts_household(numeric,integer,text,povext.area,date)'),
    ('povext.fgt_watts_household(numeric,integer,text,povext.area,date,double precision)'),
    ('povext.sample_state_agg(double precision)'),
    ('povext.sample_state_agg(double precision,double precision)'),
    ('povext.sample_state_merge(povext.sample_state)'),
    ('povext.gini(double precision,double precision)'),
    ('povext.weighted_median(double precision,double precision)'),
    ('povext.weighted_quantile(double precision,double precision,double precision)')
$$, 'the FGT and sample aggregates are exactly these');
SELECT has_operator('povext.fgt_state', 'povext', '+', 'povext.fgt_state', 'povext.fgt_state', 'operator + merges FGT states');
SELECT has_operator('povext.sample_state', 'povext', '+', 'povext.sample_state', 'povext.sample_state',
                    'operator + merges samples');
SELECT has_function('povext', 'fgt_measures', ARRAY['povext.fgt_state']);
SELECT has_function('povext', f, ARRAY['povext.fgt_state'], 'accessor povext.' || f || '(fgt_state) exists')
  FROM unnest(ARRAY['fgt_p0', 'fgt_p1', 'fgt_p2', 'fgt_watts']) AS f;
SELECT has_function('povext', f, ARRAY['povext.sample_state'], 'accessor povext.' || f || '(sample_state) exists')
  FROM unnest(ARRAY['sample_gini', 'sample_median', 'sample_quantile']) AS f;
SELECT has_function('povext', 'sample_quantile', ARRAY['povext.sample_state', 'double precision']);

-- Aggregates: combine function, real (not internal) state type, PARALLEL SAFE
SELECT is_empty($$
    SELECT a.aggfnoid::regprocedure::text FROM pg_aggregate AS a JOIN pg_proc AS p ON p.oid = a.aggfnoid
     WHERE a.aggtranstype IN ('povext.fgt_state'::regtype, 'povext.sample_state'::regtype) AND a.aggcombinefn = 0
$$, 'every FGT and sample aggregate has a combine function');
SELECT is_empty($$
    SELECT a.aggfnoid::regprocedure::text FROM pg_aggregate AS a JOIN pg_proc AS p ON p.oid = a.aggfnoid
     WHERE p.pronamespace = 'povext'::regnamespace AND p.proname ~ '^(fgt_|sample_state_|gini$|weighted_)'
       AND (a.aggtranstype = 'internal'::regtype OR a.aggserialfn <> 0)
$$, 'no FGT or sample aggregate has an internal state or needs a serial function');
SELECT is_empty($$
    SELECT a.aggfnoid::regprocedure::text FROM pg_aggregate AS a JOIN pg_proc AS p ON p.oid = a.aggfnoid
     WHERE a.aggtranstype IN ('povext.fgt_state'::regtype, 'povext.sample_state'::regtype) AND p.proparallel <> 's'
$$, 'every FGT and sample aggregate is PARALLEL SAFE');
SELECT is_empty($$
    SELECT a.aggfnoid::regprocedure::text FROM pg_aggregate AS a
      JOIN pg_proc AS f ON f.oid IN (a.aggtransfn, a.aggcombinefn, a.aggfinalfn)
     WHERE a.aggtranstype IN ('povext.fgt_state'::regtype, 'povext.sample_state'::regtype)
       AND (f.proparallel <> 's'
            OR f.provolatile <> CASE WHEN f.proname = 'fgt_state_accum_household' THEN 's' ELSE 'i' END)
$$, 'their transition, combine and final functions are IMMUTABLE (STABLE: fgt_state_accum_household, which reads the catalog) and PARALLEL SAFE');
SELECT is_empty($$
    SELECT a.aggfnoid::regprocedure::text FROM pg_aggregate AS a
     WHERE a.aggtranstype IN ('povext.fgt_state'::regtype, 'povext.sample_state'::regtype)
       AND (a.aggfinalmodify <> 'r' OR a.agginitval IS NOT NULL)
$$, 'their final functions do not modify the state and there is no initial value');
SELECT is((SELECT count(*)::int FROM pg_type WHERE oid IN ('povext.fgt_state'::regtype, 'povext.sample_state'::regtype)
            AND typsend <> 0 AND typreceive <> 0 AND typalign = 'd'), 2,
          'both state types have send and receive functions and double alignment');
SELECT is((SELECT typstorage::text FROM pg_type WHERE oid = 'povext.sample_state'::regtype), 'x',
          'samples can be compressed and stored out of line');

-- Honest volatility and strictness
SELECT volatility_is('povext', f, ARRAY['povext.fgt_state'], 'immutable', 'povext.' || f || '(fgt_state) is IMMUTABLE')
  FROM unnest(ARRAY['fgt_measures', 'fgt_p0', 'fgt_p1', 'fgt_p2', 'fgt_watts']) AS f;
SELECT is_strict('povext', f, ARRAY['povext.fgt_state'], 'povext.' || f || '(fgt_state) is STRICT')
  FROM unnest(ARRAY['fgt_measures', 'fgt_p0', 'fgt_p1', 'fgt_p2', 'fgt_watts']) AS f;
SELECT is_strict('povext', f, ARRAY['povext.sample_state'], 'povext.' || f || '(sample_state) is STRICT')
  FROM unnest(ARRAY['sample_gini', 'sample_median', 'sample_quantile']) AS f;
SELECT isnt_strict('povext', 'fgt_state_combine', ARRAY['povext.fgt_state', 'povext.fgt_state'],
                   'the FGT combine function takes NULL states');
SELECT isnt_strict('povext', 'sample_state_combine', ARRAY['povext.sample_state', 'povext.sample_state'],
                   'the sample combine function takes NULL states');
SELECT is_strict('povext', 'fgt_state_add', ARRAY['povext.fgt_state', 'povext.fgt_state'], 'operator + on FGT states is STRICT');

-- Results
SELECT is((SELECT povext.fgt_p0(y, 3, w) FROM (VALUES (1, 1), (2, 2), (3, 1), (4, 1), (10, 5)) AS v(y, w)), 0.4,
          'P0 of the hand-computed case (poor at the line)');
SELECT is((SELECT povext.fgt_p0(y, 3, w, false) FROM (VALUES (1, 1), (2, 2), (3, 1), (4, 1), (10, 5)) AS v(y, w)), 0.3,
          'P0 of the hand-computed case (poor below the line)');
SELECT is((SELECT povext.gini(x, w) FROM (VALUES (1, 2), (2, 1), (4, 1)) AS v(x, w)), 31.25::float8, 'hand-computed weighted Gini');
SELECT is((SELECT povext.weighted_median(x, w) FROM (VALUES (1, 1), (2, 2), (3, 1), (4, 1), (10, 5)) AS v(x, w)), 7::float8,
          'weighted median on a cumulative weight boundary averages the two values');
SELECT is(povext.fgt_p0(NULL::povext.fgt_state), NULL, 'NULL state gives NULL');
SELECT is((SELECT povext.gini(x, 0) FROM (VALUES (1), (2)) AS v(x)), NULL, 'zero total weight gives NULL');

-- SQLSTATEs of errors
SELECT throws_ok($$ SELECT povext.fgt_state_agg(1, 3, -1) $$, '22023', 'weight must not be negative', 'negative weight');
SELECT throws_ok($$ SELECT povext.fgt_state_agg(-1, 3, 1) $$, '22023', 'income must not be negative', 'negative income');
SELECT throws_ok($$ SELECT povext.fgt_state_agg('NaN', 3, 1) $$, '22023', 'income must be a finite number', 'NaN income');
SELECT throws_ok($$ SELECT povext.fgt_state_agg('Infinity', 3, 1) $$, '22023', 'income must be a finite number', 'infinite income');
SELECT throws_ok($$ SELECT povext.fgt_state_agg(1, 0, 1) $$, '22023', 'poverty line must be a positive finite number',
                 'zero poverty line');
SELECT throws_ok($$ SELECT povext.fgt_state_agg(1, 'Infinity', 1) $$, '22023', NULL, 'infinite poverty line');
SELECT throws_ok($$ SELECT povext.fgt_state_agg(1, z) FROM (VALUES (3), (4)) AS v(z) $$, '22023',
                 'poverty line changed within one aggregation', 'a line that changes within one aggregation');
SELECT throws_ok($$ SELECT povext.fgt_state_agg(1, 3, 1, b) FROM (VALUES (true), (false)) AS v(b) $$, '22023',
                 'poor_at_line changed within one aggregation', 'a boundary that changes within one aggregation');
SELECT throws_ok($$ SELECT povext.fgt_state_agg(1, 3) OPERATOR(povext.+) povext.fgt_state_agg(1, 4) $$, '22023',
                 'cannot merge fgt_state values with different poverty lines', 'merging different lines');
SELECT throws_ok($$ SELECT povext.fgt_state_agg(1, 3, 1, true) OPERATOR(povext.+) povext.fgt_state_agg(1, 3, 1, false) $$, '22023',
                 'cannot merge fgt_state values with different poverty boundaries', 'merging different boundaries');
SELECT throws_ok($$ SELECT povext.fgt_state_agg(1, 3, 1e13) $$, '22003', NULL, 'weight out of range of the fixed point');
SELECT throws_ok($$ SELECT povext.fgt_state_agg(1, 3, 1, NULL) $$, '22004', 'poor_at_line must not be null', 'NULL boundary');
SELECT throws_ok($$ SELECT '{"poverty_line": 3}'::povext.fgt_state $$, '22P02', NULL, 'malformed fgt_state text');
SELECT throws_ok($$ SELECT povext.gini(1, -1) $$, '22023', 'weight must not be negative', 'negative sample weight');
SELECT throws_ok($$ SELECT povext.gini('NaN', 1) $$, '22023', 'value must be a finite number', 'NaN sample value');
SELECT throws_ok($$ SELECT povext.weighted_quantile(1, 1, 1.5) $$, '22023', 'quantile order must be between 0 and 1',
                 'quantile order above 1');
SELECT throws_ok($$ SELECT povext.weighted_quantile(x, 1, p) FROM (VALUES (1, 0.5), (2, 0.9)) AS v(x, p) $$, '22023',
                 'quantile order changed within one aggregation', 'a quantile order that changes within one aggregation');
SELECT throws_ok($$ SELECT '{"p": 0.5, "values": [], "weights": []}'::povext.sample_state
                         OPERATOR(povext.+) '{"p": 0.9, "values": [], "weights": []}'::povext.sample_state $$, '22023',
                 'cannot merge sample_state values with different quantile orders', 'merging different quantile orders');
SELECT throws_ok($$ SELECT '{"p": null, "values": [1], "weights": []}'::povext.sample_state $$, '22P02', NULL,
                 'malformed sample_state text');

SELECT * FROM finish();
ROLLBACK;

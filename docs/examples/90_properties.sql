SELECT p.oid::regprocedure AS function,
       CASE p.prokind WHEN 'a' THEN 'aggregate' ELSE 'function' END AS kind,
       CASE p.provolatile WHEN 'i' THEN 'immutable' WHEN 's' THEN 'stable' ELSE 'volatile' END AS volatility,
       CASE p.proparallel WHEN 's' THEN 'safe' WHEN 'r' THEN 'restricted' ELSE 'unsafe' END AS parallel,
       p.proisstrict AS strict, p.proleakproof AS leakproof
  FROM pg_proc AS p
 WHERE p.pronamespace = 'povext'::regnamespace
 ORDER BY p.proname, p.oid::regprocedure::text;
SELECT a.aggfnoid::regprocedure AS aggregate, t.proname AS transition, c.proname AS combine, f.proname AS final
  FROM pg_aggregate AS a
  JOIN pg_proc AS p ON p.oid = a.aggfnoid
  JOIN pg_proc AS t ON t.oid = a.aggtransfn
  JOIN pg_proc AS c ON c.oid = a.aggcombinefn
  LEFT JOIN pg_proc AS f ON f.oid = a.aggfinalfn
 WHERE p.pronamespace = 'povext'::regnamespace
 ORDER BY a.aggfnoid::regprocedure::text;

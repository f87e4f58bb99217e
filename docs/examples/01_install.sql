SELECT extname, extversion, extnamespace::regnamespace AS schema
  FROM pg_extension WHERE extname IN ('povext', 'btree_gist') ORDER BY extname;
SET search_path = public;
SELECT '{water}'::povext.deprivations = '{water}'::povext.deprivations;
SELECT '{water}'::povext.deprivations OPERATOR(povext.=) '{water}'::povext.deprivations AS equal;
SET search_path = public, povext;
SELECT '{water}'::deprivations = '{water}' AS equal;
SET search_path = povext;
SELECT classify(1800000, '{water}', 'vn-2022', 'urban') AS status, '{water}'::deprivations = '{water}' AS equal;

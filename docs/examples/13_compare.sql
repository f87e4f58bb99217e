SELECT d FROM (VALUES ('{nutrition}'::deprivations), ('{employment,dependants}'), ('{dependants}'),
                      ('{}'), ('{employment}'), ('{water}')) AS v(d)
 ORDER BY d;
SELECT '{water,sanitation}'::deprivations = '{sanitation,water}' AS equal,
       '{water}'::deprivations <> '{water}' AS differ,
       '{nutrition}'::deprivations < '{employment,dependants,health_insurance}' AS less;
CREATE TABLE household_demo AS
SELECT g AS id, (ARRAY['{}', '{water}', '{water,sanitation}', '{nutrition,health_insurance,water}'])[1 + g % 4]::deprivations AS d
  FROM generate_series(1, 20000) AS g;
CREATE INDEX household_demo_d_btree ON household_demo (d);
CREATE INDEX household_demo_d_hash ON household_demo USING hash (d);
ANALYZE household_demo;
SELECT d, count(*) FROM household_demo GROUP BY d ORDER BY d;
EXPLAIN (COSTS OFF) SELECT count(*) FROM household_demo WHERE d = '{water,sanitation}';
EXPLAIN (COSTS OFF) SELECT count(*) FROM household_demo WHERE d @> '{water}';
CREATE INDEX ON household_demo (deprivation_count(d));
CREATE INDEX ON household_demo ((d::text[]));
DROP TABLE household_demo;

CREATE TABLE big_household AS
SELECT g AS id, 1 + g % 16 AS ward, 1 + g % 7 AS members,
       (300000 + (g * 7919) % 4000000)::float8 AS income,
       (ARRAY['{}', '{water}', '{water,sanitation,telecom}',
              '{nutrition,health_insurance,water,housing_area}'])[1 + g % 4]::deprivations AS deprivations
  FROM generate_series(1, 40000) AS g;
ANALYZE big_household;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
EXPLAIN (COSTS OFF)
SELECT af_state_agg(deprivations, 'vn-2022', members), fgt_state_agg(income, 2000000, members),
       sample_state_agg(income, members)
  FROM big_household;
EXPLAIN (COSTS OFF)
SELECT ward, af_m0(deprivations, 'vn-2022', members, 3/12.0), fgt_p0(income, 2000000, members),
       gini(income, members)
  FROM big_household GROUP BY ward;
CREATE TABLE parallel_result AS
SELECT af_state_agg(deprivations, 'vn-2022', members)::text AS af, fgt_state_agg(income, 2000000, members)::text AS fgt,
       gini(income, members) AS gini
  FROM big_household;
SET max_parallel_workers_per_gather = 0;
SELECT af_state_agg(deprivations, 'vn-2022', members)::text = (SELECT af FROM parallel_result) AS af_same,
       fgt_state_agg(income, 2000000, members)::text = (SELECT fgt FROM parallel_result) AS fgt_same,
       gini(income, members) = (SELECT gini FROM parallel_result) AS gini_same
  FROM big_household;

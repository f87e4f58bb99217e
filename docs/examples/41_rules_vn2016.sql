SELECT h.y AS per_capita_income, h.d AS deprivations, e.deprivation_count AS d, e.matched_rule, e.status
  FROM (VALUES (1, 700000, '{}'::deprivations),
               (2, 700001, '{water,sanitation,telecom}'),
               (3, 1000000, '{water,sanitation}'),
               (4, 1000001, '{water,sanitation,telecom}'),
               (5, 1500000, '{}'),
               (6, 1500001, '{}')) AS h(n, y, d),
       explain_classification(h.y, h.d, 'vn-2016', 'rural') AS e
 ORDER BY h.n;

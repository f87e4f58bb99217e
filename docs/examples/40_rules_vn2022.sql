SELECT h.y AS per_capita_income, h.d AS deprivations, e.deprivation_count AS d, e.matched_rule, e.status
  FROM (VALUES (1, 1999999, '{water,sanitation,telecom}'::deprivations),
               (2, 2000000, '{water,sanitation,telecom}'),
               (3, 2000000, '{water,sanitation}'),
               (4, 2000000, '{water,sanitation,social_insurance}'),
               (5, 2000001, '{water,sanitation,telecom,employment}'),
               (6, 3000000, '{}'),
               (7, 3000001, '{}')) AS h(n, y, d),
       explain_classification(h.y, h.d, 'vn-2022', 'urban') AS e
 ORDER BY h.n;

-- setup: households
SELECT per_capita_income(income, members) AS per_capita_income,
       round(per_capita_income(income, members), 0) AS shown
  FROM household WHERE id = 2;
SELECT ward, m.headcount_ratio, m.m0,
       round(m.headcount_ratio, 4) AS h, round(100 * m.m0, 1) AS m0_percent
  FROM (SELECT ward, af_state_agg(deprivations, 'vn-2022', members) AS s
          FROM household GROUP BY ward) AS w,
       af_measures(w.s, 3/12.0) AS m
 ORDER BY ward;
SELECT fgt_p0(per_capita_income(income, members)::float8, 1500000) AS p0,
       round(fgt_p0(per_capita_income(income, members)::float8, 1500000), 4) AS shown
  FROM household;

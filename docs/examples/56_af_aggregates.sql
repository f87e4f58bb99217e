-- setup: households
SELECT ward,
       af_headcount_ratio(deprivations, 'vn-2022', members, 3/12.0) AS h,
       af_intensity(deprivations, 'vn-2022', members, 3/12.0) AS a,
       af_m0(deprivations, 'vn-2022', members, 3/12.0) AS m0,
       af_m0(deprivations, 'vn-2022', 3/12.0) AS m0_of_households
  FROM household GROUP BY ward ORDER BY ward;
SELECT ward, m.headcount_ratio AS h, m.intensity AS a, m.m0
  FROM (SELECT ward, af_state_agg(deprivations, 'vn-2022', members) AS state FROM household GROUP BY ward) AS s,
       af_measures_at_count(s.state, 3) AS m
 ORDER BY ward;

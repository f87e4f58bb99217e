-- setup: households
SELECT ward,
       af_headcount_ratio(deprivations, 'vn-2022', members, 3/12.0) AS h,
       af_m0(deprivations, 'vn-2022', members, 3/12.0) AS mpi
  FROM household
 GROUP BY ROLLUP (ward)
 ORDER BY ward;

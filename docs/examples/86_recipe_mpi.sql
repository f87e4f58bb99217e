-- setup: households
SELECT ward,
       af_headcount_ratio(deprivations, standard_in_force('national', area, '2025-06-01'), members, 3/12.0) AS h,
       af_m0(deprivations, standard_in_force('national', area, '2025-06-01'), members, 3/12.0) AS mpi
  FROM household
 GROUP BY ROLLUP (ward)
 ORDER BY ward;

-- setup: households
WITH per_ward AS (
  SELECT ward, af_state_agg(deprivations, standard_in_force('national', area, '2025-06-01'), members) AS mpi,
         sample_state_agg(per_capita_income(income, members, 'month'), members) AS incomes
    FROM household GROUP BY ward)
SELECT ward, (af_measures_at_count(mpi, 3)).m0 AS mpi, sample_gini(incomes) AS gini
  FROM per_ward
UNION ALL
SELECT NULL, (af_measures_at_count(af_state_merge(mpi), 3)).m0, sample_gini(sample_state_merge(incomes))
  FROM per_ward
 ORDER BY ward;

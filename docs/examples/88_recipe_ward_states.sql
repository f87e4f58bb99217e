-- setup: households
CREATE TABLE ward_state (
    ward int,
    survey date,
    mpi af_state,
    income_poverty fgt_state,
    incomes sample_state,
    PRIMARY KEY (ward, survey)
);
INSERT INTO ward_state
SELECT ward, '2025-06-01',
       af_state_agg(deprivations, standard_in_force('national', area, '2025-06-01'), members),
       fgt_state_agg_household(income, members, 'national', area, '2025-06-01', members),
       sample_state_agg(per_capita_income(income, members, 'month'), members)
  FROM household GROUP BY ward;
SELECT survey,
       (af_measures_at_count(af_state_merge(mpi), 3)).m0 AS district_mpi,
       fgt_p0(fgt_state_merge(income_poverty)) AS district_p0,
       sample_gini(sample_state_merge(incomes)) AS district_gini,
       sample_median(sample_state_merge(incomes)) AS district_median
  FROM ward_state GROUP BY survey ORDER BY survey;
SELECT pg_column_size(mpi) AS mpi_bytes, pg_column_size(income_poverty) AS fgt_bytes,
       pg_column_size(incomes) AS sample_bytes
  FROM ward_state WHERE ward = 1;

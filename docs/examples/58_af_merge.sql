-- setup: households
CREATE TABLE ward_mpi_state AS
SELECT ward, af_state_agg(deprivations, 'vn-2022', members) AS state FROM household GROUP BY ward;
SELECT (SELECT af_state_merge(state) FROM ward_mpi_state)::text
     = (SELECT af_state_agg(deprivations, 'vn-2022', members) FROM household)::text AS merged_equals_direct,
       (SELECT a.state + b.state FROM ward_mpi_state AS a, ward_mpi_state AS b WHERE a.ward = 1 AND b.ward = 2)::text
     = (SELECT af_state_agg(deprivations, 'vn-2022', members) FROM household)::text AS plus_equals_direct;
SELECT m.population, m.poor_population, m.headcount_ratio, m.intensity, m.m0
  FROM (SELECT af_state_merge(state) AS state FROM ward_mpi_state) AS d, af_measures_at_count(d.state, 3) AS m;

-- setup: af_2011
CREATE TABLE person_state AS SELECT af_state_agg(deprivations, 'af-2011') AS state FROM person;
SELECT k, m.poor_population, m.headcount_ratio, m.intensity, m.m0
  FROM person_state, unnest('{0.25,0.3,0.5,1}'::numeric[]) AS k, af_measures(state, k) AS m
 ORDER BY k;
SELECT n, m.cutoff_share, m.headcount_ratio, m.intensity, m.m0
  FROM person_state, generate_series(1, 4) AS n, af_measures_at_count(state, n) AS m
 ORDER BY n;

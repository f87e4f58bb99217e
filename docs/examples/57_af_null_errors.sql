-- setup: af_2011
SELECT af_state_agg(deprivations, 'af-2011') IS NULL AS no_rows,
       af_m0(deprivations, 'af-2011', 0.5) AS m0_no_rows
  FROM person WHERE false;
SELECT af_state_agg(deprivations, 'af-2011', CASE WHEN id = 3 THEN NULL ELSE 1 END) AS null_weight_skipped
  FROM person;
SELECT m.population, m.poor_population, m.headcount_ratio, m.intensity, m.m0
  FROM (SELECT af_state_agg(deprivations, 'af-2011', 0) AS state FROM person) AS s,
       af_measures(s.state, 0.5) AS m;
SELECT m.population, m.poor_population, m.headcount_ratio, m.intensity, m.m0
  FROM (SELECT af_state_agg(deprivations, 'af-2011') AS state FROM person WHERE id IN (1, 4)) AS s,
       af_measures(s.state, 0.5) AS m;
SELECT af_state_agg(deprivations, 'af-2011', -1) FROM person;
SELECT af_state_agg(deprivations, 'af-2011', 'NaN') FROM person;
SELECT af_state_agg(deprivations, 'no-such-standard') FROM person;
SELECT af_state_agg(deprivations, CASE WHEN id < 3 THEN 'af-2011' ELSE 'ophi-mpi' END) FROM person;
SELECT af_m0(deprivations, 'af-2011', CASE WHEN id < 3 THEN 0.5 ELSE 0.25 END) FROM person;
SELECT m.* FROM (SELECT af_state_agg(deprivations, 'af-2011') AS s FROM person) AS p, af_measures(p.s, 0) AS m;
SELECT m.* FROM (SELECT af_state_agg(deprivations, 'af-2011') AS s FROM person) AS p, af_measures_at_count(p.s, 5) AS m;
INSERT INTO standard (code, scope, name, unit, rule, minimum_deprivations, legal_basis, confidence)
VALUES ('half-done', 'example', 'Weights not entered yet', NULL, 'weighted_score', NULL, 'none', 'unknown');
SELECT af_state_agg('{}', 'half-done');
INSERT INTO standard_indicator (standard, indicator, weight_numerator, weight_denominator, confidence)
VALUES ('half-done', 'water', 1, 2, 'unknown');
SELECT af_state_agg('{}', 'half-done');
SELECT (SELECT af_state_agg(deprivations, 'af-2011') FROM person)
     + (SELECT af_state_agg(deprivations, 'vn-2022') FROM person);

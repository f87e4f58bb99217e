-- setup: af_2011
SELECT af_state_agg(deprivations, 'af-2011') AS state FROM person;
SELECT m.*
  FROM (SELECT af_state_agg(deprivations, 'af-2011') AS state FROM person) AS s,
       af_measures_at_count(s.state, 2) AS m;
SELECT m.*
  FROM (SELECT af_state_agg(deprivations, 'af-2011') AS state FROM person) AS s,
       af_measures(s.state, 0.5) AS m;

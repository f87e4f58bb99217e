-- setup: af_2011
SELECT i.*
  FROM (SELECT af_state_agg(deprivations, 'af-2011') AS state FROM person) AS p,
       af_indicators(p.state, 0.5) AS i
 ORDER BY i.indicator;
SELECT sum(contribution) AS total
  FROM (SELECT af_state_agg(deprivations, 'af-2011') AS state FROM person) AS p,
       af_indicators(p.state, 0.5);

-- setup: af_2011
SELECT s.*
  FROM (SELECT af_state_agg(deprivations, 'af-2011') AS state FROM person) AS p,
       af_sweep(p.state) AS s
 ORDER BY s.cutoff_points;

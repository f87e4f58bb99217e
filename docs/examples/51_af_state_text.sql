-- setup: af_2011
SELECT af_state_agg(deprivations, 'af-2011', weight) AS state
  FROM person JOIN (VALUES (1, 2.5), (2, 1.0000015), (3, 0.0000004), (4, 1)) AS w(id, weight) USING (id);
SELECT s::text::af_state::text = s::text AS round_trip
  FROM (SELECT af_state_agg(deprivations, 'af-2011', id) AS s FROM person) AS t;
SELECT '{"standard": "af-2011", "denominator": 4, "indicators": ["water", "employment", "nutrition", "school_attendance"],
         "points": [1, 1, 1, 1], "scores": [[1, 3, [3, 0, 0, 0]]]}'::af_state AS indicators_in_any_order;
SELECT '{"standard": "af-2011", "denominator": 4, "indicators": ["water", "employment", "nutrition", "school_attendance"],
         "points": [1, 1, 1, 1], "scores": [[1, 0.0000001, [0, 0, 0, 0]]]}'::af_state;
SELECT '{"standard": "af-2011", "denominator": 4, "indicators": ["water", "employment", "nutrition", "school_attendance"],
         "points": [2, 1, 1, 1], "scores": []}'::af_state;

SELECT ARRAY['water', 'nutrition']::deprivations AS from_array,
       '{water,nutrition}'::deprivations::text[] AS to_array,
       '{}'::text[]::deprivations AS empty;
CREATE TEMP TABLE survey (id int, d deprivations);
INSERT INTO survey VALUES (1, ARRAY['water', 'telecom']);
SELECT id, d, c.code
  FROM survey, unnest(d::text[]) WITH ORDINALITY AS c(code, n)
 ORDER BY id, c.n;
SELECT ARRAY['water', NULL]::deprivations;
SELECT ARRAY['watr']::deprivations;
SELECT ARRAY[' water']::deprivations;
SELECT ARRAY['water', 'water']::deprivations;

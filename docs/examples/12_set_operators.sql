SELECT a | b AS "a | b", a & b AS "a & b", a - b AS "a - b",
       a @> b AS "a @> b", a <@ b AS "a <@ b", a && b AS "a && b"
  FROM (VALUES ('{water,sanitation,telecom}'::deprivations,
                '{sanitation,nutrition}'::deprivations)) AS v(a, b);
SELECT '{water,sanitation}'::deprivations @> '{water}' AS contains,
       '{}'::deprivations <@ '{water}' AS empty_in_any,
       '{water}'::deprivations && '{}' AS overlaps_empty;
SELECT '{water}'::deprivations | '{sanitation}' - '{water}';
SELECT ('{water}'::deprivations | '{sanitation}') - '{water}';

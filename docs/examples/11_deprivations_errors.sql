SELECT 'water'::deprivations;
SELECT '{water'::deprivations;
SELECT '{water,}'::deprivations;
SELECT '{Water}'::deprivations;
SELECT '{"water"}'::deprivations;
SELECT '{water sanitation}'::deprivations;
SELECT '{water} x'::deprivations;
SELECT '{watr}'::deprivations;
SELECT '{water,water}'::deprivations;

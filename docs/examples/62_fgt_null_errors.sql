-- setup: incomes
SELECT fgt_state_agg(income, 3, weight) IS NULL AS no_rows, fgt_p0(income, 3, weight) AS p0
  FROM sample WHERE false;
SELECT m.rows, m.population, m.p0, m.p1
  FROM (SELECT fgt_state_agg(income, line, weight) AS s
          FROM (VALUES (NULL::float8, 3::float8, 1::float8), (1, NULL, 1), (1, 3, NULL), (2, 3, 1), (6, 3, 1))
               AS v(income, line, weight)) AS t,
       fgt_measures(t.s) AS m;
SELECT m.rows, m.population, m.p0, m.p1, m.watts
  FROM (SELECT fgt_state_agg(income, 3, weight) AS s
          FROM (VALUES (1::float8, 0::float8), (5, 0.0000004)) AS v(income, weight)) AS t,
       fgt_measures(t.s) AS m;
SELECT fgt_p0(income, 3) AS p0, fgt_watts(income, 3) AS watts
  FROM (VALUES (0::float8), (6)) AS v(income);
SELECT fgt_p0(income, 3, weight) FROM (VALUES (1::float8, -1::float8)) AS v(income, weight);
SELECT fgt_p0(income, 3) FROM (VALUES (-0.5::float8)) AS v(income);
SELECT fgt_p0(income, 3) FROM (VALUES ('NaN'::float8)) AS v(income);
SELECT fgt_p0(1, line) FROM (VALUES (0::float8)) AS v(line);
SELECT fgt_p0(1, line) FROM (VALUES (2000000::float8), (2100000)) AS v(line);
SELECT fgt_p0(1, 3, 1, NULL);
SELECT fgt_p0(1, 3, 1e13);
SELECT fgt_state_agg(1, 3) + fgt_state_agg(1, 4);
SELECT fgt_state_agg(1, 3, 1, true) + fgt_state_agg(1, 3, 1, false);

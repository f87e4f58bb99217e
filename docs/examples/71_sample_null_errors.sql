-- setup: incomes
SELECT sample_state_agg(income, weight) IS NULL AS no_rows, gini(income, weight) AS gini,
       weighted_median(income, weight) AS median
  FROM sample WHERE false;
SELECT sample_state_agg(x, w) AS state, gini(x, w) AS gini, weighted_median(x, w) AS median
  FROM (VALUES (1::float8, 0::float8), (2, 0)) AS v(x, w);
SELECT weighted_median(x, w) AS median, weighted_quantile(x, w, 0) AS q0, weighted_quantile(x, w, 1) AS q100,
       gini(x, w) AS gini
  FROM (VALUES (1::float8, 0::float8), (2, 1), (3, 1), (100, 0)) AS v(x, w);
SELECT gini(x, 1) AS gini_of_zeros FROM (VALUES (0::float8), (0)) AS v(x);
SELECT gini(income, -1) FROM sample;
SELECT gini(x, 1) FROM (VALUES ('Infinity'::float8)) AS v(x);
SELECT weighted_quantile(income, weight, 1.5) FROM sample;
SELECT weighted_quantile(income, weight, CASE WHEN income < 3 THEN 0.5 ELSE 0.9 END) FROM sample;
SELECT '{"p": 0.5, "values": [1], "weights": [1]}'::sample_state + '{"p": 0.9, "values": [2], "weights": [1]}';
SELECT '{"p": null, "values": [1, 2], "weights": [1]}'::sample_state;

-- setup: incomes
SELECT sample_state_agg(income, weight) AS state FROM sample;
SELECT sample_gini(s) AS gini, sample_median(s) AS median, sample_quantile(s, 0.3) AS q30,
       sample_quantile(s, 0.25) AS q25, sample_quantile(s, 0) AS q0, sample_quantile(s, 1) AS q100,
       sample_quantile(s) AS no_stored_order
  FROM (SELECT sample_state_agg(income, weight) AS s FROM sample) AS t;
SELECT gini(income, weight) AS gini, weighted_median(income, weight) AS median,
       weighted_quantile(income, weight, 0.3) AS q30, weighted_quantile(income, weight, 0.95) AS q95,
       gini(income, 1) AS unweighted_gini
  FROM sample;

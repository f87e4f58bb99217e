-- setup: households
CREATE TABLE ward_sample_state AS
SELECT ward, sample_state_agg(per_capita_income(income, members), members) AS state
  FROM household GROUP BY ward;
SELECT ward, state FROM ward_sample_state ORDER BY ward;
SELECT sample_median(sample_state_merge(state)) AS district_median,
       sample_gini(sample_state_merge(state)) AS district_gini,
       (SELECT sample_median(a.state + b.state) FROM ward_sample_state AS a, ward_sample_state AS b
         WHERE a.ward = 1 AND b.ward = 2) AS median_of_sum
  FROM ward_sample_state;

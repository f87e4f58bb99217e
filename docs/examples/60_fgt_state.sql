-- setup: incomes
SELECT fgt_state_agg(income, 3, weight) AS state FROM sample;
SELECT m.*
  FROM (SELECT true AS poor_at_line, fgt_state_agg(income, 3, weight, true) AS state FROM sample
        UNION ALL
        SELECT false, fgt_state_agg(income, 3, weight, false) FROM sample) AS s,
       fgt_measures(s.state) AS m
 ORDER BY m.poor_at_line;

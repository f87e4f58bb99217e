-- setup: incomes
SELECT fgt_p0(s) AS p0, fgt_p1(s) AS p1, fgt_p2(s) AS p2, fgt_watts(s) AS watts
  FROM (SELECT fgt_state_agg(income, 3, weight) AS s FROM sample) AS t;
SELECT fgt_p0(income, 3, weight) AS p0, fgt_p1(income, 3, weight) AS p1,
       fgt_p2(income, 3, weight) AS p2, fgt_watts(income, 3, weight) AS watts
  FROM sample;
SELECT fgt_p0(income, 3) AS p0_unweighted, fgt_p0(income, 3, 1, false) AS p0_below_line_only,
       fgt_p1(income, 3, weight, false) AS p1_below_line_only
  FROM sample;

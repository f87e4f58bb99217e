-- setup: households
WITH line AS (
    SELECT 0.6 * weighted_median(per_capita_income(income, members, 'month'), members) AS z FROM household
)
SELECT h.ward, line.z AS relative_line,
       fgt_p0(per_capita_income(h.income, h.members, 'month'), line.z, h.members) AS p0,
       fgt_p1(per_capita_income(h.income, h.members, 'month'), line.z, h.members) AS p1
  FROM household AS h, line
 GROUP BY ROLLUP (h.ward), line.z
 ORDER BY h.ward;

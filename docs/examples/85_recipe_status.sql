-- setup: households
CREATE VIEW household_status AS
SELECT h.id, h.ward, h.members,
       per_capita_income(h.income, h.members) AS monthly_income_per_person,
       classify(per_capita_income(h.income, h.members), h.deprivations, 'national', h.area, '2025-06-01') AS status
  FROM household AS h;
SELECT ward,
       count(*) FILTER (WHERE status = 'poor') AS poor,
       count(*) FILTER (WHERE status = 'near_poor') AS near_poor,
       count(*) AS households,
       sum(members) FILTER (WHERE status IN ('poor', 'near_poor')) AS people_poor_or_near_poor
  FROM household_status
 GROUP BY ROLLUP (ward)
 ORDER BY ward;

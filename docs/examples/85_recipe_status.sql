-- setup: households
CREATE VIEW household_status AS
SELECT h.id, h.ward, h.members,
       classify_household(h.income, h.members, h.deprivations, 'national', h.area, '2025-06-01') AS national,
       classify_household(h.income, h.members, h.deprivations, 'hcmc', h.area, '2025-06-01') AS hcmc
  FROM household AS h;
SELECT ward,
       count(*) FILTER (WHERE national = 'poor') AS poor,
       count(*) FILTER (WHERE national = 'near_poor') AS near_poor,
       count(*) FILTER (WHERE hcmc = 'poor') AS poor_hcmc,
       count(*) FILTER (WHERE hcmc = 'near_poor') AS near_poor_hcmc,
       count(*) AS households,
       sum(members) FILTER (WHERE national IN ('poor', 'near_poor')) AS people_poor_or_near_poor
  FROM household_status
 GROUP BY ROLLUP (ward)
 ORDER BY ward;

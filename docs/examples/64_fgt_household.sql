-- setup: households
SELECT ward,
       fgt_p0_household(income, members, 'national', area, '2025-06-01', members) AS p0_national,
       fgt_p1_household(income, members, 'national', area, '2025-06-01', members) AS p1_national,
       fgt_p0_household(income, members, 'hcmc', area, '2025-06-01', members) AS p0_hcmc
  FROM household
 GROUP BY ROLLUP (ward)
 ORDER BY ward;
SELECT fgt_measures(fgt_state_agg_household(income, members, 'hcmc', area, '2025-06-01', members))
  FROM household;
-- Lines that differ between the rows: group by area
SELECT fgt_p0_household(income, members, 'national', area, '2025-06-01')
  FROM (VALUES (30000000::numeric, 2, 'urban'::area), (30000000, 2, 'rural')) AS h(income, members, area);

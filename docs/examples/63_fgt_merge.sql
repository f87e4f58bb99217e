-- setup: households
CREATE TABLE ward_fgt_state AS
SELECT ward, fgt_state_agg_household(income, members, 'national', area, '2025-06-01', members) AS state
  FROM household GROUP BY ward;
SELECT ward, fgt_p0(state) AS p0, fgt_p1(state) AS p1 FROM ward_fgt_state ORDER BY ward;
SELECT fgt_p0(fgt_state_merge(state)) AS district_p0,
       fgt_state_merge(state)::text
     = (SELECT fgt_state_agg_household(income, members, 'national', area, '2025-06-01', members) FROM household)::text
       AS merged_equals_direct
  FROM ward_fgt_state;

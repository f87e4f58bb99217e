-- One household of 2 urban members with 60,000,000 VND of income over the
-- last 12 months, deprived in four indicators, on the same day under the
-- national standard (lines per month) and the HCMC one (lines per year):
SELECT classify_household(household_income => 60000000, members => 2,
                          deprivations => '{employment,health_insurance,housing_area,sanitation}',
                          scope => 'national', area => 'urban', on_date => '2025-06-01') AS national,
       classify_household(household_income => 60000000, members => 2,
                          deprivations => '{employment,health_insurance,housing_area,sanitation}',
                          scope => 'hcmc', area => 'urban', on_date => '2025-06-01') AS hcmc;
-- By standard code, whatever the date; exactly at the vn-2022 urban line
-- (2,000,000 x 12 x 3) and one dong above it:
SELECT household_income,
       classify_household(household_income => household_income, members => 3, deprivations => '{water,sanitation,telecom}',
                          standard => 'vn-2022', area => 'urban') AS status
  FROM unnest('{72000000,72000001}'::numeric[]) AS household_income;
-- The same household through the per-capita path of 0.2.0: per_capita_income
-- defaults to a monthly figure, which the HCMC lines (per year) take for a
-- yearly one.  classify_household converts to each standard's unit itself.
SELECT classify(per_capita_income(240000000, 4), '{}', 'hcmc', 'urban', '2025-06-01') AS per_capita_default_unit,
       classify_household(240000000, 4, '{}', 'hcmc', 'urban', '2025-06-01') AS household;

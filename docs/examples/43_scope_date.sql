SELECT on_date, e.standard, e.poor_line, e.status
  FROM unnest('{2021-12-31,2022-01-01}'::date[]) AS on_date,
       explain_household(36000000, 3, '{water}', 'national', 'urban', on_date) AS e
 ORDER BY on_date;
SELECT classify_household(60000000, 2, '{employment,health_insurance,housing_area,sanitation}',
                          'national', 'urban', '2024-06-01') AS national,
       classify_household(60000000, 2, '{employment,health_insurance,housing_area,sanitation}',
                          'hcmc', 'urban', '2024-06-01') AS hcmc;
SELECT classify_household(household_income => 50400000, members => 3, deprivations => '{water,sanitation,telecom}',
                          scope => 'national', area => 'rural', on_date => '2024-06-01') AS by_scope,
       classify_household(household_income => 50400000, members => 3, deprivations => '{water,sanitation,telecom}',
                          standard => 'vn-2016', area => 'rural') AS by_standard;

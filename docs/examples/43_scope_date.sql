SELECT on_date, e.standard, e.poor_line, e.status
  FROM unnest('{2021-12-31,2022-01-01}'::date[]) AS on_date,
       explain_classification(1000000, '{water}', 'national', 'urban', on_date) AS e
 ORDER BY on_date;
SELECT classify(per_capita_income(60000000, 2, 'month'), '{employment,health_insurance,housing_area,sanitation}',
                'national', 'urban', '2024-06-01') AS national,
       classify(per_capita_income(60000000, 2, 'year'), '{employment,health_insurance,housing_area,sanitation}',
                'hcmc', 'urban', '2024-06-01') AS hcmc;
SELECT classify(per_capita_income => 1400000, deprivations => '{water,sanitation,telecom}',
                scope => 'national', area => 'rural', on_date => '2024-06-01') AS by_scope,
       classify(per_capita_income => 1400000, deprivations => '{water,sanitation,telecom}',
                standard => 'vn-2016', area => 'rural') AS by_standard;

\x on
SELECT * FROM explain_household(household_income => 162000000, members => 3,
                                deprivations => '{employment,health_insurance,housing_area}',
                                scope => 'hcmc', area => 'urban', on_date => '2025-06-01');
\x off
SELECT e.standard, e.unit, e.per_capita_income, e.poor_line, e.status
  FROM unnest('{national,hcmc}'::text[]) AS s(scope),
       explain_household(household_income => 90000000, members => 4, deprivations => '{}',
                         scope => s.scope, area => 'urban', on_date => '2025-06-01') AS e;

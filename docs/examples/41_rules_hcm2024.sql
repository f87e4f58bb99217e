SELECT y, classify(y, '{}', 'hcm-2024', 'urban') AS no_deprivations,
       classify(y, '{health_insurance,social_insurance,water}', 'hcm-2024', 'urban') AS three_deprivations
  FROM unnest('{46000000,46000001,54000000,54000001}'::numeric[]) AS y;
SELECT standard, per_capita_income, near_poor_line, matched_rule, status
  FROM explain_household(200000000, 4, '{health_insurance}', 'hcmc', 'urban', '2026-12-15');

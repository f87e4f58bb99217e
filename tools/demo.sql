-- Demo: six example households classified under the 2022-2025 national
-- standard and the HCMC standard in force on the same day.
\pset footer off
SET client_min_messages = warning;
CREATE EXTENSION povext CASCADE;
RESET client_min_messages;

CREATE TEMP TABLE household (
    id text, area povext.area, members int, yearly_income numeric, deprivations povext.deprivations
);
INSERT INTO household VALUES
    ('H1 poor',                 'urban', 4,  90000000, '{health_insurance,housing_area,water}'),
    ('H2 near-poor',            'urban', 3,  60000000, '{health_insurance}'),
    ('H3 deprived, above line', 'urban', 2,  60000000, '{employment,health_insurance,housing_area,sanitation}'),
    ('H4 middle',               'rural', 5, 120000000, '{}'),
    ('H5 rural poor',           'rural', 6,  90000000, '{nutrition,school_attendance,telecom,social_insurance}'),
    ('H6 well-off',             'urban', 2, 200000000, '{}');

\echo
\echo 'Households classified on 2024-06-01 under the national and the HCMC standard in force'
SELECT id, area, members, yearly_income, deprivations,
       povext.classify_household(yearly_income, members, deprivations, 'national', area, '2024-06-01') AS national,
       povext.classify_household(yearly_income, members, deprivations, 'hcmc', area, '2024-06-01') AS hcmc
  FROM household ORDER BY id;

\echo 'Why H3 is not poor nationally though deprived in four indicators:'
\x on
SELECT * FROM povext.explain_household(
    60000000, 2, '{employment,health_insurance,housing_area,sanitation}',
    'national', 'urban', '2024-06-01');
\x off
\echo 'The same household under the HCMC standard, (hcm-2021), which does not count sanitation:'
SELECT standard, unit, per_capita_income, deprivations_counted, deprivations_ignored, matched_rule, status
  FROM povext.explain_household(60000000, 2, '{employment,health_insurance,housing_area,sanitation}',
                                'hcmc', 'urban', '2024-06-01');

\echo 'Deprivation index of these households (Alkire-Foster, national indicators, poor if deprived in 3 of 12, weighted by members):'
SELECT m.population, m.poor_population, m.headcount_ratio, round(m.intensity, 4) AS intensity, round(m.m0, 4) AS m0
  FROM (SELECT povext.af_state_agg(deprivations, 'vn-2022', members) AS state FROM household) AS s,
       povext.af_measures_at_count(s.state, 3) AS m;

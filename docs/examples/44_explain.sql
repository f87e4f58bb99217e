\x on
SELECT * FROM explain_classification(1500000, '{nutrition,water,sanitation,assets}', 'vn-2022', 'rural');
SELECT * FROM explain_classification(30000000, '{employment,health_insurance,housing_area,sanitation}',
                                     'hcmc', 'urban', '2024-06-01');
\x off

-- Twelve households of two wards: income of the last 12 months (VND),
-- members, and deprivations in the national indicators.
CREATE TABLE household (
    id int PRIMARY KEY,
    ward int NOT NULL,
    area area NOT NULL,
    members int NOT NULL,
    income numeric NOT NULL,
    deprivations deprivations NOT NULL
);
INSERT INTO household VALUES
    ( 1, 1, 'urban', 4,  90000000, '{health_insurance,housing_area,water}'),
    ( 2, 1, 'urban', 3,  60000000, '{health_insurance}'),
    ( 3, 1, 'urban', 2,  60000000, '{employment,health_insurance,housing_area,sanitation}'),
    ( 4, 1, 'urban', 5, 300000000, '{}'),
    ( 5, 1, 'urban', 1,  12000000, '{water,sanitation,telecom,information_access}'),
    ( 6, 1, 'urban', 3, 100000000, '{telecom}'),
    ( 7, 2, 'urban', 6,  60000000, '{nutrition,school_attendance,telecom,social_insurance}'),
    ( 8, 2, 'urban', 4, 150000000, '{dependants}'),
    ( 9, 2, 'urban', 2,  45000000, '{}'),
    (10, 2, 'urban', 5, 110000000, '{housing_quality,water,sanitation}'),
    (11, 2, 'urban', 3, 200000000, '{}'),
    (12, 2, 'urban', 4,  96000000, '{adult_education}');

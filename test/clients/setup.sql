-- The data the client tests read: four households of one ward, with a
-- deprivations column (what a BI tool would reflect) and their incomes.
CREATE SCHEMA clients;
CREATE TABLE clients.household (
    id integer PRIMARY KEY,
    ward text NOT NULL,
    area povext.area NOT NULL,
    income numeric(14, 2) NOT NULL,    -- income of the 12 months, VND
    members integer NOT NULL,
    deprivations povext.deprivations NOT NULL
);
INSERT INTO clients.household VALUES
    (1, 'P01', 'urban', 40000000, 4, '{health_insurance,housing_area,sanitation}'),
    (2, 'P01', 'urban', 60000000, 3, '{water}'),
    (3, 'P01', 'rural', 30000000, 5, '{}'),
    (4, 'P01', 'urban', 250000000, 4, '{}');

-- A weighted_score standard with the four equally weighted indicators of the
-- worked example of Alkire and Foster (2011), and its four people.
INSERT INTO standard (code, scope, name, unit, rule, minimum_deprivations, legal_basis, confidence)
VALUES ('af-2011', 'example', 'Alkire and Foster (2011), worked example', NULL, 'weighted_score', NULL,
        'J. Public Econ. 95 (2011) 476-487', 'confirmed');
INSERT INTO standard_indicator (standard, indicator, weight_numerator, weight_denominator, confidence)
VALUES ('af-2011', 'employment', 1, 4, 'confirmed'),
       ('af-2011', 'nutrition', 1, 4, 'confirmed'),
       ('af-2011', 'school_attendance', 1, 4, 'confirmed'),
       ('af-2011', 'water', 1, 4, 'confirmed');
CREATE TABLE person (id int PRIMARY KEY, deprivations deprivations);
INSERT INTO person VALUES
    (1, '{}'),                                              -- deprived in 0 of 4
    (2, '{nutrition,water}'),                               -- 2 of 4
    (3, '{employment,nutrition,school_attendance,water}'),  -- 4 of 4
    (4, '{water}');                                         -- 1 of 4

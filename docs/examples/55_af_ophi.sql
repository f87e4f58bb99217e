CREATE TABLE mpi_household (id int PRIMARY KEY, members int, deprivations deprivations);
INSERT INTO mpi_household VALUES
    (1, 4, '{nutrition,cooking_fuel,sanitation,assets}'),             -- 1/6 + 3 * 1/18 = 1/3
    (2, 3, '{nutrition,cooking_fuel,sanitation}'),                    -- 1/6 + 2 * 1/18 = 5/18
    (3, 5, '{nutrition,child_mortality,years_of_schooling,housing}'), -- 3 * 1/6 + 1/18 = 10/18
    (4, 2, '{}'),
    (5, 6, '{electricity}');                                          -- 1/18
SELECT id, s AS state_of_one_household
  FROM (SELECT id, af_state_agg(deprivations, 'ophi-mpi') AS s FROM mpi_household WHERE id = 1 GROUP BY id) AS t;
SELECT m.cutoff_share, m.population, m.poor_population, m.headcount_ratio, m.intensity, m.m0
  FROM (SELECT af_state_agg(deprivations, 'ophi-mpi', members) AS state FROM mpi_household) AS s,
       af_measures(s.state, 1/3.0) AS m;
SELECT b.*
  FROM (SELECT af_state_agg(deprivations, 'ophi-mpi', members) AS state FROM mpi_household) AS s,
       af_ophi_bands(s.state) AS b;
SELECT (af_measures(s.state, 2/3.0)).headcount_ratio AS at_2_3,
       (af_measures(s.state, 0.6667)).headcount_ratio AS at_0_6667
  FROM (SELECT af_state_agg('{nutrition,child_mortality,years_of_schooling,school_attendance}'::deprivations,
                            'ophi-mpi') AS state) AS s;

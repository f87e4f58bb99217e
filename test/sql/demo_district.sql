-- Demo district (issue 10): what the demo's report needs from the registry.
\set SHOW_CONTEXT never

-- The reviews run without JIT: compiling each ward's query took longer than
-- running it (1.3 to 1.8 s against 0.1 to 0.3 s for a ward of the demo).
SELECT p.oid::regprocedure AS function, p.proconfig FROM pg_proc AS p
 WHERE p.oid IN ('povext.registry_review(name, text, date, text, text, bigint[])'::regprocedure,
                 'povext.registry_review_candidates(name, text)'::regprocedure)
 ORDER BY 1::text;

-- The standards of 2020 count health_access, which no registry rule
-- derives: every household has an undetermined indicator, report_mpi
-- measures none of them, and its all_* columns measure every household with
-- undetermined indicators counted as not deprived.
SELECT povext.create_registry('dd', ARRAY['national', 'hcmc']);
UPDATE dd.registry_setting SET reference_date = '2020-06-01';
INSERT INTO dd.ward VALUES ('p05', 'Phường 5', 'Quận 11', 100), ('p07', 'Phường 7', 'Quận 11', 100);
INSERT INTO dd.household (code, ward, area, housing_durable, floor_area, clean_water,
                          hygienic_latrine, uses_telecom, has_information_device, household_income)
VALUES ('HH-001', 'p05', 'urban', true, 60, true, true, true, true, 300000000),
       ('HH-002', 'p05', 'urban', false, 8, false, false, true, false, 20000000),
       ('HH-003', 'p07', 'urban', false, 10, true, false, false, false, 24000000);
INSERT INTO dd.member (person_id, household, birth_date, sex, working_capacity, disability,
                       health_insurance, attending_school, school_level_ok, employed,
                       works_for_wages, labour_contract, social_insurance, stunted_or_underweight)
VALUES ('079080000001', 1, '1980-03-02', 'male',   true,  false, true,  false, true, true,  true,  true, true, false),
       ('079082000002', 2, '1982-07-15', 'female', true,  false, false, false, true, false, false, NULL, NULL, false),
       ('079150000003', 2, '1950-01-20', 'male',   false, true,  false, false, true, false, false, NULL, NULL, false),
       ('079160000004', 3, '1960-05-05', 'male',   true,  false, false, false, true, false, false, NULL, NULL, false);
SELECT h.code, s.scope, s.standard, s.deprivations::text, s.undetermined::text
  FROM dd.household AS h JOIN dd.household_status AS s ON s.household = h.id ORDER BY h.code, s.scope;
SELECT ward, level, scope, standard, households, households_measured, cutoff_count, poor_households, headcount_ratio,
       all_poor_households, all_headcount_ratio, all_intensity, all_m0
  FROM dd.report_mpi ORDER BY scope, level DESC, ward;
SELECT scope, kind, code, contribution_pct, all_poor_households, all_censored_headcount_pct, all_contribution_pct
  FROM dd.report_mpi_contribution WHERE level = 'district' AND all_contribution_pct > 0
 ORDER BY scope, kind, all_contribution_pct DESC, code;
-- contributions over every household add up to 100 (up to rounding)
SELECT scope, kind, sum(all_contribution_pct) FROM dd.report_mpi_contribution
 WHERE level = 'district' GROUP BY scope, kind ORDER BY scope, kind;
-- the suppressed twin hides the all_* measures of small cells (k = 5)
SELECT ward, scope, all_poor_households, all_headcount_ratio, all_m0, suppressed
  FROM dd.report_mpi_suppressed ORDER BY scope, ward NULLS LAST;

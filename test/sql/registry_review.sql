-- Reviews of a household registry: recognised statuses, transitions,
-- monitoring windows and the HCMC groups of poor households.
\set SHOW_CONTEXT never
SELECT povext.create_registry('rv', ARRAY['national', 'hcmc']);
INSERT INTO rv.ward VALUES ('w1', 'Phường 1', 'Quận 11', 500), ('w2', 'Phường 2', 'Quận 11', 300);

-- A national test standard from 2027 (vn-2022 ends with 2026 and no
-- national standard is shipped after it): vn-2022's indicators and cut-offs,
-- an urban poor line of 2,800,000 VND a month.
INSERT INTO povext.standard (code, scope, name, unit, rule, minimum_deprivations, legal_basis, confidence)
VALUES ('vn-2027-test', 'national', 'Test standard from 2027', 'month', 'income_and_deprivation', 3, 'test', 'unknown');
INSERT INTO povext.standard_line (standard, scope, area, in_force, poor_line, near_poor_line, middle_line, legal_basis, confidence)
VALUES ('vn-2027-test', 'national', 'urban', '[2027-01-01,)', 2800000, 2800000, 4200000, 'test', 'unknown');
INSERT INTO povext.standard_indicator (standard, indicator, weight_numerator, weight_denominator, confidence)
SELECT 'vn-2027-test', indicator, weight_numerator, weight_denominator, confidence
  FROM povext.standard_indicator WHERE standard = 'vn-2022';
INSERT INTO povext.indicator_cutoff (standard, indicator, parameter, value, legal_basis, confidence)
SELECT 'vn-2027-test', indicator, parameter, value, legal_basis, confidence
  FROM povext.indicator_cutoff WHERE standard = 'vn-2022';

-- Households of two working adults; three answers false make three
-- deprivations.  Under vn-2022 (urban, 2 members) an income of 48,000,000 a
-- year or less is poor with 3 deprivations and near-poor with fewer; up to
-- 72,000,000 is middle.  Under vn-2027-test the line is 67,200,000.
CREATE FUNCTION pg_temp.add_household(code text, ward text, income numeric, deprived boolean) RETURNS void
    LANGUAGE sql AS $$
    INSERT INTO rv.household (code, ward, area, housing_durable, floor_area, clean_water,
                              hygienic_latrine, uses_telecom, has_information_device, household_income)
    VALUES (code, ward, 'urban', NOT deprived, 40, NOT deprived, NOT deprived, true, true, income);
    INSERT INTO rv.member (person_id, household, birth_date, sex, working_capacity, disability,
                           health_insurance, attending_school, school_level_ok, employed,
                           works_for_wages, labour_contract, social_insurance, stunted_or_underweight)
    SELECT code || '_' || i, h.id, '1980-01-01', 'male', true, false, true, false, true, true,
           false, NULL, true, false
      FROM rv.household AS h, generate_series(1, 2) AS i WHERE h.code = add_household.code
$$;
CREATE FUNCTION pg_temp.set_facts(household_code text, income numeric, deprived boolean) RETURNS void
    LANGUAGE sql AS $$
    UPDATE rv.household SET household_income = income, housing_durable = NOT deprived,
                            clean_water = NOT deprived, hygienic_latrine = NOT deprived
     WHERE code = household_code
$$;
CREATE FUNCTION pg_temp.review_date(d date) RETURNS bigint
    LANGUAGE sql AS $$
    UPDATE rv.registry_setting SET reference_date = d;
    SELECT povext.registry_recompute('rv', only_due => true)
$$;

SELECT pg_temp.add_household('stays_poor', 'w1', 40000000, true),
       pg_temp.add_household('repoor', 'w1', 40000000, true),
       pg_temp.add_household('near', 'w1', 60000000, false),
       pg_temp.add_household('by_standard', 'w1', 60000000, false),
       pg_temp.add_household('unknown', 'w1', NULL, false),
       pg_temp.add_household('other_ward', 'w2', 40000000, true);

-- Review 1, 2026-06-01.  Never recognised counts as on no list.  The
-- household with an unknown income has no status: skipped with a warning.
SELECT pg_temp.review_date('2026-06-01');
SELECT code, scope, computed_status, recognised_status, transition
  FROM povext.registry_review_candidates('rv', 'w1');
SELECT * FROM povext.registry_review('rv', 'w1', '2026-06-01', 'regular', 'QĐ 10/2026');
-- nothing is left to recognise but the undetermined status
SELECT code, scope FROM povext.registry_review_candidates('rv', 'w1');

-- Review 2, 2026-12-01: 'repoor' escapes (fewer deprivations), 'near'
-- becomes near-poor.
SELECT pg_temp.set_facts('repoor', 40000000, false), pg_temp.set_facts('near', 45000000, false);
SELECT pg_temp.review_date('2026-12-01');
SELECT code, scope, computed_status, recognised_status, transition
  FROM povext.registry_review_candidates('rv');
SELECT * FROM povext.registry_review('rv', 'w1', '2026-12-01', 'periodic', 'QĐ 50/2026')
 WHERE scope = 'national';

-- Review 3, 2027-01-15, under vn-2027-test: 'repoor' is poor again, 'near'
-- exceeds the near-poor line, and 'by_standard' becomes near-poor only
-- because the line rose (under vn-2022 it would still be middle).
SELECT pg_temp.set_facts('repoor', 40000000, true), pg_temp.set_facts('near', 100000000, false);
SELECT pg_temp.review_date('2027-01-15');
SELECT * FROM povext.registry_review('rv', 'w1', '2027-01-15', 'regular', 'QĐ 3/2027')
 WHERE scope = 'national';
SELECT h.code, e.standard, e.status, e.recognised_on, e.review_kind, e.decision_ref, e.transition, e.standard_changed
  FROM rv.status_history AS e JOIN rv.household AS h ON h.id = e.household
 WHERE e.standard <> 'hcm-2024'
 ORDER BY h.code, e.recognised_on;

-- Chosen households only; the other ward is untouched.
SELECT pg_temp.review_date('2027-02-01');
SELECT code, scope, status, transition
  FROM povext.registry_review('rv', 'w2', '2027-02-01', 'regular', 'QĐ 7/2027',
                              ARRAY[(SELECT id FROM rv.household WHERE code = 'other_ward')]);

-- Status as of a date, one row per scope.
SELECT d, s.scope, s.standard, s.status, s.recognised_on, s.transition
  FROM unnest(ARRAY['2026-05-31', '2026-06-01', '2026-12-15', '2027-02-01']::date[]) AS d,
       povext.registry_status_on('rv', (SELECT id FROM rv.household WHERE code = 'repoor'), d) AS s
 ORDER BY d, s.scope;

-- Escaped within a window: 'repoor' escaped on 2026-12-01 and was poor again
-- on 2027-01-15.  A month up to 2026-12-31 includes the escape, up to
-- 2027-01-01 not (the window is after as_of minus the months).
SELECT code, scope, standard, escaped_on, decision_ref, status FROM povext.registry_escaped('rv', 1, '2026-12-31');
SELECT count(*) FROM povext.registry_escaped('rv', 1, '2027-01-01');
SELECT code, scope FROM povext.registry_escaped('rv', 'national_health_insurance', '2027-01-14');
SELECT count(*) FROM povext.registry_escaped('rv', 'national_health_insurance', '2027-01-15');
SELECT count(*) FROM povext.registry_escaped('rv', 'hcmc_health_insurance', '2027-01-14');
SELECT code, scope, months, legal_basis, confidence FROM povext.monitoring_window ORDER BY code;

-- Groups of poor households (placeholder rules, confidence unknown).
SELECT scope, priority, group_code, min_income_share, max_income_share, min_deprivations,
       max_deprivations, working_capacity, confidence
  FROM povext.poor_group_rule ORDER BY scope, priority;
SELECT share, count, able, povext.poor_group('hcmc', share, count, able)
  FROM (VALUES (0.9, 1, false), (0.5, 1, true), (0.51, 3, true), (0.51, 2, true),
               (0.9, 1, NULL), (NULL, 4, true), (NULL, 1, true)) AS t(share, count, able);
SELECT code, povext.registry_poor_group('rv', id) AS hcmc, povext.registry_poor_group('rv', id, 'national') AS national
  FROM rv.household ORDER BY code;
-- A DBA's rule of a scope replaces the shipped ones.
INSERT INTO povext.poor_group_rule (scope, priority, group_code, legal_basis, confidence)
VALUES ('hcmc', 1, 'all', 'ward decision', 'confirmed');
SELECT povext.poor_group('hcmc', 0.9, 1, false);
DELETE FROM povext.poor_group_rule WHERE NOT shipped;

-- Errors, each followed by its SQLSTATE.
SELECT povext.registry_review('rv', 'w1', '2027-01-15', 'regular', 'again');
\echo :LAST_ERROR_SQLSTATE
SELECT povext.registry_review('rv', 'w1', '2027-01-01', 'regular', 'back-dated');
\echo :LAST_ERROR_SQLSTATE
SELECT povext.registry_review('rv', 'w1', '2027-03-01', 'regular', 'stale');
\echo :LAST_ERROR_SQLSTATE
SELECT povext.registry_review('rv', 'w1', '2027-03-01', 'yearly', 'x');
\echo :LAST_ERROR_SQLSTATE
SELECT povext.registry_review('rv', 'w9', '2027-03-01', 'regular', 'x');
\echo :LAST_ERROR_SQLSTATE
SELECT povext.registry_review('rv', NULL, '2027-03-01', 'regular', 'x');
\echo :LAST_ERROR_SQLSTATE
SELECT povext.registry_review('rv', 'w1', '2027-03-01', 'regular', 'x',
                              ARRAY[(SELECT id FROM rv.household WHERE code = 'other_ward')]);
\echo :LAST_ERROR_SQLSTATE
SELECT povext.registry_review('public', 'w1', '2027-03-01', 'regular', 'x');
\echo :LAST_ERROR_SQLSTATE
SELECT povext.registry_escaped('rv', 0, '2027-01-01');
\echo :LAST_ERROR_SQLSTATE
SELECT povext.registry_escaped('rv', 'no_window', '2027-01-01');
\echo :LAST_ERROR_SQLSTATE
SELECT povext.registry_poor_group('rv', -1);
\echo :LAST_ERROR_SQLSTATE
SELECT povext.poor_group('hcmc', -1, 1, true);
\echo :LAST_ERROR_SQLSTATE
\set VERBOSITY sqlstate
DELETE FROM povext.monitoring_window WHERE code = 'preferential_credit';
-- nothing was appended by the failed reviews, and the registry is consistent
SELECT count(*) FROM rv.status_history;
SELECT count(*) FROM povext.registry_check('rv');

SET client_min_messages = warning;
DROP SCHEMA rv CASCADE;
DELETE FROM povext.indicator_cutoff WHERE standard = 'vn-2027-test';
DELETE FROM povext.standard_indicator WHERE standard = 'vn-2027-test';
DELETE FROM povext.standard_line WHERE standard = 'vn-2027-test';
DELETE FROM povext.standard WHERE code = 'vn-2027-test';

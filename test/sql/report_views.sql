-- Report views of a registry (issue 9): plain column types, security_invoker,
-- rollup rows per district, labels in vi and en, small-cell suppression,
-- targets as data.
\set SHOW_CONTEXT never
\set registry rp
\i test/sql/two_wards.inc

-- Every view is security_invoker and has plain column types only.
SELECT c.relname, c.reloptions FROM pg_class AS c
 WHERE c.relnamespace = 'rp'::regnamespace AND c.relkind = 'v' ORDER BY c.relname;
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod) AS type
  FROM pg_class AS c JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0
 WHERE c.relnamespace = 'rp'::regnamespace AND c.relkind = 'v' AND c.relname LIKE 'report%'
   AND format_type(a.atttypid, a.atttypmod) NOT IN ('text', 'integer', 'bigint', 'numeric', 'date', 'boolean');
-- The suppressed twins have the columns of their views.
SELECT v.relname FROM pg_class AS v
 WHERE v.relnamespace = 'rp'::regnamespace AND v.relkind = 'v' AND v.relname LIKE 'report%' AND v.relname NOT LIKE '%suppressed'
   AND v.relname <> 'report_household'
   AND (SELECT array_agg(a.attname || ':' || a.atttypid ORDER BY a.attnum) FROM pg_attribute AS a WHERE a.attrelid = v.oid AND a.attnum > 0)
       IS DISTINCT FROM
       (SELECT array_agg(a.attname || ':' || a.atttypid ORDER BY a.attnum) FROM pg_attribute AS a
         WHERE a.attrelid = format('rp.%I', v.relname || '_suppressed')::regclass AND a.attnum > 0);
-- Every object of the registry has a comment.
SELECT c.relname FROM pg_class AS c
 WHERE c.relnamespace = 'rp'::regnamespace AND c.relkind IN ('r', 'v') AND obj_description(c.oid, 'pg_class') IS NULL;
SELECT p.proname FROM pg_proc AS p WHERE p.pronamespace = 'rp'::regnamespace AND obj_description(p.oid, 'pg_proc') IS NULL;

SELECT * FROM rp.report_ward ORDER BY scope, level DESC, ward;
SELECT household_code, scope, status, status_vi, status_en, deprivation_count, deprived_water, deprived_housing_area,
       deprived_social_insurance, deprived_health_access
  FROM rp.report_household ORDER BY household_id, scope;
-- a BI filter on one indicator: water, not drinking_water
SELECT household_code FROM rp.report_household WHERE scope = 'national' AND deprived_water;
SELECT ward, level, scope, indicator, indicator_vi, dimension_en, households, deprived_households, deprived_share_pct
  FROM rp.report_indicator WHERE indicator IN ('water', 'social_insurance') ORDER BY scope, indicator, level DESC, ward;
SELECT * FROM rp.report_mpi ORDER BY scope, level DESC, ward;
-- contributions add up to 100 (up to rounding) for indicators and for dimensions
SELECT ward, scope, kind, sum(contribution_pct) FROM rp.report_mpi_contribution
 GROUP BY ward, scope, kind ORDER BY scope, kind, ward;
SELECT kind, code, label_vi, censored_headcount_pct, contribution_pct FROM rp.report_mpi_contribution
 WHERE ward IS NULL AND scope = 'national' ORDER BY kind, code;

-- Transitions per review, with labels.
SELECT household, scope, transition FROM povext.registry_review('rp', 'p05', '2026-06-01', 'regular', 'QĐ 12') ORDER BY 1, 2;
SELECT household, scope, transition FROM povext.registry_review('rp', 'p07', '2026-06-01', 'regular', 'QĐ 13') ORDER BY 1, 2;
SELECT * FROM rp.report_transition ORDER BY scope, transition, level DESC, ward;

-- Targets: the district's 2025 targets are seeded; the income target needs
-- its 2020 baseline.
SELECT * FROM rp.target ORDER BY scope, measure;
SELECT scope, measure, measure_en, current_value, met FROM rp.report_target ORDER BY scope, measure;
UPDATE rp.target SET baseline_value = 20000000 WHERE measure = 'poor_income_ratio';
SELECT scope, measure, poor_mean_income, current_value, met FROM rp.report_target ORDER BY scope, measure;
INSERT INTO rp.target (scope, measure, target_year, comparison, target_value) VALUES ('hcmc', 'poor_income_ratio', 2030, '>=', 2);
INSERT INTO rp.target (scope, measure, target_year, comparison, target_value) VALUES ('hcmc', 'poor_rate_pct', 2030, '=', 0);

-- Small-cell suppression: counts above 0 and below k are NULL, with the
-- rates computed from them, and flagged; 0 is shown.
SELECT * FROM rp.report_ward_suppressed ORDER BY scope, level DESC, ward;
UPDATE rp.report_setting SET min_cell_count = 2;
SELECT ward, level, scope, households, people, poor_households, poor_people, poor_rate_pct, near_poor_households, suppressed
  FROM rp.report_ward_suppressed ORDER BY scope, level DESC, ward;
SELECT ward, scope, households_measured, poor_households, headcount_ratio, m0, suppressed
  FROM rp.report_mpi_suppressed ORDER BY scope, level DESC, ward;
SELECT ward, scope, kind, code, contribution_pct, suppressed FROM rp.report_mpi_contribution_suppressed
 WHERE code IN ('water', 'housing') ORDER BY scope, code, level DESC, ward;
SELECT ward, scope, indicator, households, deprived_households, deprived_share_pct, suppressed
  FROM rp.report_indicator_suppressed WHERE indicator = 'water' ORDER BY scope, level DESC, ward;
SELECT ward, scope, transition, households, suppressed FROM rp.report_transition_suppressed ORDER BY scope, transition, level DESC, ward;
SELECT scope, measure, poor_households, poor_mean_income, current_value, met, suppressed
  FROM rp.report_target_suppressed ORDER BY scope, measure;
UPDATE rp.report_setting SET min_cell_count = 0;

-- The views do not depend on the reader's search_path.
SET search_path = pg_temp;
SELECT count(*) FROM rp.report_ward;
SELECT count(*) FROM rp.report_household;
RESET search_path;

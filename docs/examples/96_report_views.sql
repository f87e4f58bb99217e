-- setup: registry
SELECT ward, level, scope, standards, households_total, households, people, poor_households, near_poor_households, poor_rate_pct, near_poor_rate_pct
  FROM district11.report_ward ORDER BY scope, level DESC, ward;
SELECT household_code, ward, scope, status, status_vi, deprivation_count, deprived_water, deprived_housing_area, deprived_social_insurance
  FROM district11.report_household ORDER BY household_id, scope;
SELECT ward, level, indicator, indicator_vi, dimension_en, households, deprived_households, deprived_share_pct
  FROM district11.report_indicator WHERE scope = 'national' AND indicator IN ('water', 'health_insurance') ORDER BY indicator, level DESC, ward;
SELECT ward, level, scope, standard, households_measured, cutoff_count, poor_households, headcount_ratio, intensity, m0,
       all_poor_households, all_m0
  FROM district11.report_mpi ORDER BY scope, level DESC, ward;
SELECT kind, code, label_vi, label_en, censored_headcount_pct, contribution_pct
  FROM district11.report_mpi_contribution WHERE level = 'district' AND scope = 'national' ORDER BY kind, contribution_pct DESC, code;
SELECT ward, level, recognised_on, decision_ref, scope, transition, transition_vi, households
  FROM district11.report_transition ORDER BY scope, transition, level DESC, ward;
UPDATE district11.target SET baseline_value = 20000000 WHERE measure = 'poor_income_ratio';
SELECT scope, measure, measure_vi, comparison, target_value, poor_mean_income, current_value, met
  FROM district11.report_target ORDER BY scope, measure;
-- The analyst's twin: counts above 0 and below k are hidden.
UPDATE district11.report_setting SET min_cell_count = 2;
SELECT ward, level, scope, households, poor_households, poor_people, poor_rate_pct, suppressed
  FROM district11.report_ward_suppressed ORDER BY scope, level DESC, ward;
-- A contribution is hidden when the households poor and deprived in its indicator, or in an
-- indicator of its dimension, are a small cell.
SELECT kind, code, dimension, poor_households, poor_deprived_households, censored_headcount_pct, contribution_pct, suppressed
  FROM district11.report_mpi_contribution_suppressed
 WHERE level = 'district' AND scope = 'national' AND dimension IN ('water_sanitation', 'employment') ORDER BY kind, code;

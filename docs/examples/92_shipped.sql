SELECT code, scope, unit, rule, minimum_deprivations AS k, confidence, legal_basis
  FROM standard ORDER BY scope DESC, code;
SELECT code, note FROM standard ORDER BY scope DESC, code;
SELECT standard, area, in_force, poor_line, near_poor_line, middle_line, confidence
  FROM standard_line ORDER BY scope DESC, lower(in_force), area;
SELECT standard, count(*) AS indicators, max(confidence) AS confidence,
       sum(weight_numerator::numeric / weight_denominator)::numeric(4,3) AS total_weight
  FROM standard_indicator GROUP BY standard ORDER BY standard;
SELECT indicator, weight_numerator || '/' || weight_denominator AS weight, confidence
  FROM standard_indicator WHERE standard = 'ophi-mpi' ORDER BY weight_denominator, indicator;
SELECT i.bit, i.code, i.dimension, i.confidence,
       string_agg(si.standard, ' ' ORDER BY si.standard) AS used_by
  FROM indicator AS i LEFT JOIN standard_indicator AS si ON si.indicator = i.code
 GROUP BY i.bit, i.code, i.dimension, i.confidence ORDER BY i.bit;
SELECT code, description_en FROM indicator ORDER BY bit;

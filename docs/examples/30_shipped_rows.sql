WITH corrected_lines AS (
    UPDATE standard_line SET confidence = 'confirmed'
     WHERE standard = 'hcm-2024'
    RETURNING standard, area, confidence, shipped, corrected
)
SELECT * FROM corrected_lines ORDER BY area;
UPDATE standard SET shipped = false, corrected = false
 WHERE code = 'vn-2016'
RETURNING code, shipped, corrected;
INSERT INTO standard_indicator (standard, indicator, weight_numerator, weight_denominator, confidence)
VALUES ('hcm-2019', 'health_access', 1, 11, 'secondary')
RETURNING *;
SELECT standard, indicator, confidence, shipped, corrected FROM standard_indicator
 WHERE standard = 'hcm-2019' AND indicator = 'health_access';
UPDATE indicator SET code = 'internet' WHERE code = 'telecom';
UPDATE standard SET code = 'vn-2022-amended' WHERE code = 'vn-2022';
UPDATE standard_line SET standard = 'vn-2016' WHERE standard = 'vn-2022' AND area = 'urban';
SELECT count(*) FILTER (WHERE shipped) AS shipped, count(*) FILTER (WHERE corrected) AS corrected,
       count(*) FILTER (WHERE NOT shipped) AS dba_rows
  FROM standard_line;

CREATE ROLE analyst LOGIN;
SET ROLE analyst;
SELECT classify(1800000, '{water}', 'vn-2022', 'urban');
SELECT count(*) AS standards FROM standard;
INSERT INTO indicator (code, dimension, description_vi, description_en)
VALUES ('clean_cooking', 'living_standards', 'Không sử dụng bếp sạch', 'The household does not cook with a clean stove');
RESET ROLE;
GRANT INSERT, UPDATE, DELETE ON indicator, standard, standard_line, standard_indicator, indicator_cutoff,
                                monitoring_window, poor_group_rule, label TO analyst;
GRANT INSERT ON retired_indicator_bit TO analyst;
SET ROLE analyst;
INSERT INTO indicator (code, dimension, description_vi, description_en)
VALUES ('clean_cooking', 'living_standards', 'Không sử dụng bếp sạch', 'The household does not cook with a clean stove')
RETURNING code, bit;
INSERT INTO indicator (code, bit, dimension, description_vi, description_en)
VALUES ('flood_risk', 40, 'housing', 'Nhà ở vùng thường xuyên ngập lụt', 'The house is in an area that floods every year')
RETURNING code, bit;
DELETE FROM indicator WHERE code = 'flood_risk';
TABLE retired_indicator_bit;
DELETE FROM retired_indicator_bit;
RESET ROLE;
DROP OWNED BY analyst;
DROP ROLE analyst;

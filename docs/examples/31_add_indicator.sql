INSERT INTO indicator (code, dimension, description_vi, description_en)
VALUES ('clean_cooking', 'living_standards', 'Không sử dụng bếp sạch', 'The household does not cook with a clean stove')
RETURNING code, bit, confidence, shipped, corrected;
SELECT '{clean_cooking,water}'::deprivations AS printed_in_bit_order;
UPDATE indicator SET bit = 40 WHERE code = 'clean_cooking';
INSERT INTO indicator (code, dimension, description_vi, description_en)
VALUES ('Clean-Cooking', 'living_standards', 'x', 'x');
INSERT INTO indicator (code, bit, dimension, description_vi, description_en)
VALUES ('flood_risk', 3, 'housing', 'x', 'x');
INSERT INTO indicator (code, dimension, description_vi, description_en)
VALUES ('flood_risk', 'housing', 'Nhà ở vùng thường xuyên ngập lụt', 'The house is in an area that floods every year')
RETURNING code, bit;
BEGIN;
INSERT INTO indicator (code, dimension, description_vi, description_en)
SELECT 'extra_' || g, 'test', 'x', 'x' FROM generate_series(1, 41) AS g;
INSERT INTO indicator (code, dimension, description_vi, description_en)
VALUES ('one_too_many', 'test', 'x', 'x');
ROLLBACK;
INSERT INTO indicator (code, dimension, description_vi, description_en)
VALUES ('after_rollback', 'test', 'x', 'x')
RETURNING code, bit;

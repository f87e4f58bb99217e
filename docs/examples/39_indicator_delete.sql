INSERT INTO indicator (code, dimension, description_vi, description_en)
VALUES ('clean_cooking', 'living_standards', 'Không sử dụng bếp sạch', 'The household does not cook with a clean stove')
RETURNING code, bit;
CREATE TABLE household (id int, deprivations deprivations);
INSERT INTO household VALUES (1, '{water,clean_cooking}');
DELETE FROM indicator WHERE code = 'clean_cooking';
SELECT * FROM household;
SELECT id, deprivation_count(deprivations), deprivations @> '{water}' AS water FROM household;
\copy household TO 'household.bin' (FORMAT binary)
INSERT INTO indicator (code, dimension, description_vi, description_en)
VALUES ('flood_risk', 'housing', 'Nhà ở vùng thường xuyên ngập lụt', 'The house is in an area that floods every year')
RETURNING code, bit;
SELECT * FROM household;
INSERT INTO indicator (code, bit, dimension, description_vi, description_en)
VALUES ('clean_cooking', 21, 'living_standards', 'Không sử dụng bếp sạch', 'The household does not cook with a clean stove');
SELECT * FROM household;

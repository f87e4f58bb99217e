CREATE ROLE analyst LOGIN;
SET ROLE analyst;
SELECT classify(1800000, '{water}', 'vn-2022', 'urban');
SELECT count(*) AS standards FROM standard;
INSERT INTO indicator (code, dimension, description_vi, description_en)
VALUES ('clean_cooking', 'living_standards', 'Không sử dụng bếp sạch', 'The household does not cook with a clean stove');
RESET ROLE;
GRANT INSERT, UPDATE, DELETE ON indicator, standard, standard_line, standard_indicator TO analyst;
GRANT USAGE ON SEQUENCE indicator_bit_seq TO analyst;
SET ROLE analyst;
INSERT INTO indicator (code, dimension, description_vi, description_en)
VALUES ('clean_cooking', 'living_standards', 'Không sử dụng bếp sạch', 'The household does not cook with a clean stove');
RESET ROLE;
GRANT SELECT ON SEQUENCE indicator_bit_seq TO analyst;
SET ROLE analyst;
INSERT INTO indicator (code, dimension, description_vi, description_en)
VALUES ('clean_cooking', 'living_standards', 'Không sử dụng bếp sạch', 'The household does not cook with a clean stove')
RETURNING code, bit;
RESET ROLE;
DROP OWNED BY analyst;
DROP ROLE analyst;

-- Five incomes with sampling weights, small enough to check by hand.
CREATE TABLE sample (income float8, weight float8);
INSERT INTO sample VALUES (10, 5), (2, 2), (4, 1), (1, 1), (3, 1);

SELECT classify(2100000, '{}', 'vn-2022', 'urban');
\! psql -X -q -c "UPDATE povext.standard_line SET poor_line = 2200000, near_poor_line = 2200000 WHERE standard = 'vn-2022' AND area = 'urban'"
SELECT classify(2100000, '{}', 'vn-2022', 'urban');
BEGIN ISOLATION LEVEL REPEATABLE READ;
SELECT poor_line, classify(2100000, '{}', 'vn-2022', 'urban') FROM standard_line WHERE standard = 'vn-2022' AND area = 'urban';
\! psql -X -q -c "UPDATE povext.standard_line SET poor_line = 2000000, near_poor_line = 2000000 WHERE standard = 'vn-2022' AND area = 'urban'"
SELECT poor_line, classify(2100000, '{}', 'vn-2022', 'urban') FROM standard_line WHERE standard = 'vn-2022' AND area = 'urban';
COMMIT;
SELECT classify(2100000, '{}', 'vn-2022', 'urban');

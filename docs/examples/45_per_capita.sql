SELECT per_capita_income(90000000, 4) AS per_month,
       per_capita_income(90000000, 4, 'year') AS per_year,
       round(per_capita_income(100000000, 3), 0) AS rounded;
SELECT per_capita_income(0, 1) AS zero, per_capita_income(NULL, 4) AS null_in;

SELECT classify(NULL, '{}', 'vn-2022', 'urban') AS income_null,
       classify(1, NULL, 'vn-2022', 'urban') AS set_null,
       classify(1, '{}', NULL, 'urban') AS standard_null,
       classify(1, '{}', 'national', 'urban', NULL) AS date_null;
SELECT count(*) AS rows, count(status) AS non_null_status
  FROM explain_classification(1, '{}', 'vn-2022', NULL);

SELECT deprivation_count('{water,sanitation,telecom}') AS three,
       deprivation_count('{}') AS zero,
       deprivation_count(NULL) AS null_in,
       NULL::deprivations | '{water}' AS null_union,
       NULL::deprivations @> '{}' AS null_contains;

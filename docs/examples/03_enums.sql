SELECT enum_range(NULL::status) AS status, enum_range(NULL::area) AS area,
       enum_range(NULL::income_unit) AS income_unit;
SELECT enum_range(NULL::rule_kind) AS rule_kind, enum_range(NULL::confidence) AS confidence;
SELECT min(s) AS worst, max(s) AS best FROM unnest('{middle,near_poor,not_poor}'::status[]) AS s;

sql <<'SQL'
UPDATE standard_line SET confidence = 'confirmed' WHERE standard = 'hcm-2024' AND area = 'urban';
INSERT INTO indicator (code, dimension, description_vi, description_en)
VALUES ('clean_cooking', 'living_standards', 'Không sử dụng bếp sạch', 'The household does not cook with a clean stove');
INSERT INTO indicator (code, dimension, description_vi, description_en)
VALUES ('flood_risk', 'housing', 'Nhà ở vùng thường xuyên ngập lụt', 'The house is in an area that floods every year');
DELETE FROM indicator WHERE code = 'flood_risk';
INSERT INTO standard (code, scope, name, unit, rule, minimum_deprivations, legal_basis, confidence)
VALUES ('ward-pilot', 'ward_pilot', 'Pilot standard', 'month', 'two_band', 1, 'Ward decision 1/2025', 'unverified');
INSERT INTO standard_line (standard, scope, area, in_force, poor_line, near_poor_line, legal_basis, confidence)
VALUES ('ward-pilot', 'ward_pilot', 'urban', '[2025-01-01,)', 2500000, 3000000, 'Ward decision 1/2025', 'unverified');
INSERT INTO standard_indicator (standard, indicator, weight_numerator, weight_denominator, confidence)
VALUES ('ward-pilot', 'clean_cooking', 1, 2, 'unverified'), ('ward-pilot', 'water', 1, 2, 'unverified');
CREATE ROLE analyst LOGIN;
ALTER DATABASE povext_docs OWNER TO analyst;
SQL
command=$(cat <<'CMD'
pg_dump -U analyst -d povext_docs | sed -n -e '/^COPY povext/,/^\\\.$/p'
CMD
)
# a role that is not a superuser cannot take the examples' lc_messages
export PGOPTIONS=
show "$command"
admin -c "ALTER DATABASE povext_docs OWNER TO postgres"

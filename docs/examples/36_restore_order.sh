sql <<'SQL'
INSERT INTO indicator (code, dimension, description_vi, description_en)
VALUES ('clean_cooking', 'living_standards', 'Không sử dụng bếp sạch', 'The household does not cook with a clean stove');
CREATE SCHEMA analysis;
CREATE TABLE analysis.household (id int, deprivations povext.deprivations);
INSERT INTO analysis.household VALUES (1, '{water,clean_cooking}');
SQL
new_db povext_docs_copy empty
echo
show 'pg_dump -Fc -d povext_docs -f povext_docs.dump'
show 'pg_restore -d povext_docs_copy povext_docs.dump'
show 'psql -X -d povext_docs_copy -c "SELECT count(*) FROM analysis.household"'

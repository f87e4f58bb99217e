sql <<'SQL'
INSERT INTO indicator (code, dimension, description_vi, description_en)
VALUES ('clean_cooking', 'living_standards', 'Không sử dụng bếp sạch', 'The household does not cook with a clean stove');
CREATE SCHEMA survey;
CREATE TABLE survey.household (id int, deprivations povext.deprivations);
INSERT INTO survey.household VALUES (1, '{water,clean_cooking}');
SQL
new_db povext_docs_copy empty
echo
show 'pg_dump -N povext -d povext_docs | grep -E "^(CREATE|COPY)"'
show 'pg_dump -N povext -d povext_docs | psql -X -q -o /dev/null -d povext_docs_copy'
new_db povext_docs_copy empty
show 'pg_dump -n survey -n povext --extension=povext --extension=btree_gist -d povext_docs | grep -E "^(CREATE|COPY)"'
show 'pg_dump -n survey -n povext --extension=povext --extension=btree_gist -d povext_docs | psql -X -q -o /dev/null -d povext_docs_copy'
show 'psql -X -d povext_docs_copy -c "TABLE survey.household"'

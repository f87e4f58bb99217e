quiet() { psql -X -q -v ON_ERROR_STOP=1 -c "$1" >/dev/null; }
quiet "INSERT INTO indicator (code, dimension, description_vi, description_en)
       VALUES ('clean_cooking', 'living_standards', 'Không sử dụng bếp sạch', 'The household does not cook with a clean stove')"
quiet "CREATE SCHEMA analysis"
quiet "CREATE TABLE analysis.household (id int, deprivations povext.deprivations)"
quiet "INSERT INTO analysis.household VALUES (1, '{water,clean_cooking}')"
pg_dump -Fc -d povext_docs -f povext_docs.dump
new_db povext_docs_copy empty
show 'pg_restore -d povext_docs_copy --section=pre-data povext_docs.dump'
show 'pg_restore -d povext_docs_copy --section=data --schema=povext povext_docs.dump'
show 'pg_restore -d povext_docs_copy --section=data --exclude-schema=povext povext_docs.dump'
show 'pg_restore -d povext_docs_copy --section=post-data povext_docs.dump'
show 'psql -X -d povext_docs_copy -c "TABLE analysis.household"'

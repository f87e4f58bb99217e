#!/usr/bin/env bash
# Client tests: psqlODBC through unixODBC (isql and pyodbc), pgJDBC and
# SQLAlchemy against the running test cluster (PGHOST, PGPORT, PGUSER of
# tools/common.sh; JDBC connects over TCP to 127.0.0.1), over povext's
# functions and the report views of a small registry (setup.sql).  Each check prints a
# TAP line; ends with "clients: N passed, M failed" and fails if any check
# does.  The Debian packages are those of ensure_packages in tools/common.sh.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
database=povext_clients
python=/usr/bin/python3      # the Debian python, which has the Debian modules

psql -X -q -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $database" \
     -c "CREATE DATABASE $database" &&
    psql -X -q -v ON_ERROR_STOP=1 -d "$database" -c "SET client_min_messages = warning" \
         -c "CREATE EXTENSION povext CASCADE" -f "$here/setup.sql" ||
    { echo "clients: could not set up database $database"; exit 1; }

{
    # unixODBC's isql, with a DSN of its own
    cat > "$work/odbc.ini" <<INI
[povext]
Driver=PostgreSQL Unicode
Servername=$PGHOST
Port=$PGPORT
Database=$database
Username=$PGUSER
INI
    isql_run() { echo "$1" | ODBCINI=$work/odbc.ini isql -v -b -d'|' -c povext 2>&1; }
    out=$(isql_run "SELECT deprivations FROM clients.household WHERE id = 2")
    [ "$out" = $'deprivations\n{water}' ] && echo "ok - isql: a deprivations value" ||
        echo "not ok - isql: a deprivations value (got: $out)"
    out=$(isql_run "SELECT povext.classify(1000000, '{}', 'vn2022', 'urban')")
    case $out in
        *'Did you mean "vn-2022"? Valid standards are: hcm-2016, hcm-2019, hcm-2021, hcm-2024, ophi-mpi, vn-2016, vn-2022.'*)
            echo "ok - isql: a misspelt standard names the nearest and the valid standards" ;;
        *) echo "not ok - isql: a misspelt standard names the nearest and the valid standards (got: $out)" ;;
    esac

    $python "$here/odbc.py" \
        "DRIVER={PostgreSQL Unicode};Servername=$PGHOST;Port=$PGPORT;Database=$database;Username=$PGUSER" ||
        echo "not ok - odbc.py ended with an error"

    jar=/usr/share/java/postgresql.jar
    if javac -d "$work" "$here/Clients.java" 2> "$work/javac.log"; then
        java -cp "$jar:$work" Clients "jdbc:postgresql://127.0.0.1:$PGPORT/$database?user=$PGUSER" ||
            echo "not ok - Clients.java ended with an error"
    else
        echo "not ok - Clients.java compiles"; cat "$work/javac.log"
    fi

    $python "$here/sqlalchemy_reflect.py" "postgresql+psycopg2://$PGUSER@/$database?host=$PGHOST&port=$PGPORT" ||
        echo "not ok - sqlalchemy_reflect.py ended with an error"
} 2>&1 | tee "$work/log"

passed=$(grep -c '^ok - ' "$work/log")
failed=$(grep -c '^not ok - ' "$work/log")
psql -X -q -c "DROP DATABASE IF EXISTS $database"
echo "clients: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]

#!/usr/bin/env bash
# Regenerates docs/reference.md from docs/reference.md.in and the examples in
# docs/examples/, against the running throwaway cluster of tools/common.sh
# (PGHOST, PGPORT; build, install and start it first, as tools/test.sh does:
# the pages document what is installed, not what is in src/).
#
#   tools/docs.sh           writes docs/reference.md
#   tools/docs.sh --check   regenerates into a temporary file and compares it
#                           with docs/reference.md: prints the diff and exits 1
#                           if they differ
#
# Every docs/examples/NN_name.sql runs with psql -X -a in a fresh database
# (povext_docs, a copy of a template in which povext is created) and its
# output replaces the line @@NN_name@@ of the template.  Error fields that
# verbose mode adds are dropped except the SQLSTATE.  An example whose first
# line is "-- setup: NAME ..." first runs docs/examples/setup/NAME.sql
# quietly; the line @@setup/NAME@@ of the template shows that file as SQL.
# docs/examples/NN_name.sh are bash fragments for what SQL alone cannot show
# (pg_dump, pg_restore, several databases); they use the helpers below.
# Examples create databases named povext_docs* and the role analyst; both are
# dropped at the end.
set -euo pipefail
source "$(dirname "$0")/common.sh"

mode=write
case "${1:-}" in
    "") ;;
    --check) mode=check ;;
    *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

docs=$top/docs
examples=$docs/examples
work=$(mktemp -d /tmp/povext-docs.XXXXXX)
template_db=povext_docs_template

# One session setting for every example, whoever runs it.
export PGOPTIONS="-c search_path=public,povext -c DateStyle=ISO,YMD -c IntervalStyle=postgres -c TimeZone=UTC -c lc_messages=C -c extra_float_digits=1 -c client_min_messages=notice -c synchronous_commit=off"
export PGCLIENTENCODING=UTF8 LC_ALL=C.UTF-8
unset PSQLRC PAGER PSQL_PAGER COLUMNS

admin() {   # runs statements quietly in database postgres
    psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "SET client_min_messages = warning" "$@" >/dev/null
}

# Drops the databases and the role that the examples create.
drop_docs_objects() {
    local db
    for db in $(psql -X -At -d postgres -c "SELECT datname FROM pg_database WHERE datname LIKE 'povext\_docs%'"); do
        admin -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)"
    done
    admin -c "DROP ROLE IF EXISTS analyst"
    # the roles of the access examples (povext_docs_*); their grants went with the databases
    for role in $(psql -X -At -d postgres -c "SELECT rolname FROM pg_roles WHERE rolname LIKE 'povext\_docs\_%' ORDER BY rolname DESC"); do
        admin -c "DROP ROLE IF EXISTS \"$role\""
    done
}

cleanup() {
    drop_docs_objects 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# --- helpers for the examples ------------------------------------------------

# Drops psql's file and line prefix of errors and the verbose error fields
# other than the SQLSTATE.
filter() {
    sed -e 's/^psql:[^:]*:[0-9]*: //' \
        -e '/^\(LOCATION\|SCHEMA NAME\|TABLE NAME\|COLUMN NAME\|DATATYPE NAME\|CONSTRAINT NAME\): /d'
}

# new_db NAME: a fresh database with povext created.  new_db NAME empty: an
# empty database (for restores).
new_db() {
    admin -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)"
    if [ "${2:-}" = empty ]; then
        admin -c "CREATE DATABASE \"$1\" TEMPLATE template0"
    else
        admin -c "CREATE DATABASE \"$1\" TEMPLATE $template_db"
    fi
}

# sql [DATABASE]: runs the SQL of stdin as a session of the examples, echoing it.
sql() {
    psql -X -a -v VERBOSITY=verbose -v SHOW_CONTEXT=never --pset=pager=off -d "${1:-$PGDATABASE}" 2>&1 | filter
}

# show 'COMMAND': prints "$ COMMAND", then runs it with its errors.
show() {
    echo "\$ $1"
    eval "$1" 2>&1 | filter || true
}

# --- run the examples ------------------------------------------------------

if ! psql -X -q -d postgres -c "SELECT 1" >/dev/null 2>&1; then
    echo "docs.sh: no server at $PGHOST port $PGPORT; build, install and start the cluster first:" >&2
    echo "  make install && (source tools/common.sh && start_cluster)" >&2
    exit 1
fi

start=$(date +%s)
drop_docs_objects
admin -c "CREATE DATABASE $template_db TEMPLATE template0"
psql -X -q -v ON_ERROR_STOP=1 -d $template_db -c "SET client_min_messages = warning" \
     -c "CREATE EXTENSION povext CASCADE" >/dev/null

mkdir "$work/out" "$work/run"
export PGDATABASE=povext_docs
for example in $(ls "$examples"/[0-9]*.sql "$examples"/[0-9]*.sh 2>/dev/null | sort); do
    name=$(basename "${example%.*}")
    new_db povext_docs
    cd "$work/run"
    for setup in $(sed -n '1s/^-- setup://p' "$example"); do
        psql -X -q -v ON_ERROR_STOP=1 -f "$examples/setup/$setup.sql" >/dev/null
    done
    case "$example" in
        *.sql)
            psql -X -a -v VERBOSITY=verbose -v SHOW_CONTEXT=never --pset=pager=off -f "$example" \
                > "$work/out/$name.raw" 2>&1 || { cat "$work/out/$name.raw" >&2; echo "docs.sh: $name failed" >&2; exit 1; }
            sed '1{/^-- setup:/d}' "$work/out/$name.raw" | filter > "$work/out/$name.out"
            ;;
        *.sh)
            ( set +e; source "$example" ) > "$work/out/$name.out" 2>&1
            ;;
    esac
    if ! admin -c "DROP ROLE IF EXISTS analyst" 2>/dev/null; then
        cat "$work/out/$name.out" >&2
        echo "docs.sh: the server is down after example $name" >&2
        exit 1
    fi
    cd "$work"
done

# --- fill the template -----------------------------------------------------

python3 - "$docs/reference.md.in" "$work/out" "$examples/setup" "$work/reference.md" <<'PY'
import pathlib, re, sys
template, outputs, setups, target = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3]), sys.argv[4]
used = set()
def block(match):
    name = match.group(1)
    setup = name.startswith("setup/")
    path = setups / (name[6:] + ".sql") if setup else outputs / (name + ".out")
    if not path.exists():
        sys.exit(f"docs.sh: the template uses @@{name}@@, but there is no docs/examples/{name}.sql or .sh")
    if name in used:
        sys.exit(f"docs.sh: the template uses @@{name}@@ twice")
    used.add(name)
    text = path.read_text().rstrip("\n")
    if "```" in text:
        sys.exit(f"docs.sh: {name} contains ```")
    return ("```sql\n" if setup else "```text\n") + text + "\n```"
text = re.sub(r"^@@([0-9A-Za-z_/]+)@@$", block, pathlib.Path(template).read_text(), flags=re.M)
if "@@" in text:
    sys.exit("docs.sh: the template has an @@ that is not alone on its line")
unused = sorted({p.stem for p in outputs.glob("*.out")} - used)
unused += sorted({"setup/" + p.stem for p in setups.glob("*.sql")} - used)
if unused:
    sys.exit("docs.sh: not used by the template: " + ", ".join(unused))
pathlib.Path(target).write_text(text)
PY

seconds=$(($(date +%s) - start))
if [ $mode = check ]; then
    if diff -u "$docs/reference.md" "$work/reference.md" --label docs/reference.md --label regenerated; then
        echo "docs.sh: docs/reference.md is up to date (${seconds}s)"
    else
        echo "docs.sh: docs/reference.md differs from its regeneration (diff above); run tools/docs.sh" >&2
        exit 1
    fi
else
    cp "$work/reference.md" "$docs/reference.md"
    echo "docs.sh: wrote docs/reference.md (${seconds}s)"
fi

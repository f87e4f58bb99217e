#!/usr/bin/env bash
# The main job: build povext, start a throwaway PostgreSQL 15 and run a
# district shaped like HCMC's District 11 through a year: create the
# registry, generate its 59,600 households (tools/district.sql), recognise
# the lists of 1 January 2020, apply a year of changes
# (tools/district_year.sql), recognise the lists of 1 December 2020, then
# print the report (tools/report.sql) and write it as one HTML page
# (tools/report.html; docs/demo.md).  Prints the time of each step.
#
#   tools/demo.sh [--scale N] [--html FILE]
#
# --scale multiplies the households (0.05 for a small district), --html
# says where the page goes (default demo-report.html in the checkout).
# When POVEXT_DEMO_REUSE=1 the cluster of PGHOST/PGPORT is used as it is
# (nothing is built or started): tools/test.sh does so.
set -euo pipefail
source "$(dirname "$0")/common.sh"

scale=1
html=$top/demo-report.html
while [ $# -gt 0 ]; do
    case $1 in
        --scale) scale=$2; shift 2 ;;
        --html) html=$2; shift 2 ;;
        *) echo "usage: tools/demo.sh [--scale N] [--html FILE]" >&2; exit 2 ;;
    esac
done

if [ "${POVEXT_DEMO_REUSE:-0}" != 1 ]; then
    prepare_cluster
fi
db=povext_demo
registry=district11
vars=(-v registry=$registry -v scale="$scale" -v seed=2020)

# Runs one step (psql arguments) and prints how long it took.
step() {
    local name=$1 t0 t1
    shift
    echo "== $name"
    t0=$(date +%s.%N)
    psql -X -q -v ON_ERROR_STOP=1 -d $db "$@"
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "   (%.1f s)\n", b - a }'
}

# Recognises the computed statuses of every ward at a review.
review_sql() {
    cat <<SQL
SET client_min_messages = error;
SELECT r.scope, count(*) FILTER (WHERE r.status = 'poor') AS poor,
       count(*) FILTER (WHERE r.status = 'near_poor') AS near_poor,
       count(*) FILTER (WHERE r.status IS NULL) AS undetermined,
       count(*) FILTER (WHERE r.transition NOT IN ('unchanged')) AS changed
  FROM $registry.ward AS w,
       povext.registry_review('$registry', w.code, '$1', 'periodic', '$2') AS r
 GROUP BY r.scope ORDER BY r.scope;
SQL
}

start=$(date +%s.%N)
psql -X -q -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
psql -X -q -d $db -c "SET client_min_messages = warning" -c "CREATE EXTENSION povext CASCADE"
step "generating the district (scale $scale: registry, wards, households, members, lists of 1 January 2020)" \
    "${vars[@]}" -f "$top/tools/district.sql" \
    -c "SELECT count(*) AS households, sum(members) AS members FROM $registry.household"
step "review of 1 January 2020 (every ward)" -c "$(review_sql 2020-01-01 'Danh sách 01/01/2020 (demo)')"
step "a year of changes (incomes, births, ages, moves, households falling back)" \
    "${vars[@]}" -f "$top/tools/district_year.sql" \
    -c "SELECT count(*) AS members_now FROM $registry.member"
step "review of 1 December 2020 (every ward)" -c "$(review_sql 2020-12-01 'Danh sách 01/12/2020 (demo)')"
data=$(mktemp)
step "report" -v registry=$registry -v html_data="$data" -f "$top/tools/report.sql"
sed -e "/__REPORT_DATA__/{r $data" -e 'd}' "$top/tools/report.html" > "$html"
rm -f "$data"
echo "== HTML report: $html"
awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "== total %.1f s\n", b - a }'

#!/usr/bin/env bash
# Every test of povext against a throwaway PostgreSQL 15: pg_regress (exact
# outputs), pgTAP (contracts), isolation specs (concurrency), TAP tests
# (dump/restore, upgrades) and the examples of docs/reference.md (their
# output must be what the document shows).  Ends with one line counting
# passes and failures.
set -uo pipefail
source "$(dirname "$0")/common.sh"
set -e
ensure_packages
build_and_install
start_cluster
trap stop_cluster EXIT
set +e

pgxs_dir=$(dirname "$(pg_config --pgxs)")/..
out=$cluster_dir/test-output
mkdir -p "$out"
passed=0
failed=0
summary=()

# Adds one suite's counts to the totals; a suite that failed without a
# failing test (a crash, a bad plan) counts as one failure.
count() {
    local name=$1 rc=$2 ok=$3 bad=$4
    [ "$rc" -ne 0 ] && [ "$bad" -eq 0 ] && bad=1
    passed=$((passed + ok))
    failed=$((failed + bad))
    summary+=("$name $ok/$((ok + bad))")
}

echo "== pg_regress"
make -C "$top" -s installcheck 2>&1 | tee "$out/regress.log"
count regress "${PIPESTATUS[0]}" "$(grep -cE '^(ok|test) .* ok( |$)|\.\.\. ok' "$out/regress.log")" \
              "$(grep -cE 'FAILED|failed \(ignored\)' "$out/regress.log")"
[ -f "$top/regression.diffs" ] && cat "$top/regression.diffs"

echo "== isolation"
"$pgxs_dir/test/isolation/pg_isolation_regress" --bindir=/usr/lib/postgresql/15/bin \
    --inputdir="$top/test/isolation" --outputdir="$out/isolation" \
    --load-extension=btree_gist --load-extension=povext \
    $(cd "$top/test/isolation/specs" && ls *.spec | sed 's/\.spec$//') 2>&1 | tee "$out/isolation.log"
count isolation "${PIPESTATUS[0]}" "$(grep -cE '\.\.\. ok' "$out/isolation.log")" "$(grep -cE 'FAILED' "$out/isolation.log")"
[ -f "$out/isolation/regression.diffs" ] && cat "$out/isolation/regression.diffs"

echo "== pgTAP"
psql -X -q -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS povext_tap" -c "CREATE DATABASE povext_tap"
psql -X -q -d povext_tap -c "SET client_min_messages = warning" \
     -c "CREATE EXTENSION pgtap" -c "CREATE EXTENSION povext CASCADE"
pg_prove -v -d povext_tap "$top"/test/pgtap/*.sql > "$out/pgtap.log" 2>&1
rc=$?
grep -vE '^ok ' "$out/pgtap.log"
count pgtap $rc "$(grep -cE '^ok ' "$out/pgtap.log")" "$(grep -cE '^not ok ' "$out/pgtap.log")"

echo "== TAP"
POVEXT_TOP=$top prove -v "$top"/test/t/*.pl > "$out/tap.log" 2>&1
rc=$?
grep -vE '^ok ' "$out/tap.log"
count tap $rc "$(grep -cE '^ok ' "$out/tap.log")" "$(grep -cE '^not ok ' "$out/tap.log")"

echo "== reference documentation"
"$top/tools/docs.sh" --check
rc=$?
count docs $rc $((rc == 0 ? 1 : 0)) $((rc == 0 ? 0 : 1))

echo "povext tests: $passed passed, $failed failed (${summary[*]})"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]

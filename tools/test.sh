#!/usr/bin/env bash
# Every test of povext against a throwaway PostgreSQL 15: pg_regress (exact
# outputs) and isolation specs (make installcheck), pgTAP (contracts), TAP
# tests (make prove_installcheck: released scripts, dump/restore, upgrades),
# the examples of docs/reference.md (their output must be what the document
# shows), the message catalogs (tools/po_check.sh), real clients
# (test/clients: ODBC, JDBC, SQLAlchemy), the demo district's report in
# headless Chromium and a fuzzing run with a fixed seed (tools/fuzz.sh).
# Ends with one line counting passes and failures.
set -uo pipefail
source "$(dirname "$0")/common.sh"

# Citus for the Citus TAP test (test/t/007_citus.pl), built from the source
# beside the checkout (CI has ../shared next to it) into the server the build
# uses; build.sh does nothing when this version is installed.  Without it
# the test is skipped, and says so.
citus_build=$top/../shared/vendor/citus/build.sh
if [ -x "$citus_build" ] && [ "$(id -u)" -eq 0 ]; then
    echo "== Citus (../shared/vendor/citus/build.sh)"
    PG_CONFIG=$(command -v pg_config) "$citus_build" "/var/tmp/citus-build-$(id -u)-$PGPORT" || exit 1
else
    echo "== Citus: $citus_build is not there or this is not root; the Citus test will be skipped unless Citus is installed"
fi
prepare_cluster

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

# Counts of a pg_regress run from its summary line: "All 7 tests passed." or
# "2 of 7 tests failed."; prints "passed failed".
regress_counts() {
    sed -nE 's/.*All ([0-9]+) tests passed.*/\1 0/p; s/.* ([0-9]+) of ([0-9]+) tests failed.*/\2 \1/p' "$1" |
        awk '{ print $1 - $2, $2 }'
}

# Counts of a TAP harness run from its summary ("Tests=N" and the failed
# subtests of each file); prints "passed failed".
tap_counts() {
    awk '/^Files=[0-9]+, Tests=/ { sub(/.*Tests=/, ""); total = $0 + 0 }
         /Failed: [0-9]+\)?$/ { n = $0; sub(/.*Failed: /, "", n); bad += n + 0 }
         END { print total - bad, bad + 0 }' "$1"
}

echo "== make installcheck (pg_regress, isolation)"
make -C "$top" -s installcheck > "$out/installcheck.log" 2>&1
rc=$?
grep -E '^(test|ok|not ok| +[a-z_]+ +\.\.\.)|tests (passed|failed)' "$out/installcheck.log"
for diffs in "$top/regression.diffs" "$top/output_iso/regression.diffs"; do
    [ -s "$diffs" ] && cat "$diffs"
done
summary_lines=$(grep -E 'tests (passed|failed)' "$out/installcheck.log")
read -r ok bad < <(regress_counts <(echo "$summary_lines" | sed -n 1p))
count regress $rc "${ok:-0}" "${bad:-0}"
read -r ok bad < <(regress_counts <(echo "$summary_lines" | sed -n 2p))
count isolation $rc "${ok:-0}" "${bad:-0}"

echo "== pgTAP"
psql -X -q -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS povext_tap" -c "CREATE DATABASE povext_tap"
psql -X -q -d povext_tap -c "SET client_min_messages = warning" \
     -c "CREATE EXTENSION pgtap" -c "CREATE EXTENSION povext CASCADE"
pg_prove -d povext_tap "$top"/test/pgtap/*.sql > "$out/pgtap.log" 2>&1
rc=$?
cat "$out/pgtap.log"
read -r ok bad < <(tap_counts "$out/pgtap.log")
count pgtap $rc "$ok" "$bad"

# TAP tests start clusters of their own, which initdb refuses to do as root:
# run them as the postgres OS user from a copy of the checkout it owns.
echo "== make prove_installcheck (TAP)"
tap_top=$top
if [ "$(id -u)" -eq 0 ]; then
    tap_top=$cluster_dir/checkout
    rm -rf "$tap_top"
    mkdir -p "$tap_top"
    (cd "$top" && tar --exclude=./tmp --exclude=./.git -cf - .) | tar -C "$tap_top" -xf -
    chown -R postgres:postgres "$tap_top"
fi
as_owner() { if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }
as_owner make -C "$tap_top" -s prove_installcheck > "$out/tap.log" 2>&1
rc=$?
cat "$out/tap.log"
read -r ok bad < <(tap_counts "$out/tap.log")
count tap $rc "$ok" "$bad"

# The demo district, small (scale 0.05: 2,980 households), end to end on
# this cluster, and its HTML report opened in headless Chromium: one test,
# passed when the page shows the terminal report's figures.
echo "== demo district and its HTML report (tools/demo.sh --scale 0.05, Chromium)"
if ! command -v chromium >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
POVEXT_DEMO_REUSE=1 "$top/tools/demo.sh" --scale 0.05 --html "$out/demo-report.html" > "$out/demo.log" 2>&1 &&
    "$top/tools/report_check.py" "$out/demo.log" "$out/demo-report.html"
rc=$?
grep -E '^== |^   \(' "$out/demo.log"
[ $rc -ne 0 ] && tail -20 "$out/demo.log"
count demo $rc $((rc == 0 ? 1 : 0)) $((rc == 0 ? 0 : 1))

echo "== reference documentation"
"$top/tools/docs.sh" --check
rc=$?
count docs $rc $((rc == 0 ? 1 : 0)) $((rc == 0 ? 0 : 1))

# Message catalogs: the .pot is current and vi.po translates all of it.
echo "== message catalogs (tools/po_check.sh)"
"$top/tools/po_check.sh" > "$out/po.log" 2>&1
rc=$?
cat "$out/po.log"
read -r ok bad < <(sed -nE 's/^po check: ([0-9]+) passed, ([0-9]+) failed$/\1 \2/p' "$out/po.log")
count messages $rc "${ok:-0}" "${bad:-0}"

# Real clients (ODBC, JDBC, SQLAlchemy) against the test cluster.
echo "== clients (test/clients/run.sh)"
"$top/test/clients/run.sh" > "$out/clients.log" 2>&1
rc=$?
cat "$out/clients.log"
read -r ok bad < <(sed -nE 's/^clients: ([0-9]+) passed, ([0-9]+) failed$/\1 \2/p' "$out/clients.log")
count clients $rc "${ok:-0}" "${bad:-0}"

# Fuzzing (tools/fuzz.sh, fixed seed): one test, passed when no backend died.
echo "== fuzzing (tools/fuzz.sh)"
"$top/tools/fuzz.sh" > "$out/fuzz.log" 2>&1
rc=$?
grep -vE '^(fuzz: internal error|      from:)' "$out/fuzz.log" | tail -20
count fuzz $rc $((rc == 0 ? 1 : 0)) $((rc == 0 ? 0 : 1))

echo "povext tests: $passed passed, $failed failed (${summary[*]})"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]

#!/usr/bin/env bash
# Fuzzing of povext with a fixed seed: test/fuzz/fuzz.py (mutations of the
# text and binary input of every povext type, and calls of every povext
# function and aggregate with adversarial arguments) and sqlsmith (random
# queries as an unprivileged role on tables of povext's types), in a fresh
# database povext_fuzz of the cluster of tools/common.sh; it starts a
# throwaway cluster first when none answers.  Ordinary errors are expected
# answers; the run fails when a backend died (read from the server log) or
# when an accepted value's text does not read back the same (fuzz.py).
#
#   tools/fuzz.sh                 default run, about a minute (tools/test.sh runs it)
#   tools/fuzz.sh --long          20 times as many inputs and queries
#   POVEXT_FUZZ_SCALE=N           N times as many (overrides --long)
#   POVEXT_FUZZ_SEED=N            another seed (default 20250601)
set -uo pipefail
source "$(dirname "$0")/common.sh"

scale=1
[ "${1:-}" = "--long" ] && scale=20
scale=${POVEXT_FUZZ_SCALE:-$scale}
seed=${POVEXT_FUZZ_SEED:-20250601}

if ! "$pg_bin/pg_isready" -q 2>/dev/null; then
    prepare_cluster
fi
out=$cluster_dir/fuzz
rm -rf "$out"
mkdir -p "$out"
log=$cluster_dir/server.log
log_start=$(($(stat -c %s "$log") + 1))
start=$(date +%s)

psql -X -q -v ON_ERROR_STOP=1 -c "SET client_min_messages = warning" \
     -c "DROP DATABASE IF EXISTS povext_fuzz" -c "DROP ROLE IF EXISTS povext_smith" \
     -c "CREATE DATABASE povext_fuzz" &&
    psql -X -q -v ON_ERROR_STOP=1 -d povext_fuzz -f "$top/test/fuzz/setup.sql" || exit 1

echo "== fuzz.py (seed $seed, $((60000 * scale)) inputs)"
/usr/bin/python3 "$top/test/fuzz/fuzz.py" --dbname povext_fuzz --seed "$seed" \
    --iterations $((60000 * scale)) --max-seconds $((60 * scale)) --out "$out"
fuzz_rc=$?

# sqlsmith: deterministic for a seed and a schema (but for a rare statement
# timeout); both time caps only bound a run on a busy machine.  A backend's
# death shows in the server log with the query it was running.
echo "== sqlsmith (seed $seed, $((6000 * scale)) queries)"
timeout $((60 * scale)) sqlsmith --target="host=$PGHOST port=$PGPORT dbname=povext_fuzz user=povext_smith" \
    --seed="$seed" --max-queries=$((6000 * scale)) --exclude-catalog --verbose > "$out/sqlsmith.log" 2>&1
smith_rc=$?
queries=$(sed -nE 's/^queries: ([0-9]+).*/\1/p' "$out/sqlsmith.log" | tail -1)
grep -E "^error rate" "$out/sqlsmith.log" | tail -1
if [ "$smith_rc" -ne 0 ]; then
    echo "sqlsmith exited with $smith_rc; last lines of $out/sqlsmith.log:"
    tail -5 "$out/sqlsmith.log"
fi

# Deaths of any backend during the run: a signal, an exception, or a server
# process (not a background worker, whose exit code 1 is an ordinary error)
# that exited with a non-zero code.
tail -c "+$log_start" "$log" > "$out/server.log"
deaths=$(grep -cE 'terminated by signal|was terminated by exception|server process .* exited with exit code|exited with exit code [02-9]|PANIC:' "$out/server.log")
if [ "$deaths" -gt 0 ]; then
    grep -E -A1 'terminated by signal|was terminated by exception|exited with exit code|PANIC:' "$out/server.log" |
        cut -c1-2000
    echo "reproducers: $out (death-*.sql) and the queries above"
fi
echo "fuzz: sqlsmith ran ${queries:-0} queries; $deaths backend deaths in the server log;" \
     "$(($(date +%s) - start)) s in all"
[ "$deaths" -eq 0 ] && [ "$fuzz_rc" -eq 0 ] && [ "${queries:-0}" -gt 0 ]

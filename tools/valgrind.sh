#!/usr/bin/env bash
# The regression suite (make installcheck: pg_regress and isolation) against
# a throwaway cluster whose server runs under Valgrind's memcheck, with
# test/valgrind.supp hiding PostgreSQL's own reports.  Fails if a report has
# a povext frame (povext.so or one of src/*.c).  Takes 10 to 20 minutes on
# two cores, so tools/test.sh does not run it; make valgrind-installcheck does.
# Logs: $cluster_dir/valgrind/*.log (one per server process).
set -uo pipefail
source "$(dirname "$0")/common.sh"
set -e
ensure_packages
if ! command -v valgrind >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends valgrind >/dev/null
fi
build_and_install
start_cluster
trap stop_cluster EXIT

# Restart the cluster with the server under Valgrind; pg_ctl -p runs the
# wrapper in place of postgres.  Forked backends stay under Valgrind, and
# each gets a log file of its own (%p).
vg_logs=$cluster_dir/valgrind
wrapper=$cluster_dir/postgres-valgrind
mkdir -p "$vg_logs"
cat > "$wrapper" <<EOF
#!/bin/sh
exec valgrind --quiet --trace-children=yes --track-origins=yes --read-var-info=no --num-callers=30 \\
    --error-limit=no --leak-check=no --suppressions=$top/test/valgrind.supp \\
    --log-file=$vg_logs/%p.log $pg_bin/postgres "\$@"
EOF
chmod 755 "$wrapper"
chown -R postgres:postgres "$vg_logs" "$wrapper"
cp "$top/test/valgrind.supp" "$cluster_dir/" && chmod 644 "$cluster_dir/valgrind.supp"
(cd / && runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pgdata" -m fast -w stop >/dev/null)
echo "== restarting the server under valgrind"
(cd / && runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pgdata" -p "$wrapper" -l "$cluster_dir/server.log" -w -t 600 \
    -o "-p $PGPORT -k $PGHOST -c listen_addresses='' -c max_worker_processes=16 -c max_parallel_workers=8" start >/dev/null)
set +e

start=$(date +%s)
echo "== make installcheck under valgrind"
make -C "$top" -s installcheck > "$cluster_dir/installcheck.log" 2>&1
rc=$?
grep -E 'tests (passed|failed)' "$cluster_dir/installcheck.log"
stop_cluster
trap - EXIT

# Valgrind reports are blocks of "==PID== " lines separated by an empty one;
# print those with a frame in povext.
frames="povext\\.so|\\(($(cd "$top/src" && ls *.c | sed 's/\.c$//' | paste -sd'|'))\\.c:"
reports=$(cat "$vg_logs"/*.log | grep -c -E '^==[0-9]+== (Invalid|Conditional|Use of uninit|Syscall param|Source and destination|Mismatched|Argument)')
povext_reports=$(awk -v frames="$frames" '
    /^==[0-9]+== *$/ { if (block ~ frames && block ~ / at 0x/) { print block; n++ } block = ""; next }
    { block = block $0 "\n" }
    END { if (block ~ frames && block ~ / at 0x/) { print block; n++ } print n + 0 > "/dev/stderr" }' \
    "$vg_logs"/*.log 2>"$cluster_dir/povext_reports.count")
echo "$povext_reports" > "$cluster_dir/povext_reports.txt"
head -80 "$cluster_dir/povext_reports.txt"
n=$(cat "$cluster_dir/povext_reports.count")
[ "$n" -gt 0 ] && echo "(all $n povext reports in $cluster_dir/povext_reports.txt)"
echo "valgrind: $(ls "$vg_logs" | wc -l) processes, $reports reports after suppressions, $n with a povext frame," \
     "installcheck exit $rc, $(($(date +%s) - start)) s (logs in $vg_logs)"
[ "$rc" -eq 0 ] && [ "$n" -eq 0 ]

#!/usr/bin/env bash
# Benchmarks of povext against a throwaway PostgreSQL 15: runs every
# bench/*.sql file (or those named as arguments) and prints their timings.
set -euo pipefail
source "$(dirname "$0")/common.sh"

prepare_cluster

psql -X -q -c "SET client_min_messages = warning" -c "CREATE EXTENSION povext CASCADE"
for file in "${@:-$top/bench/*.sql}"; do
    for f in $file; do
        echo "== $(basename "$f")"
        psql -X -q -v ON_ERROR_STOP=1 -f "$f"
    done
done

#!/usr/bin/env bash
# The main job: build povext, start a throwaway PostgreSQL 15, classify example
# households under the national and the HCMC standard, explain one, stop.
set -euo pipefail
source "$(dirname "$0")/common.sh"

prepare_cluster

psql -X -q -v ON_ERROR_STOP=1 -f "$top/tools/demo.sql"

#!/usr/bin/env bash
# Search latency: p50/p95 of three typical searches through the HTTP API (/api/jobs?...) against the bare SQL
# the API runs for each (captured from the service's own JobSearchStore, re-executed through Npgsql).
# Goal: p95(API) <= 2 x p95(SQL). Same setup as bench/feeds.sh (bench/lib.sh).
#
#   bench/search.sh                                        # the three default searches, N=200 after 20 warm-up
#   SEARCH_N=500 bench/search.sh 'q=data' 'role=gis&sort=salary'
#   SEARCH_SHOW_SQL=1 bench/search.sh                      # also print each captured statement and its parameters
set -euo pipefail
. "$(dirname "$0")/lib.sh"

bench_world
echo "$(bench_machine)"
echo "$BENCH_JOBS generated jobs"
dotnet "$BENCH_DOTNET_BENCH" search "$BENCH_URL" "$BENCH_CONN" "$@"

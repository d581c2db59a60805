#!/usr/bin/env bash
# Ingest against COPY: a generated Greenhouse board of INGEST_POSTINGS (default 20,000) postings with 3-10 KB
# descriptions, served over loopback and scraped through the real runner (fetch, parse, normalize, upsert, change
# records, regrouping, closing evidence) as a new source, then again unchanged; against COPY of the same normalized
# rows into the same table (timed alone, rolled back). Goals: new >= 0.3 x COPY rows/s, unchanged >= 1 x COPY.
# Runs on bench_world's table (BENCH_JOBS generated jobs, or bench/million.sh's world with BENCH_REUSE).
#
#   bench/ingest.sh                          # 100,000 generated jobs in the table, a 20,000-posting board
#   INGEST_POSTINGS=2000 BENCH_JOBS=0 bench/ingest.sh
set -euo pipefail
. "$(dirname "$0")/lib.sh"

bench_world
echo "$(bench_machine)"
dotnet "$BENCH_DOTNET_BENCH" ingest "$BENCH_CONN" "${INGEST_POSTINGS:-20000}"

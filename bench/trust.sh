#!/usr/bin/env bash
# What hostile or heavy requests cost (issue 10), measured, not asserted in tests:
#  1. latency of the jurisdiction lookups with the output cache off: /api/jurisdictions, /api/sources and a
#     jurisdiction feed (each once counted open jobs per jurisdiction to resolve one slug);
#  2. the service's resident memory before and after 6 concurrent POST /api/classify of the largest body it
#     takes (1 MB), and 6 announcing 30 MB (refused from their headers).
# Goals: p95 under 100 ms for each lookup at 11,000 open jobs (it was ~1 s); memory after the classify bursts within 100 MB
# of before. Same setup as bench/feeds.sh (bench/lib.sh); BENCH_JOBS defaults to 11000 here (the finding's scale).
#
#   bench/trust.sh
#   TRUST_N=200 BENCH_JOBS=100000 bench/trust.sh
set -euo pipefail
export BENCH_JOBS="${BENCH_JOBS:-11000}"
export Feeds__CacheSeconds=0
. "$(dirname "$0")/lib.sh"
N="${TRUST_N:-50}"

bench_setup
echo "$(bench_machine)"
echo "$BENCH_JOBS generated jobs, output cache off, N=$N after 5 warm-up"
slug="$("${BENCH_PSQL[@]}" -Atc "select name from jurisdictions order by id limit 1" | python3 -c 'import re,sys; print(re.sub("[^a-z0-9]+","-",sys.stdin.read().strip().lower()).strip("-"))')"

latency() {
  local path="$1" i
  for i in $(seq 1 5); do curl -fsS -o /dev/null "$BENCH_URL$path"; done
  for i in $(seq 1 "$N"); do curl -fsS -o /dev/null -w '%{time_total}\n' "$BENCH_URL$path"; done |
    python3 -c 'import sys; t=sorted(float(x)*1000 for x in sys.stdin); print(f"p50 {t[len(t)//2]:8.2f} ms   p95 {t[int(len(t)*0.95)-1]:8.2f} ms")'
}

echo
echo "## Lookups"
for path in /api/jurisdictions /api/sources "/feeds/jurisdictions/$slug.atom" "/api/jobs?jurisdiction=$slug"; do
  printf '%-48s %s\n' "$path" "$(latency "$path")"
done

rss() { awk '/VmRSS/ {printf "%.0f MB", $2/1024}' "/proc/${BENCH_PIDS[-1]}/status"; }
python3 - "$BENCH_TMP/classify.json" <<'PY'
import json, sys
item = {"title": "IT Specialist (APPSW)", "series": ["2210"], "categories": ["Information Technology"], "description": "x" * 900}
items, size = [], 2
while size + len(json.dumps(item)) + 1 < 1024 * 1024 and len(items) < 1000:
    items.append(item); size += len(json.dumps(item)) + 1
json.dump(items, open(sys.argv[1], "w"))
PY

echo
echo "## Classify memory"
echo "before:                      $(rss)"
# Six at once; waits for those six only (a bare wait would wait for the service too).
burst() {
  local i pids=()
  for i in 1 2 3 4 5 6; do "$@" & pids+=($!); done
  wait "${pids[@]}"
}
for round in 1 2 3; do
  burst curl -sS -o /dev/null -w '%{http_code} ' -H 'Content-Type: application/json' --data-binary "@$BENCH_TMP/classify.json" "$BENCH_URL/api/classify"
done
echo
echo "after 18 x 1 MB (200):       $(rss)"
burst curl -sS -o /dev/null -w '%{http_code} ' -H 'Content-Type: application/json' -H 'Content-Length: 31457280' -H 'Expect: 100-continue' \
  --max-time 10 --data-binary "@$BENCH_TMP/classify.json" "$BENCH_URL/api/classify" || true
echo
echo "after 6 x 30 MB (413):       $(rss)"

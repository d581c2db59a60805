#!/usr/bin/env bash
# The pages: latency of the search page against the API for the same query, throughput of the embed fragment
# against nginx serving its bytes, transfer sizes (compressed, every asset a page links), and, with
# PAGES_LIGHTHOUSE=1, Lighthouse's accessibility and best-practices scores run against Debian's Chromium.
# Goals: p95(search page) <= 1.5 x p95(/api/jobs); embed >= 50% of nginx. Same setup as bench/feeds.sh (lib.sh).
#
#   bench/pages.sh                                   # 100,000 generated jobs; answers cached as in production
#   Feeds__CacheSeconds=0 bench/pages.sh             # every request runs its queries (the query path)
#   PAGES_QUERY='q=data&region=US-CA' PAGES_LIGHTHOUSE=1 bench/pages.sh
set -euo pipefail
. "$(dirname "$0")/lib.sh"

PAGES_QUERY="${PAGES_QUERY:-role=software-engineering&region=US-MD}"
LATENCY_ARGS="${LATENCY_ARGS:--t1 -c4 -d15s --timeout 30s}"
WRK_ARGS="${WRK_ARGS:--t2 -c32 -d15s --timeout 30s}"
WARMUP_ARGS="${WARMUP_ARGS:--t2 -c8 -d5s --timeout 30s}"
# The last Lighthouse that runs on the Node.js Debian ships (20); 13 needs Node 22.19.
LIGHTHOUSE_VERSION="${LIGHTHOUSE_VERSION:-12.8.2}"

bench_need wrk:wrk nginx:nginx
bench_setup

cat >"$BENCH_TMP/report.lua" <<'EOF2'
done = function(summary, latency, requests)
  io.write(string.format("RESULT rps=%.1f requests=%d bytes_per_request=%.0f errors=%d p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f\n",
    summary.requests / (summary.duration / 1e6), summary.requests, summary.bytes / math.max(summary.requests, 1),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000))
end
EOF2

run_wrk() { # name args url
  local name="$1" args="$2" url="$3" out
  wrk $WARMUP_ARGS "$url" >/dev/null
  out="$(wrk $args -s "$BENCH_TMP/report.lua" "$url")"
  if grep -q 'Non-2xx or 3xx' <<<"$out"; then echo "$out" >&2; bench_log "$name answered errors"; exit 1; fi
  grep '^RESULT' <<<"$out" | sed "s/^RESULT/$name/"
}
field() { sed -E "s/.*$1=([0-9.]+).*/\1/" <<<"$2"; }

echo "$(bench_machine)"
echo "$BENCH_JOBS generated jobs; query: $PAGES_QUERY; Feeds__CacheSeconds=${Feeds__CacheSeconds:-default}"

# 1. Search page against the API, same query, same connections.
for path in "/api/jobs?$PAGES_QUERY" "/jobs?$PAGES_QUERY"; do
  code="$(curl -sS -o /dev/null -w '%{http_code}' "$BENCH_URL$path")"
  [ "$code" = 200 ] || { bench_log "$path answered $code"; exit 1; }
done
api_line="$(run_wrk api "$LATENCY_ARGS" "$BENCH_URL/api/jobs?$PAGES_QUERY")"
echo "$api_line"
page_line="$(run_wrk page "$LATENCY_ARGS" "$BENCH_URL/jobs?$PAGES_QUERY")"
echo "$page_line"
ratio="$(awk -v p="$(field p95_ms "$page_line")" -v a="$(field p95_ms "$api_line")" 'BEGIN { printf "%.2f", p / a }')"
echo "search page p95 / api p95: ${ratio}x (goal <= 1.5x: $(awk -v r="$ratio" 'BEGIN { print (r <= 1.5 ? "met" : "NOT met") }'))"

# 2. The embed fragment against nginx serving the same bytes.
embed_path="/embed?$PAGES_QUERY"
curl -sS -D "$BENCH_TMP/embed.headers" -o "$BENCH_TMP/embed.html" "$BENCH_URL$embed_path"
bench_nginx_file "$BENCH_TMP/embed.html" "text/html; charset=utf-8"
echo "embed: $embed_path ($(stat -c %s "$BENCH_TMP/embed.html") bytes); wrk $WRK_ARGS"
nginx_line="$(run_wrk nginx "$WRK_ARGS" "$nginx_url")"
echo "$nginx_line"
embed_line="$(run_wrk embed "$WRK_ARGS" "$BENCH_URL$embed_path")"
echo "$embed_line"
ratio="$(awk -v s="$(field rps "$embed_line")" -v n="$(field rps "$nginx_line")" 'BEGIN { printf "%.2f", s / n }')"
echo "embed / nginx: ${ratio}x (goal >= 0.5x: $(awk -v r="$ratio" 'BEGIN { print (r >= 0.5 ? "met" : "NOT met") }'))"

# 3. Transfer size of each page: the document and every asset it links, as a browser asking for br/gzip gets them.
job_id="$(curl -sS "$BENCH_URL/api/jobs?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')"
pages=("/" "/jobs?$PAGES_QUERY" "/jobs/$job_id" "/sources" "/trends" "/embed/frame?$PAGES_QUERY")
echo "transfer sizes (br/gzip as negotiated; document + linked stylesheets, scripts and icons):"
for path in "${pages[@]}"; do
  doc="$(curl -sS -H 'Accept-Encoding: br, gzip' -o "$BENCH_TMP/page.bin" -w '%{size_download}' "$BENCH_URL$path")"
  html="$(curl -sS "$BENCH_URL$path")"
  total="$doc"
  for asset in $(grep -oE '(href|src)="[^"]*/(assets/[^"]+|embed\.js)"' <<<"$html" | sed -E 's/^(href|src)="//; s/"$//; s/&amp;/\&/g' | sort -u); do
    total=$((total + $(curl -sS -H 'Accept-Encoding: br, gzip' -o /dev/null -w '%{size_download}' "$asset")))
  done
  printf '  %-60s document %6d B, with assets %6d B\n' "$path" "$doc" "$total"
done

# 4. Lighthouse (npm registry) against Debian's Chromium.
if [ "${PAGES_LIGHTHOUSE:-0}" = 1 ]; then
  bench_need chromium:chromium
  echo "lighthouse $LIGHTHOUSE_VERSION (accessibility, best-practices; desktop preset; Chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'))"
  for path in "${pages[@]}"; do
    CHROME_PATH=/usr/bin/chromium npx --yes "lighthouse@$LIGHTHOUSE_VERSION" "$BENCH_URL$path" --quiet --preset=desktop \
      --only-categories=accessibility,best-practices --output=json --output-path="$BENCH_TMP/lh.json" \
      --chrome-flags="--headless=new --no-sandbox --disable-dev-shm-usage" >/dev/null 2>"$BENCH_TMP/lh.log" \
      || { tail -5 "$BENCH_TMP/lh.log" >&2; bench_log "lighthouse failed on $path"; continue; }
    python3 - "$path" "$BENCH_TMP/lh.json" <<'EOF2'
import json, sys
r = json.load(open(sys.argv[2]))
c = r["categories"]
print(f"  {sys.argv[1]:<60} accessibility {round(c['accessibility']['score'] * 100)}, best-practices {round(c['best-practices']['score'] * 100)}")
EOF2
  done
fi

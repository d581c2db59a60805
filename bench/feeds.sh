#!/usr/bin/env bash
# Feed throughput: requests/s of one filtered Atom feed from the service, against nginx serving the very
# same bytes as a static file on the same machine, with the same wrk settings. Goal: service >= 80% of nginx (issue 11).
#
#   bench/feeds.sh                         # 100,000 generated jobs, wrk -t2 -c32 -d15s --timeout 30s
#   FEED_PATH='/feeds/jobs.atom?role=data-science&region=US-CA' WRK_ARGS='-t2 -c64 -d30s' bench/feeds.sh
#
# wrk sends no Accept-Encoding and no If-None-Match: both servers answer 200 with the full uncompressed
# body (the service would compress for a client that asks, and answer 304 to a conditional request).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

FEED_PATH="${FEED_PATH:-/feeds/jobs.atom?role=software-engineering&region=US-MD}"
WRK_ARGS="${WRK_ARGS:--t2 -c32 -d15s --timeout 30s}"
WARMUP_ARGS="${WARMUP_ARGS:--t2 -c32 -d5s --timeout 30s}"

bench_need wrk:wrk nginx:nginx
bench_world

# The exact bytes the service sends, and the headers that matter for a fair comparison.
curl -sS -D "$BENCH_TMP/feed.headers" -o "$BENCH_TMP/feed.atom" "$BENCH_URL$FEED_PATH"
status="$(head -n1 "$BENCH_TMP/feed.headers" | tr -d '\r')"
content_type="$(grep -i '^content-type:' "$BENCH_TMP/feed.headers" | cut -d' ' -f2- | tr -d '\r')"
entries="$(grep -o '<entry>' "$BENCH_TMP/feed.atom" | wc -l)"
bytes="$(stat -c %s "$BENCH_TMP/feed.atom")"
bench_log "feed $FEED_PATH: $status, $content_type, $bytes bytes, $entries entries"
[[ "$status" == *" 200"* ]] || { bench_log "expected 200"; exit 1; }
[ "$entries" -ge 25 ] || bench_log "warning: the feed has $entries entries, not a full page of 25"
if grep -qi '^content-encoding:' "$BENCH_TMP/feed.headers"; then bench_log "unexpected Content-Encoding without Accept-Encoding"; exit 1; fi

bench_nginx_file "$BENCH_TMP/feed.atom" "$content_type"
bench_log "nginx: $(head -n1 "$BENCH_TMP/nginx.headers" | tr -d '\r'), $(grep -i '^content-type:' "$BENCH_TMP/nginx.headers" | tr -d '\r')"

# wrk's summary in one line, with bytes per response, so a 304 or an error can't pass for speed.
cat >"$BENCH_TMP/report.lua" <<'EOF'
done = function(summary, latency, requests)
  io.write(string.format("RESULT rps=%.1f requests=%d bytes=%d bytes_per_request=%.0f errors=%d p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests / (summary.duration / 1e6), summary.requests, summary.bytes, summary.bytes / math.max(summary.requests, 1),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
EOF
# Status codes: curl checked the 200 above; wrk reports any non-2xx/3xx answer ("Non-2xx or 3xx responses"),
# and bytes_per_request, compared with the body size, shows every answer was a full 200 (a 304 has no body).

# The same bytes from bare Kestrel (bench_kestrel_floor): what an ASP.NET Core server does at least for this answer.
mkdir -p "$BENCH_TMP/floor"
cp "$BENCH_TMP/feed.atom" "$BENCH_TMP/floor/0.atom"
printf '0\t%s\t%s\tatom\n' "$FEED_PATH" "$(grep -i '^etag:' "$BENCH_TMP/feed.headers" | cut -d' ' -f2- | tr -d '\r')" >"$BENCH_TMP/floor/feeds.tsv"
bench_kestrel_floor "$BENCH_TMP/floor/feeds.tsv" "$BENCH_TMP/floor"
cmp -s "$BENCH_TMP/feed.atom" <(curl -sS "$floor_url$FEED_PATH") || { bench_log "kestrel-floor does not serve the same bytes"; exit 1; }

run_wrk() { # name url [pid: also CPU microseconds per request]
  local name="$1" url="$2" pid="${3:-}" out before=0 after=0
  wrk $WARMUP_ARGS "$url" >/dev/null
  [ -n "$pid" ] && before="$(bench_cpu_ticks "$pid")"
  out="$(wrk $WRK_ARGS -s "$BENCH_TMP/report.lua" "$url")"
  [ -n "$pid" ] && after="$(bench_cpu_ticks "$pid")"
  echo "$out" >"$BENCH_TMP/wrk-$name.txt"
  if grep -q 'Non-2xx or 3xx' <<<"$out"; then echo "$out" >&2; bench_log "$name answered errors"; exit 1; fi
  grep '^RESULT' <<<"$out" | sed "s/^RESULT/$name/" | { read -r line; [ -n "$pid" ] && line="$line $(bench_cpu_per_request "$line" "$before" "$after")"; echo "$line"; }
}

echo "$(bench_machine)"
echo "feed: $FEED_PATH ($bytes bytes, $entries entries, $BENCH_JOBS generated jobs); wrk $WRK_ARGS after a warm-up of $WARMUP_ARGS"
nginx_line="$(run_wrk nginx "$nginx_url")"
echo "$nginx_line"
service_line="$(run_wrk service "$BENCH_URL$FEED_PATH" "$BENCH_SERVICE_PID")"
echo "$service_line"
floor_line="$(run_wrk kestrel-floor "$floor_url$FEED_PATH" "$floor_pid")"
echo "$floor_line"
nginx_rps="$(bench_rps "$nginx_line")"
service_rps="$(bench_rps "$service_line")"
floor_rps="$(bench_rps "$floor_line")"
ratio="$(bench_percent "$service_rps" "$nginx_rps")"
verdict="$(awk -v r="$ratio" 'BEGIN { print (r >= 80 ? "met" : "NOT met") }')"
echo "service/nginx: $ratio% (goal >= 80%, issue 11: $verdict)"
echo "kestrel-floor/nginx: $(bench_percent "$floor_rps" "$nginx_rps")%, service/kestrel-floor: $(bench_percent "$service_rps" "$floor_rps")%"

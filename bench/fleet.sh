#!/usr/bin/env bash
# Reader fleet: 10,000 distinct feed addresses built from real filter combinations, each polled with the ETag of its
# first poll (If-None-Match), against the service and against nginx serving the same 10,000 bodies with the same
# ETags, with the same wrk Lua script (bench/fleet.lua). Goal: service >= 50% of nginx's requests/s, every answer a
# correct 304. Also: the same without validators (every answer a 200), the rate of the first polls, the service's
# resident memory before, under and after the load, and the check that a changed job changes exactly the ETags of
# the feeds it appears in.
#
#   bench/fleet.sh                                   # 100,000 generated jobs, 10,000 addresses, wrk -t2 -c32 -d15s
#   FLEET_URLS=2000 WRK_ARGS='-t2 -c64 -d30s --timeout 30s' bench/fleet.sh
#   BENCH_JOBS=1000000 bench/fleet.sh                # or bench/million.sh, which loads the million once for every script
set -euo pipefail
. "$(dirname "$0")/lib.sh"

FLEET_URLS="${FLEET_URLS:-10000}"
WRK_ARGS="${WRK_ARGS:--t2 -c32 -d15s --timeout 30s}"
WARMUP_ARGS="${WARMUP_ARGS:--t2 -c32 -d5s --timeout 30s}"
# Seconds to let the service go quiet before "before" and "after" are read: past Memory:IdleCheck (5 s) twice, so
# both are taken where the node gives back what a burst left (MemoryTrim), the first polls' as much as the load's.
FLEET_SETTLE="${FLEET_SETTLE:-15}"

bench_need wrk:wrk nginx:nginx
bench_world
FLEET="$BENCH_TMP/fleet"
rm -rf "$FLEET"
mkdir -p "$FLEET/files" "$FLEET/nginx/tmp"
chmod 755 "$FLEET" "$FLEET/files"
rss_idle="$(bench_rss "$BENCH_SERVICE_PID")"

# The fleet, and its first polls: every address once, as a reader subscribing.
dotnet "$BENCH_DOTNET_BENCH" fleet-urls "$BENCH_CONN" "$FLEET_URLS" "$FLEET/urls.txt" >&2
prime="$(dotnet "$BENCH_DOTNET_BENCH" fleet-prime "$BENCH_URL" "$FLEET/urls.txt" "$FLEET" 4 | grep '^PRIME')"
bench_log "$prime"
rss_primed="$(bench_rss "$BENCH_SERVICE_PID")"

# nginx: the same bodies as static files; the address picks the file and its ETag from two maps, and a matching
# If-None-Match is a 304 (map lookups and a string compare: the least a server can do for a conditional poll).
awk -F'\t' '{ printf "\"%s\" %s.%s;\n", $2, $1, $4 }' "$FLEET/feeds.tsv" >"$FLEET/nginx/files.map"
awk -F'\t' '{ printf "\"%s\" %c%s%c;\n", $2, 39, $3, 39 }' "$FLEET/feeds.tsv" >"$FLEET/nginx/etags.map"
nginx_port="$(bench_free_port)"
cat >"$FLEET/nginx/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $FLEET/nginx/nginx.pid;
error_log $FLEET/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    client_body_temp_path $FLEET/nginx/tmp;
    proxy_temp_path $FLEET/nginx/tmp;
    fastcgi_temp_path $FLEET/nginx/tmp;
    uwsgi_temp_path $FLEET/nginx/tmp;
    scgi_temp_path $FLEET/nginx/tmp;
    map_hash_max_size 65536;
    map_hash_bucket_size 512;
    map \$request_uri \$fleet_file { default ""; include $FLEET/nginx/files.map; }
    map \$request_uri \$fleet_etag { default ""; include $FLEET/nginx/etags.map; }
    types { application/atom+xml atom; application/rss+xml rss; application/feed+json json; }
    charset utf-8;
    charset_types application/atom+xml application/rss+xml application/feed+json;
    etag off;
    server {
        listen 127.0.0.1:$nginx_port;
        root $FLEET/files;
        add_header ETag \$fleet_etag always;
        add_header Cache-Control "public, max-age=900" always;
        location /feeds {
            if (\$fleet_file = "") { return 404; }
            if (\$http_if_none_match = \$fleet_etag) { return 304; }
            rewrite ^ /\$fleet_file break;
        }
    }
}
EOF
nginx -c "$FLEET/nginx/nginx.conf" -p "$FLEET/nginx" -e "$FLEET/nginx/error.log" &
BENCH_PIDS+=($!)
nginx_url="http://127.0.0.1:$nginx_port"
for _ in $(seq 1 50); do curl -fsS -o /dev/null "$nginx_url$(head -n1 "$FLEET/urls.txt")" 2>/dev/null && break; sleep 0.1; done

# Both servers answer the same: spot checks of bodies, ETags and 304s.
for n in 0 1 2 $((FLEET_URLS / 2)) $((FLEET_URLS - 1)); do
  IFS=$'\t' read -r _ path etag ext < <(sed -n "$((n + 1))p" "$FLEET/feeds.tsv")
  curl -sS -o "$FLEET/nginx.body" -D "$FLEET/nginx.headers" "$nginx_url$path"
  cmp -s "$FLEET/nginx.body" "$FLEET/files/$n.$ext" || { bench_log "nginx does not serve the primed body of $path"; exit 1; }
  grep -qiF "etag: $etag" "$FLEET/nginx.headers" || { bench_log "nginx does not send the ETag of $path"; exit 1; }
  for url in "$nginx_url" "$BENCH_URL"; do
    status="$(curl -sS -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$url$path")"
    [ "$status" = 304 ] || { bench_log "$url$path answered $status to its own ETag"; exit 1; }
  done
done

rss_log="$FLEET/rss.log"
( while kill -0 "$BENCH_SERVICE_PID" 2>/dev/null; do echo "$(date +%s) $(bench_rss "$BENCH_SERVICE_PID")"; sleep 1; done ) >"$rss_log" &
BENCH_PIDS+=($!)

# The same bodies and ETags from bare Kestrel (bench_kestrel_floor): what an ASP.NET Core server does at least.
bench_kestrel_floor "$FLEET/feeds.tsv" "$FLEET/files"
IFS=$'\t' read -r _ path etag _ < <(head -n1 "$FLEET/feeds.tsv")
status="$(curl -sS -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$floor_url$path")"
[ "$status" = 304 ] || { bench_log "kestrel-floor answered $status to $path's own ETag"; exit 1; }

run_wrk() { # name url conditional [pid: also CPU microseconds per request]
  local name="$1" url="$2" pid="${4:-}" out before=0 after=0 line
  FLEET_TSV="$FLEET/feeds.tsv" FLEET_CONDITIONAL="$3" wrk $WARMUP_ARGS -s "$BENCH_ROOT/bench/fleet.lua" "$url" >/dev/null
  [ -n "$pid" ] && before="$(bench_cpu_ticks "$pid")"
  out="$(FLEET_TSV="$FLEET/feeds.tsv" FLEET_CONDITIONAL="$3" wrk $WRK_ARGS -s "$BENCH_ROOT/bench/fleet.lua" "$url")"
  [ -n "$pid" ] && after="$(bench_cpu_ticks "$pid")"
  echo "$out" >"$FLEET/wrk-$name.txt"
  line="$(grep '^RESULT' <<<"$out" | sed "s/^RESULT/$name/")"
  [ -n "$pid" ] && line="$line $(bench_cpu_per_request "$line" "$before" "$after")"
  echo "$line"
}
field() { sed -E "s/.* $2=([0-9]+).*/\1/" <<<"$1"; }

echo "$(bench_machine)"
echo "fleet: $FLEET_URLS feed addresses over $BENCH_JOBS generated jobs; wrk $WRK_ARGS (bench/fleet.lua) after a warm-up of $WARMUP_ARGS"
echo "first poll of every address (4 at a time): $prime"
sleep "$FLEET_SETTLE"
rss_start="$(bench_rss "$BENCH_SERVICE_PID")"
load_start="$(date +%s)"
nginx_304="$(run_wrk nginx-conditional "$nginx_url" 1)"; echo "$nginx_304"
t304_start="$(date +%s)"
service_304="$(run_wrk service-conditional "$BENCH_URL" 1 "$BENCH_SERVICE_PID")"; echo "$service_304"
t304_end="$(date +%s)"
floor_304="$(run_wrk kestrel-floor-conditional "$floor_url" 1 "$floor_pid")"; echo "$floor_304"
nginx_200="$(run_wrk nginx-unconditional "$nginx_url" 0)"; echo "$nginx_200"
t200_start="$(date +%s)"
service_200="$(run_wrk service-unconditional "$BENCH_URL" 0)"; echo "$service_200"
t200_end="$(date +%s)"
load_end="$(date +%s)"
sleep "$((FLEET_SETTLE > 30 ? FLEET_SETTLE : 30))"
rss_after="$(bench_rss "$BENCH_SERVICE_PID")"

conditional_ratio="$(bench_percent "$(bench_rps "$service_304")" "$(bench_rps "$nginx_304")")"
correct="$( [ "$(field "$service_304" s200)" = 0 ] && [ "$(field "$service_304" other)" = 0 ] && [ "$(field "$service_304" errors)" = 0 ] && echo "all 304" || echo "NOT all 304")"
echo "conditional (If-None-Match): service/nginx $conditional_ratio% (goal >= 50%: $(awk -v r="$conditional_ratio" 'BEGIN { print (r >= 50 ? "met" : "NOT met") }')), service answers: $correct"
echo "conditional, bare Kestrel: kestrel-floor/nginx $(bench_percent "$(bench_rps "$floor_304")" "$(bench_rps "$nginx_304")")%, service/kestrel-floor $(bench_percent "$(bench_rps "$service_304")" "$(bench_rps "$floor_304")")%"
echo "unconditional (200s): service/nginx $(bench_percent "$(bench_rps "$service_200")" "$(bench_rps "$nginx_200")")%"
rss_peak() { awk -v a="$1" -v b="$2" '$1 >= a && $1 <= b && $2 > m { m = $2 } END { printf "%.1f", m }' "$rss_log"; }
# Flat under load: within each of the service's two runs (warm-up included), the highest of its first and of its last
# third (a leak climbs from one to the other).
flat() { local third=$(( ($2 - $1) / 3 )); echo "$(rss_peak "$1" "$(($1 + third))") then $(rss_peak "$(($2 - third))" "$2")"; }
echo "service resident memory (MiB): idle $rss_idle, after the first polls $rss_primed, quiet before the load $rss_start," \
  "highest under load $(rss_peak "$load_start" "$load_end") (first/last third of the 304 run $(flat "$t304_start" "$t304_end")," \
  "of the 200 run $(flat "$t200_start" "$t200_end")), quiet after $rss_after (after/before: $(bench_percent "$rss_after" "$rss_start")%)"
dotnet "$BENCH_DOTNET_BENCH" fleet-check "$BENCH_URL" "$BENCH_CONN" "$FLEET"

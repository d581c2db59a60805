# Shared setup for bench/feeds.sh, bench/search.sh and bench/fault.sh (sourced, not run).
#
# bench_setup: a throwaway PostgreSQL cluster in a temp dir (127.0.0.1, free port), migrated, with
# $BENCH_JOBS (default 100000) generated jobs COPY-loaded; the service published in Release and started
# with `serve --no-scheduler` on another free port. Everything started here is stopped, and the temp dir
# removed, by bench_cleanup (installed as an EXIT trap by bench_init, which bench_setup calls first).
#
# After bench_setup: BENCH_TMP, BENCH_CONN (Npgsql connection string), BENCH_URL (http://127.0.0.1:port),
# BENCH_ROOT (the repository), BENCH_DOTNET_BENCH (path of the built Aggregator.Benchmarks.dll),
# BENCH_SERVICE_PID (the service's process), BENCH_PSQL (psql on the benchmark database, as an array).
# A script that needs its own order calls the steps itself: bench_init, bench_start_postgres, bench_build,
# bench_load, bench_start_service; bench_pg_stop / bench_pg_start stop and restart the cluster on its port,
# bench_serve starts another instance of the service, bench_stop ends one process and forgets it.

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_JOBS="${BENCH_JOBS:-100000}"
BENCH_PIDS=()
BENCH_PGDATA=""
BENCH_PGBIN=""
BENCH_PGPORT=""
BENCH_SERVICE_PID=""

bench_log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# Installs the given Debian packages when their command is missing: bench_need cmd:package ...
bench_need() {
  local missing=() item
  for item in "$@"; do
    command -v "${item%%:*}" >/dev/null 2>&1 || missing+=("${item#*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  bench_log "installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
    || { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null; }
}

bench_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# bench_kestrel_floor TSV FILES: the least an ASP.NET Core server does for the same addresses (`Aggregator.Benchmarks
# kestrel-floor`: bare Kestrel, a dictionary of the bodies and ETags in TSV, 304 on a matching If-None-Match); sets
# floor_url and floor_pid. Tells what the service's own pipeline costs from what its server costs.
bench_kestrel_floor() {
  local port
  port="$(bench_free_port)"
  dotnet "$BENCH_DOTNET_BENCH" kestrel-floor "http://127.0.0.1:$port" "$1" "$2" &
  floor_pid=$!
  BENCH_PIDS+=("$floor_pid")
  floor_url="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do curl -sS -o /dev/null "$floor_url/" 2>/dev/null && return 0; sleep 0.1; done
  bench_log "kestrel-floor did not start on $floor_url"; exit 1
}

# bench_rps RESULT-LINE: its rps= field. bench_percent A B: 100 × A / B, one decimal.
bench_rps() { sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$1"; }
bench_percent() { awk -v s="$1" -v n="$2" 'BEGIN { printf "%.1f", 100 * s / n }'; }

# bench_cpu_ticks PID: the process's user + system CPU time so far, in clock ticks (getconf CLK_TCK a second).
bench_cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# bench_cpu_per_request RESULT-LINE TICKS-BEFORE TICKS-AFTER: "cpu_us_per_request=N", the CPU a server spent per request
# of a wrk run (its requests= field). Steadier than requests/s on a shared machine: wrk's own share does not enter it.
bench_cpu_per_request() {
  awk -v q="$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$1")" -v c="$(($3 - $2))" -v t="$(getconf CLK_TCK)" \
    'BEGIN { printf "cpu_us_per_request=%.1f", c / t * 1e6 / q }'
}

# bench_nginx_file FILE CONTENT_TYPE: nginx serving FILE's bytes as a static file (same content type, keepalive, no
# access log, one worker per core), checked byte for byte; sets nginx_url. The baseline the service is compared with.
bench_nginx_file() {
  local file="$1" content_type="$2" name port
  name="$(basename "$file")"
  mkdir -p "$BENCH_TMP/nginx/html" "$BENCH_TMP/nginx/tmp"
  cp "$file" "$BENCH_TMP/nginx/html/$name"
  port="$(bench_free_port)"
  cat >"$BENCH_TMP/nginx/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $BENCH_TMP/nginx/nginx.pid;
error_log $BENCH_TMP/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    keepalive_requests 1000000;
    client_body_temp_path $BENCH_TMP/nginx/tmp;
    proxy_temp_path $BENCH_TMP/nginx/tmp;
    fastcgi_temp_path $BENCH_TMP/nginx/tmp;
    uwsgi_temp_path $BENCH_TMP/nginx/tmp;
    scgi_temp_path $BENCH_TMP/nginx/tmp;
    server {
        listen 127.0.0.1:$port;
        root $BENCH_TMP/nginx/html;
        location = /$name { default_type "$content_type"; types { } }
    }
}
EOF
  nginx -c "$BENCH_TMP/nginx/nginx.conf" -p "$BENCH_TMP/nginx" -e "$BENCH_TMP/nginx/error.log" &
  BENCH_PIDS+=($!)
  nginx_url="http://127.0.0.1:$port/$name"
  for _ in $(seq 1 50); do curl -fsS -o /dev/null "$nginx_url" 2>/dev/null && break; sleep 0.1; done
  curl -sS -D "$BENCH_TMP/nginx.headers" -o "$BENCH_TMP/nginx.body" "$nginx_url"
  cmp -s "$file" "$BENCH_TMP/nginx.body" || { bench_log "nginx does not serve the same bytes as $file"; exit 1; }
}

bench_cleanup() {
  local pid
  for pid in "${BENCH_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${BENCH_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [ -n "$BENCH_PGDATA" ] && [ -f "$BENCH_PGDATA/postmaster.pid" ]; then
    bench_as_pg "$BENCH_PGBIN/pg_ctl" -D "$BENCH_PGDATA" -m fast -w stop >/dev/null 2>&1 || true
  fi
  [ -n "${BENCH_TMP:-}" ] && rm -rf "$BENCH_TMP"
  return 0
}

# PostgreSQL refuses to run as root: run its programs as `postgres` then.
bench_as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

bench_pg_bindir() {
  local dir
  dir="$(pg_config --bindir 2>/dev/null || true)"
  if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then echo "$dir"; return; fi
  [ -x /usr/lib/postgresql/15/bin/initdb ] && { echo /usr/lib/postgresql/15/bin; return; }
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1
}

bench_start_postgres() {
  BENCH_PGBIN="$(bench_pg_bindir)"
  [ -x "$BENCH_PGBIN/initdb" ] || { bench_log "no PostgreSQL server binaries: apt-get install postgresql"; exit 1; }
  BENCH_PGDATA="$BENCH_TMP/pgdata"
  mkdir -p "$BENCH_PGDATA"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$BENCH_PGDATA"
  chmod 700 "$BENCH_PGDATA"
  local port
  port="$(bench_free_port)"
  BENCH_PGPORT="$port"
  bench_log "initdb in $BENCH_PGDATA (PostgreSQL $("$BENCH_PGBIN/postgres" --version | awk '{print $3}'), port $port)"
  bench_as_pg "$BENCH_PGBIN/initdb" -D "$BENCH_PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  bench_pg_start
  bench_as_pg "$BENCH_PGBIN/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "create database aggregator" >/dev/null
  BENCH_CONN="Host=127.0.0.1;Port=$port;Username=postgres;Database=aggregator"
  BENCH_PSQL=("$BENCH_PGBIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d aggregator)
}

# Starts the cluster bench_start_postgres made, on its port. Durability settings only speed up the load; the
# benchmarks read. The rest are PostgreSQL defaults unless BENCH_PG_OPTIONS adds some (bench/million.sh:
# shared_buffers for a million jobs' hot pages).
bench_pg_start() {
  bench_as_pg "$BENCH_PGBIN/pg_ctl" -D "$BENCH_PGDATA" -l "$BENCH_PGDATA/server.log" -w start \
    -o "-c listen_addresses=127.0.0.1 -p $BENCH_PGPORT -k $BENCH_PGDATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off ${BENCH_PG_OPTIONS:-}" >/dev/null
}

# Stops it the way an operator's restart does: fast mode (open sessions are ended, nothing waits for clients).
bench_pg_stop() {
  bench_as_pg "$BENCH_PGBIN/pg_ctl" -D "$BENCH_PGDATA" -m fast -w stop >/dev/null
}

bench_build() {
  bench_log "publishing the service and building the benchmarks (Release)"
  dotnet publish "$BENCH_ROOT/src/Aggregator" -c Release -o "$BENCH_TMP/aggregator" -v q -nologo >/dev/null
  # BENCH_BENCH_OUT builds the benchmarks elsewhere, so a second run never overwrites a dll the first is running.
  if [ -n "${BENCH_BENCH_OUT:-}" ]; then
    dotnet build "$BENCH_ROOT/bench/Aggregator.Benchmarks" -c Release -o "$BENCH_BENCH_OUT" -v q -nologo >/dev/null
    BENCH_DOTNET_BENCH="$BENCH_BENCH_OUT/Aggregator.Benchmarks.dll"
  else
    dotnet build "$BENCH_ROOT/bench/Aggregator.Benchmarks" -c Release -v q -nologo >/dev/null
    BENCH_DOTNET_BENCH="$(ls "$BENCH_ROOT"/bench/Aggregator.Benchmarks/bin/Release/*/Aggregator.Benchmarks.dll | head -n1)"
  fi
}

bench_load() {
  bench_log "migrating and loading $BENCH_JOBS generated jobs"
  ConnectionStrings__Aggregator="$BENCH_CONN" Logging__LogLevel__Default=Warning \
    dotnet "$BENCH_TMP/aggregator/aggregator.dll" migrate >/dev/null
  dotnet "$BENCH_DOTNET_BENCH" generate "$BENCH_JOBS" "$BENCH_CONN" >&2
}

bench_start_service() {
  local port
  port="$(bench_free_port)"
  BENCH_URL="http://127.0.0.1:$port"
  bench_log "starting aggregator serve --no-scheduler on $BENCH_URL"
  bench_serve "$BENCH_TMP/service.log" ASPNETCORE_URLS="$BENCH_URL" -- serve --no-scheduler
  bench_wait_http "$BENCH_URL/health" "$BENCH_SERVICE_PID" "$BENCH_TMP/service.log"
}

# bench_serve LOG [VAR=value ...] -- ARGS...: the published service with ARGS in the background, its output in
# LOG, with the benchmark's connection string, Warning logs and the Production environment unless a VAR says
# otherwise. Its pid is BENCH_SERVICE_PID (the dotnet process itself: every step execs), and bench_cleanup stops it.
bench_serve() {
  local log="$1" vars=()
  shift
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do vars+=("$1"); shift; done
  [ "${1:-}" = "--" ] && shift
  (cd "$BENCH_TMP/aggregator" && exec env ConnectionStrings__Aggregator="$BENCH_CONN" Logging__LogLevel__Default=Warning \
    DOTNET_ENVIRONMENT=Production "${vars[@]}" dotnet aggregator.dll "$@") >>"$log" 2>&1 &
  BENCH_SERVICE_PID=$!
  BENCH_PIDS+=("$BENCH_SERVICE_PID")
}

# bench_wait_http URL PID LOG: waits (60 s at most) until URL answers 2xx, failing if PID exits first.
bench_wait_http() {
  local url="$1" pid="$2" log="$3" i
  for i in $(seq 1 120); do
    curl -fsS "$url" >/dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; bench_log "the service exited"; exit 1; }
    sleep 0.5
  done
  cat "$log" >&2
  bench_log "the service did not answer $url"
  exit 1
}

# bench_stop PID [SIGNAL]: ends one process this script started (TERM by default), waits for it, and drops it
# from BENCH_PIDS so the cleanup never signals a pid the system may since have given to someone else.
bench_stop() {
  local pid="$1" signal="${2:-TERM}"
  kill -s "$signal" "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  bench_forget "$pid"
}

# bench_forget PID: a process that has ended (and was waited for) is no longer ours to stop.
bench_forget() {
  local kept=() p
  for p in "${BENCH_PIDS[@]}"; do [ "$p" = "$1" ] || kept+=("$p"); done
  BENCH_PIDS=("${kept[@]}")
}

# The temp dir and the EXIT trap that stops everything started after it.
bench_init() {
  bench_need python3:python3 curl:curl
  BENCH_TMP="$(mktemp -d /tmp/aggregator-bench.XXXXXX)"
  chmod 755 "$BENCH_TMP"
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}

bench_setup() {
  bench_init
  bench_start_postgres
  bench_build
  bench_load
  bench_start_service
}

bench_machine() {
  echo "machine: $(nproc) cores, $(awk '/model name/ {sub(/.*: /, ""); print; exit}' /proc/cpuinfo), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo); $(date -u +%Y-%m-%dT%H:%MZ)"
}

# bench_world: what every script calls instead of bench_setup. With BENCH_REUSE naming a world file written by
# bench/million.sh (one load of a million jobs for every benchmark), it reads the connection string, the service's
# address and pid from it and starts nothing but its own helpers (stopped on exit); otherwise it is bench_setup.
# After it, BENCH_SERVICE_PID is the service's process (for its resident memory).
bench_world() {
  if [ -n "${BENCH_REUSE:-}" ]; then
    # Its declarations made global: sourced inside this function, they would be its locals.
    # shellcheck disable=SC1090
    . <(sed 's/^declare /declare -g /' "$BENCH_REUSE")
    trap 'for pid in "${BENCH_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done' EXIT
    trap 'exit 130' INT TERM
    return 0
  fi
  bench_setup
}

# bench_world_file FILE: writes what bench_world reads back from BENCH_REUSE.
bench_world_file() {
  {
    declare -p BENCH_TMP BENCH_CONN BENCH_URL BENCH_DOTNET_BENCH BENCH_JOBS BENCH_SERVICE_PID BENCH_PSQL
  } >"$1"
}

# bench_rss PID: resident memory of a process, in MiB.
bench_rss() {
  awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo 0
}

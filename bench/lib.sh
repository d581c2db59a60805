# Shared setup for bench/feeds.sh and bench/search.sh (sourced, not run).
#
# bench_setup: a throwaway PostgreSQL cluster in a temp dir (127.0.0.1, free port), migrated, with
# $BENCH_JOBS (default 100000) generated jobs COPY-loaded; the service published in Release and started
# with `serve --no-scheduler` on another free port. Everything started here is stopped, and the temp dir
# removed, by bench_cleanup (installed as an EXIT trap by bench_setup).
#
# After bench_setup: BENCH_TMP, BENCH_CONN (Npgsql connection string), BENCH_URL (http://127.0.0.1:port),
# BENCH_ROOT (the repository), BENCH_DOTNET_BENCH (path of the built Aggregator.Benchmarks.dll).

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH_JOBS="${BENCH_JOBS:-100000}"
BENCH_PIDS=()
BENCH_PGDATA=""
BENCH_PGBIN=""

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
  bench_log "initdb in $BENCH_PGDATA (PostgreSQL $("$BENCH_PGBIN/postgres" --version | awk '{print $3}'), port $port)"
  bench_as_pg "$BENCH_PGBIN/initdb" -D "$BENCH_PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  # Durability settings only speed up the load; the benchmarks read. The rest are PostgreSQL defaults unless
  # BENCH_PG_OPTIONS adds some (bench/million.sh: shared_buffers for a million jobs' hot pages).
  bench_as_pg "$BENCH_PGBIN/pg_ctl" -D "$BENCH_PGDATA" -l "$BENCH_PGDATA/server.log" -w start \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $BENCH_PGDATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off ${BENCH_PG_OPTIONS:-}" >/dev/null
  bench_as_pg "$BENCH_PGBIN/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "create database aggregator" >/dev/null
  BENCH_CONN="Host=127.0.0.1;Port=$port;Username=postgres;Database=aggregator"
  BENCH_PSQL=("$BENCH_PGBIN/psql" -h 127.0.0.1 -p "$port" -U postgres -d aggregator)
}

bench_build() {
  bench_log "publishing the service and building the benchmarks (Release)"
  dotnet publish "$BENCH_ROOT/src/Aggregator" -c Release -o "$BENCH_TMP/aggregator" -v q -nologo >/dev/null
  dotnet build "$BENCH_ROOT/bench/Aggregator.Benchmarks" -c Release -v q -nologo >/dev/null
  BENCH_DOTNET_BENCH="$(ls "$BENCH_ROOT"/bench/Aggregator.Benchmarks/bin/Release/*/Aggregator.Benchmarks.dll | head -n1)"
}

bench_load() {
  bench_log "migrating and loading $BENCH_JOBS generated jobs"
  ConnectionStrings__Aggregator="$BENCH_CONN" Logging__LogLevel__Default=Warning \
    dotnet "$BENCH_TMP/aggregator/aggregator.dll" migrate >/dev/null
  dotnet run -c Release --no-build --project "$BENCH_ROOT/bench/Aggregator.Benchmarks" -- generate "$BENCH_JOBS" "$BENCH_CONN" >&2
}

bench_start_service() {
  local port
  port="$(bench_free_port)"
  BENCH_URL="http://127.0.0.1:$port"
  bench_log "starting aggregator serve --no-scheduler on $BENCH_URL"
  (cd "$BENCH_TMP/aggregator" && exec env ConnectionStrings__Aggregator="$BENCH_CONN" ASPNETCORE_URLS="$BENCH_URL" \
    Logging__LogLevel__Default=Warning DOTNET_ENVIRONMENT=Production \
    dotnet aggregator.dll serve --no-scheduler) >"$BENCH_TMP/service.log" 2>&1 &
  BENCH_PIDS+=($!)
  local i
  for i in $(seq 1 120); do
    curl -fsS "$BENCH_URL/health" >/dev/null 2>&1 && return 0
    kill -0 "${BENCH_PIDS[-1]}" 2>/dev/null || { cat "$BENCH_TMP/service.log" >&2; bench_log "the service exited"; exit 1; }
    sleep 0.5
  done
  cat "$BENCH_TMP/service.log" >&2
  bench_log "the service did not answer /health"
  exit 1
}

bench_setup() {
  bench_need python3:python3 curl:curl
  BENCH_TMP="$(mktemp -d /tmp/aggregator-bench.XXXXXX)"
  chmod 755 "$BENCH_TMP"
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
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
    # shellcheck disable=SC1090
    . "$BENCH_REUSE"
    trap 'for pid in "${BENCH_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done' EXIT
    trap 'exit 130' INT TERM
    return 0
  fi
  bench_setup
  BENCH_SERVICE_PID="${BENCH_PIDS[-1]}"
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

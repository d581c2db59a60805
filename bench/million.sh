#!/usr/bin/env bash
# Issue 11 at a million jobs: loads BENCH_JOBS (default 1,000,000) generated jobs once (Aggregator.Benchmarks generate:
# deterministic, COPY), then runs the parts named on the command line against that one world, in order:
#
#   search   bench/search.sh's six searches (SQL vs the same page by primary key, and the API), with the service's
#            output cache off (Feeds__CacheSeconds=0), and EXPLAIN (ANALYZE, BUFFERS) of every statement
#   fleet    bench/fleet.sh: 10,000 distinct feed addresses with If-None-Match, service vs nginx, memory
#   feeds    bench/feeds.sh: one hot feed, service vs nginx
#   ingest   a 20,000-posting Greenhouse board through the real runner vs COPY (new, then unchanged); last, since it
#            adds its jobs to the table
#   hold     prints the world file and waits (Ctrl-C ends everything): run any script by hand with
#            BENCH_REUSE=<world file> bench/<script>.sh meanwhile
#
#   bench/million.sh                          # search fleet feeds ingest
#   BENCH_JOBS=200000 bench/million.sh search hold
#
# Every part's output goes to stdout; the load's progress to stderr. The machine's load (uptime) is printed before each part.
set -euo pipefail
# Before lib.sh, whose own default is 100,000.
BENCH_JOBS="${BENCH_JOBS:-1000000}"
. "$(dirname "$0")/lib.sh"

# A million jobs' open rows and their indexes are ~1.5 GB; PostgreSQL's default 128 MB of shared buffers would leave
# every search to the OS cache. The WAL settings only spare the load checkpoints.
BENCH_PG_OPTIONS="${BENCH_PG_OPTIONS:--c shared_buffers=2GB -c effective_cache_size=8GB -c max_wal_size=8GB -c checkpoint_timeout=30min -c maintenance_work_mem=512MB}"
export BENCH_PG_OPTIONS
parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(search fleet feeds ingest)

bench_need wrk:wrk nginx:nginx
bench_init
bench_start_postgres
bench_build
load_start="$(date +%s)"
bench_load
bench_log "loaded $BENCH_JOBS jobs in $(( $(date +%s) - load_start )) s"
echo "$(bench_machine)"
echo "world: $BENCH_JOBS generated jobs, $("${BENCH_PSQL[@]}" -Atc "select count(*) from jobs where closed_at is null") open; database $("${BENCH_PSQL[@]}" -Atc "select pg_size_pretty(pg_database_size(current_database()))")"

# serve [VAR=value ...]: (re)starts the service on its address with the given settings.
serve() {
  if [ -n "$BENCH_SERVICE_PID" ]; then bench_stop "$BENCH_SERVICE_PID"; BENCH_SERVICE_PID=""; fi
  [ -n "${BENCH_URL:-}" ] || BENCH_URL="http://127.0.0.1:$(bench_free_port)"
  bench_serve "$BENCH_TMP/service.log" ASPNETCORE_URLS="$BENCH_URL" "$@" -- serve --no-scheduler
  bench_wait_http "$BENCH_URL/health" "$BENCH_SERVICE_PID" "$BENCH_TMP/service.log"
  bench_world_file "$BENCH_TMP/world.env"
}

# A part that fails says so and the next one runs: one load serves them all.
run_part() {
  local part="$1"
  case "$part" in
    search)
      serve Feeds__CacheSeconds=0
      SEARCH_EXPLAIN=1 BENCH_REUSE="$BENCH_TMP/world.env" "$BENCH_ROOT/bench/search.sh"
      ;;
    fleet)
      serve
      BENCH_REUSE="$BENCH_TMP/world.env" "$BENCH_ROOT/bench/fleet.sh"
      ;;
    feeds)
      serve
      BENCH_REUSE="$BENCH_TMP/world.env" "$BENCH_ROOT/bench/feeds.sh"
      ;;
    ingest)
      if [ -n "$BENCH_SERVICE_PID" ]; then bench_stop "$BENCH_SERVICE_PID"; BENCH_SERVICE_PID=""; fi
      dotnet "$BENCH_DOTNET_BENCH" ingest "$BENCH_CONN" "${INGEST_POSTINGS:-20000}"
      ;;
    hold)
      [ -n "$BENCH_SERVICE_PID" ] || serve
      bench_log "world file: $BENCH_TMP/world.env (BENCH_REUSE=$BENCH_TMP/world.env bench/<script>.sh); Ctrl-C to end"
      while kill -0 "$BENCH_SERVICE_PID" 2>/dev/null; do sleep 5; done
      ;;
    *) bench_log "unknown part '$part' (search, fleet, feeds, ingest, hold)"; return 2 ;;
  esac
}

for part in "${parts[@]}"; do
  echo
  echo "== $part ($(date -u +%H:%MZ); load average $(cut -d' ' -f1-3 /proc/loadavg))"
  status=0
  run_part "$part" || status=$?
  [ "$status" = 0 ] || echo "== $part FAILED (exit status $status)"
done

#!/usr/bin/env bash
# Fault and load script (issue 10, "Trust"): what the service does with hostile input, heavy load, a database
# outage and a SIGKILL in the middle of a scrape. Loopback only; every wait is bounded. Prints a report and
# exits 1 if a check failed (2 if the script itself could not run). Method and checks: bench/README.md.
#
#   bench/fault.sh [matrix|load|outage|kill|all ...]        default all; 100,000 generated jobs
#   BENCH_JOBS=5000 FAULT_LOAD_SECONDS=10 FAULT_OUTAGE_SECONDS=5 bench/fault.sh      a quick smoke run
#
# Each part starts the service afresh (`serve --no-scheduler` on the benchmark database; the kill part runs its
# own `serve` with the scheduler on a database of its own), so a part gives the same result alone or in `all`.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
FAULT_DIR="$(cd "$(dirname "$0")" && pwd)"

FAULT_LOAD_SECONDS="${FAULT_LOAD_SECONDS:-60}"
FAULT_LOAD_THREADS="${FAULT_LOAD_THREADS:-2}"
FAULT_LOAD_CONNECTIONS="${FAULT_LOAD_CONNECTIONS:-256}"
FAULT_LOAD_TIMEOUT="${FAULT_LOAD_TIMEOUT:-30s}"
FAULT_SETTLE_SECONDS="${FAULT_SETTLE_SECONDS:-$((FAULT_LOAD_SECONDS < 60 ? FAULT_LOAD_SECONDS : 60))}"
FAULT_RSS_TOLERANCE="${FAULT_RSS_TOLERANCE:-10}"
FAULT_OUTAGE_SECONDS="${FAULT_OUTAGE_SECONDS:-30}"
FAULT_OUTAGE_BEFORE="${FAULT_OUTAGE_BEFORE:-10}"
FAULT_OUTAGE_AFTER="${FAULT_OUTAGE_AFTER:-20}"
export FAULT_RECOVERY_SECONDS="${FAULT_RECOVERY_SECONDS:-5}"
FAULT_BOARD_JOBS="${FAULT_BOARD_JOBS:-3000}"
FAULT_BOARD_FIRST="${FAULT_BOARD_FIRST:-$((FAULT_BOARD_JOBS / 5))}"
FAULT_BOARD_DELAY_MS="${FAULT_BOARD_DELAY_MS:-10}"
FAULT_KILL_TIMEOUT="${FAULT_KILL_TIMEOUT:-600}"

parts=()
for part in "${@:-all}"; do
  case "$part" in
    all) parts+=(matrix load outage kill) ;;
    matrix | load | outage | kill) parts+=("$part") ;;
    *) echo "usage: bench/fault.sh [matrix|load|outage|kill|all ...]" >&2; exit 2 ;;
  esac
done

section() { printf '\n== %s ==\n' "$*"; }

# fault_check PASS|FAIL name detail: one line of the report, kept for the summary.
fault_check() {
  echo "$1 $2: $3" | tee -a "$FAULT_CHECKS"
}

# fault.py's exit status: 0 its checks passed, 1 one failed (recorded already), anything else is a bug here.
fault_py() {
  local rc=0
  python3 "$FAULT_DIR/fault.py" "$@" || rc=$?
  [ "$rc" -le 1 ] || { bench_log "fault.py $1 stopped with exit status $rc: a fault of this script, not a finding"; exit 2; }
}

# fault_wait_until SECONDS what command...: polls the command every half second; false when time runs out.
fault_wait_until() {
  local limit="$1" what="$2" deadline
  shift 2
  deadline=$((SECONDS + limit))
  until "$@"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      bench_log "gave up after ${limit}s waiting for $what"
      return 1
    fi
    sleep 0.5
  done
}

fault_service_up() {
  bench_start_service
  grep -qa dotnet "/proc/$BENCH_SERVICE_PID/cmdline" || { bench_log "pid $BENCH_SERVICE_PID is not the service"; exit 2; }
}

fault_rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }

# ---------------------------------------------------------------------------------------------------------
part_matrix() {
  section "1. bad-input matrix"
  fault_service_up
  FAULT_CHECKS="$FAULT_CHECKS" fault_py matrix "$BENCH_URL" "$BENCH_TMP/service.log"
  if kill -0 "$BENCH_SERVICE_PID" 2>/dev/null && curl -fsS -o /dev/null "$BENCH_URL/health"; then
    fault_check PASS "matrix: the service is still up and healthy" "pid $BENCH_SERVICE_PID, /health 200, $(fault_rss_kb "$BENCH_SERVICE_PID") kB resident"
  else
    fault_check FAIL "matrix: the service is still up and healthy" "$(kill -0 "$BENCH_SERVICE_PID" 2>/dev/null && echo "/health does not answer 200" || echo "the process is gone")"
  fi
  bench_stop "$BENCH_SERVICE_PID"
}

# ---------------------------------------------------------------------------------------------------------
part_load() {
  section "2. load: wrk -t$FAULT_LOAD_THREADS -c$FAULT_LOAD_CONNECTIONS -d${FAULT_LOAD_SECONDS}s --timeout $FAULT_LOAD_TIMEOUT, mixed requests"
  fault_service_up
  local pid="$BENCH_SERVICE_PID" sampler before peak after out
  fault_py load-prepare "$BENCH_URL" "$BENCH_TMP/load.tsv"
  before="$(fault_rss_kb "$pid")"
  (while kill -0 "$pid" 2>/dev/null; do echo "$(date +%s) $(fault_rss_kb "$pid")"; sleep 1; done) >"$BENCH_TMP/rss.txt" &
  sampler=$!
  BENCH_PIDS+=("$sampler")
  out="$BENCH_TMP/wrk.txt"
  wrk "-t$FAULT_LOAD_THREADS" "-c$FAULT_LOAD_CONNECTIONS" "-d${FAULT_LOAD_SECONDS}s" --timeout "$FAULT_LOAD_TIMEOUT" \
    -s "$FAULT_DIR/fault.lua" "$BENCH_URL" -- "$BENCH_TMP/load.tsv" >"$out" 2>&1 || true
  bench_log "load done; waiting ${FAULT_SETTLE_SECONDS}s before reading the resident memory again"
  sleep "$FAULT_SETTLE_SECONDS"
  after="$(fault_rss_kb "$pid")"
  bench_stop "$sampler"
  peak="$(awk '$2 > max { max = $2 } END { print max + 0 }' "$BENCH_TMP/rss.txt")"

  sed -n '/^Running/,/^STATUS/{/^STATUS/d;p}' "$out" | sed 's/^/  /'
  local result statuses five socket rps
  result="$(grep '^RESULT' "$out" || true)"
  [ -n "$result" ] || { cat "$out" >&2; bench_log "wrk printed no result"; exit 2; }
  field() { sed -E "s/.* $1=([^ ]+).*/\1/" <<<"$result"; }
  statuses="$(awk '/^STATUS/ { printf "%s%s x %s", sep, $2, $3; sep = ", " }' "$out")"
  five="$(awk '/^STATUS/ && $2 >= 500 { n += $3 } END { print n + 0 }' "$out")"
  socket=$(($(field connect) + $(field read) + $(field write) + $(field timeout)))
  rps="$(field rps)"
  echo "requests/s: $rps ($(field requests) requests in $(field seconds) s); latency p50 $(field p50_ms) ms, p90 $(field p90_ms) ms, p99 $(field p99_ms) ms, max $(field max_ms) ms"
  echo "statuses (Lua tally): ${statuses:-none}"
  echo "resident memory: before $((before / 1024)) MiB, peak $((peak / 1024)) MiB, ${FAULT_SETTLE_SECONDS}s after the load $((after / 1024)) MiB"
  fault_check "$([ "$socket" -eq 0 ] && echo PASS || echo FAIL)" "load: no socket errors" \
    "connect $(field connect), read $(field read), write $(field write), timeout $(field timeout)"
  fault_check "$([ "$five" -eq 0 ] && echo PASS || echo FAIL)" "load: no 5xx" "$five 5xx of $(field requests) answers"
  fault_check "$(awk -v a="$after" -v b="$before" -v t="$FAULT_RSS_TOLERANCE" 'BEGIN { print (a <= b * (1 + t / 100) ? "PASS" : "FAIL") }')" \
    "load: resident memory back within $FAULT_RSS_TOLERANCE% of its pre-load level" \
    "$((after / 1024)) MiB ${FAULT_SETTLE_SECONDS}s after, against $((before / 1024)) MiB before ($(awk -v a="$after" -v b="$before" 'BEGIN { printf "%+.1f%%", 100 * (a - b) / b }'); peak $((peak / 1024)) MiB)"
  bench_stop "$pid"
}

# ---------------------------------------------------------------------------------------------------------
fault_job_state() { "${BENCH_PSQL[@]}" -Atqc "select count(*) || ' jobs, id sum ' || coalesce(sum(id), 0) || ', md5 of ids ' || md5(coalesce(string_agg(id::text, ',' order by id), '')) from jobs"; }

part_outage() {
  section "3. database outage: PostgreSQL stopped for ${FAULT_OUTAGE_SECONDS}s under a steady probe"
  fault_service_up
  local pid="$BENCH_SERVICE_PID" probe events="$BENCH_TMP/outage.events" before after
  before="$(fault_job_state)"
  rm -f "$BENCH_TMP/outage.stop" "$BENCH_TMP/outage.started"
  python3 "$FAULT_DIR/fault.py" outage-probe "$BENCH_URL" "$BENCH_TMP/outage.tsv" "$BENCH_TMP/outage.started" "$BENCH_TMP/outage.stop" \
    $((FAULT_OUTAGE_BEFORE + FAULT_OUTAGE_SECONDS + FAULT_OUTAGE_AFTER + 180)) &
  probe=$!
  BENCH_PIDS+=("$probe")
  fault_wait_until 120 "the probe's first answers" test -s "$BENCH_TMP/outage.started" || exit 2
  echo "probe $(cat "$BENCH_TMP/outage.started")" >"$events"
  sleep "$FAULT_OUTAGE_BEFORE"
  bench_log "stopping PostgreSQL (pg_ctl stop -m fast) for ${FAULT_OUTAGE_SECONDS}s"
  echo "stop_begin $(date +%s.%N)" >>"$events"
  bench_pg_stop
  echo "stop_done $(date +%s.%N)" >>"$events"
  sleep "$FAULT_OUTAGE_SECONDS"
  echo "start_begin $(date +%s.%N)" >>"$events"
  bench_pg_start
  echo "start_done $(date +%s.%N)" >>"$events"
  bench_log "PostgreSQL is back on port $BENCH_PGPORT; probing ${FAULT_OUTAGE_AFTER}s more"
  sleep "$FAULT_OUTAGE_AFTER"
  touch "$BENCH_TMP/outage.stop"
  wait "$probe" || { bench_log "the outage probe failed"; exit 2; }
  bench_forget "$probe"
  FAULT_CHECKS="$FAULT_CHECKS" fault_py outage-report "$BENCH_TMP/outage.tsv" "$events"
  after="$(fault_job_state)"
  if kill -0 "$pid" 2>/dev/null; then
    fault_check PASS "outage: the service was not restarted" "pid $pid ran throughout"
  else
    fault_check FAIL "outage: the service was not restarted" "pid $pid is gone"
  fi
  fault_check "$([ "$before" = "$after" ] && echo PASS || echo FAIL)" "outage: nothing lost" "before: $before; after: $after"
  bench_stop "$pid"
}

# ---------------------------------------------------------------------------------------------------------
# The scrape under SIGKILL runs in a database of its own (same cluster), so its counts are the board's alone.
kill_sql() { "${KILL_PSQL[@]}" -Atqc "$1"; }
kill_state() { curl -fsS "$KILL_BOARD/_state"; }
kill_runs() { kill_sql "select id, outcome, seen, new, requests, coalesce(error, '') from scrape_runs order by id" | sed 's/^/  /'; }

first_run_done() { [ "$(kill_sql "select count(*) from scrape_runs where outcome = 'succeeded' and seen = $FAULT_BOARD_FIRST")" -gt 0 ]; }
run_in_progress() {
  local running details jobs
  running="$(kill_sql "select coalesce(max(id), 0) from scrape_runs where outcome = 'running' and id > $first_run")"
  details="$(kill_state | python3 -c 'import json, sys; print(json.load(sys.stdin)["detail_requests"])')"
  jobs="$(kill_sql "select count(*) from jobs")"
  [ "$running" -gt 0 ] && [ "$jobs" -gt 0 ] && [ "$details" -ge $((FAULT_BOARD_FIRST + (FAULT_BOARD_JOBS - FAULT_BOARD_FIRST) / 3)) ]
}
next_run_done() { [ "$(kill_sql "select count(*) from scrape_runs where id > $killed_run and outcome <> 'running' and seen = $FAULT_BOARD_JOBS")" -gt 0 ]; }

kill_serve() {
  local port
  port="$(bench_free_port)"
  KILL_URL="http://127.0.0.1:$port"
  bench_serve "$BENCH_TMP/kill-service.log" ConnectionStrings__Aggregator="$KILL_CONN" ASPNETCORE_URLS="$KILL_URL" \
    Sources__Directory="$BENCH_TMP/kill/scrapers" Scraping__HostDelay=00:00:00 Logging__LogLevel__Default=Information -- serve
  bench_wait_http "$KILL_URL/health" "$BENCH_SERVICE_PID" "$BENCH_TMP/kill-service.log"
}

part_kill() {
  section "4. SIGKILL mid-scrape: a board of $FAULT_BOARD_JOBS jobs (first $FAULT_BOARD_FIRST), ${FAULT_BOARD_DELAY_MS} ms per pay-range request"
  local board board_port service first_run killed_run at_kill running duplicates count ids board_ids open graceful
  "${BENCH_PSQL[@]}" -qc "drop database if exists aggregator_kill" -qc "create database aggregator_kill" >/dev/null
  KILL_CONN="Host=127.0.0.1;Port=$BENCH_PGPORT;Username=postgres;Database=aggregator_kill"
  KILL_PSQL=("$BENCH_PGBIN/psql" -h 127.0.0.1 -p "$BENCH_PGPORT" -U postgres -d aggregator_kill)
  ConnectionStrings__Aggregator="$KILL_CONN" Logging__LogLevel__Default=Warning dotnet "$BENCH_TMP/aggregator/aggregator.dll" migrate >/dev/null

  mkdir -p "$BENCH_TMP/kill/scrapers"
  python3 "$FAULT_DIR/fault.py" board "$BENCH_TMP/kill/board.port" "$FAULT_BOARD_JOBS" "$FAULT_BOARD_FIRST" "$FAULT_BOARD_DELAY_MS" &
  board=$!
  BENCH_PIDS+=("$board")
  fault_wait_until 30 "the board to listen" test -s "$BENCH_TMP/kill/board.port" || exit 2
  board_port="$(cat "$BENCH_TMP/kill/board.port")"
  KILL_BOARD="http://127.0.0.1:$board_port"
  cat >"$BENCH_TMP/kill/scrapers/us-org-fault-bench-board.yml" <<EOF
id: us-org-fault-bench-board
name: Fault bench board (a loopback Greenhouse board of bench/fault.sh)
jurisdiction: { name: Fault Bench Agency, level: organization, country: US }
homepage: https://example.org/
owner: bench/fault.sh
schedule: "0/5 * * * * ?"
access: api
terms: a loopback test server
max_requests: $((FAULT_BOARD_JOBS + 10 > 10000 ? 10000 : FAULT_BOARD_JOBS + 10))
platform:
  greenhouse:
    board: faultbench
    pay_ranges: true
    base_url: $KILL_BOARD
EOF

  bench_log "starting aggregator serve (with its scheduler: every 5 s) against the board on $KILL_BOARD"
  kill_serve
  service="$BENCH_SERVICE_PID"
  fault_wait_until "$FAULT_KILL_TIMEOUT" "a first run of $FAULT_BOARD_FIRST jobs" first_run_done || { kill_runs; exit 2; }
  first_run="$(kill_sql "select max(id) from scrape_runs where outcome = 'succeeded'")"
  bench_log "run $first_run stored $FAULT_BOARD_FIRST jobs; the board now lists all $FAULT_BOARD_JOBS"
  curl -fsS -X POST "$KILL_BOARD/_visible?n=$FAULT_BOARD_JOBS" >/dev/null
  fault_wait_until "$FAULT_KILL_TIMEOUT" "a run a third through the new jobs" run_in_progress || { kill_runs; exit 2; }
  killed_run="$(kill_sql "select max(id) from scrape_runs where outcome = 'running'")"
  bench_stop "$service" KILL
  at_kill="$(kill_sql "select count(*) from jobs")"
  echo "killed the service (kill -9) during run $killed_run: $at_kill jobs stored, board state $(kill_state)"

  bench_log "restarting the service; waiting for a run of all $FAULT_BOARD_JOBS jobs"
  kill_serve
  service="$BENCH_SERVICE_PID"
  fault_wait_until "$FAULT_KILL_TIMEOUT" "a run after the restart to read all $FAULT_BOARD_JOBS jobs" next_run_done || true
  bench_log "stopping the restarted service (SIGTERM)"
  graceful=$SECONDS
  bench_stop "$service"
  echo "the restarted service stopped $((SECONDS - graceful)) s after SIGTERM; scrape_runs (id, outcome, seen, new, requests, error):"
  kill_runs

  local outcome
  outcome="$(kill_sql "select outcome || coalesce(' (' || error || ')', '') from scrape_runs where id = $killed_run")"
  fault_check "$([[ "$outcome" == abandoned* ]] && echo PASS || echo FAIL)" "kill: the killed run is reaped as abandoned" "run $killed_run: $outcome"
  running="$(kill_sql "select count(*) from scrape_runs where outcome = 'running'")"
  fault_check "$([ "$running" -eq 0 ] && echo PASS || echo FAIL)" "kill: no run left 'running'" "$running running after the restarted service stopped"
  fault_check "$(next_run_done && echo PASS || echo FAIL)" "kill: the next run completes" \
    "$(kill_sql "select coalesce(string_agg('run ' || id || ' ' || outcome || ', seen ' || seen, '; ' order by id), 'none') from scrape_runs where id > $killed_run and outcome <> 'running' and seen = $FAULT_BOARD_JOBS")"
  duplicates="$(kill_sql "select count(*) from (select 1 from jobs group by source_id, external_id having count(*) > 1) d")"
  fault_check "$([ "$duplicates" -eq 0 ] && echo PASS || echo FAIL)" "kill: no duplicate job" "$duplicates (source_id, external_id) pairs stored twice"
  count="$(kill_sql "select count(*) from jobs")"
  open="$(kill_sql "select count(*) from jobs where closed_at is null")"
  ids="$(kill_sql "select md5(coalesce(string_agg(external_id, ',' order by external_id collate \"C\"), '')) from jobs")"
  board_ids="$(kill_state | python3 -c 'import json, sys; print(json.load(sys.stdin)["ids_md5"])')"
  fault_check "$([ "$count" -eq "$FAULT_BOARD_JOBS" ] && [ "$open" -eq "$FAULT_BOARD_JOBS" ] && [ "$ids" = "$board_ids" ] && echo PASS || echo FAIL)" \
    "kill: the jobs are the board's" "$count stored ($open open) for $FAULT_BOARD_JOBS on the board; ids $([ "$ids" = "$board_ids" ] && echo equal || echo differ)"
  bench_stop "$board"
}

# ---------------------------------------------------------------------------------------------------------
bench_need wrk:wrk python3:python3 curl:curl
bench_init
FAULT_CHECKS="$BENCH_TMP/checks.txt"
: >"$FAULT_CHECKS"
bench_start_postgres
bench_build
needs_jobs=0
for part in "${parts[@]}"; do [ "$part" != kill ] && needs_jobs=1; done
if [ "$needs_jobs" -eq 1 ]; then bench_load; else
  ConnectionStrings__Aggregator="$BENCH_CONN" Logging__LogLevel__Default=Warning dotnet "$BENCH_TMP/aggregator/aggregator.dll" migrate >/dev/null
fi

echo "$(bench_machine)"
echo "parts: ${parts[*]}; $([ "$needs_jobs" -eq 1 ] && echo "$BENCH_JOBS generated jobs" || echo "no generated jobs (the kill part has a database of its own)"); PostgreSQL $("$BENCH_PGBIN/postgres" --version | awk '{print $3}')"
for part in "${parts[@]}"; do "part_$part"; done

section "summary"
cat "$FAULT_CHECKS"
passed="$(grep -c '^PASS' "$FAULT_CHECKS" || true)"
failed="$(grep -c '^FAIL' "$FAULT_CHECKS" || true)"
echo "checks: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

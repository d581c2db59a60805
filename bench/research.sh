#!/usr/bin/env bash
# The research interfaces at scale (issue 13), measured, not asserted in tests:
#  1. p95 of a monthly trend by role for one region, and by jurisdiction for all of them (two years, output cache off);
#  2. a full Parquet export of jobs: rows/s against PostgreSQL's COPY … TO of the same rows (goal ≥ 0.5×), and the
#     export process's peak resident memory (goal: flat, one row group's worth whatever the row count).
# Setup as bench/feeds.sh (bench/lib.sh: generated jobs COPY-loaded by bench/Aggregator.Benchmarks). The generator
# makes current postings, so the history is spread here with SQL: posting and first-seen dates uniform over the last
# two years, jobs first seen over 60 days ago closed after 10–90 days (a job_changes row each), one in twenty of
# those reopened ten days later.
#
#   BENCH_JOBS=1000000 bench/research.sh
#   RESEARCH_N=20 BENCH_JOBS=100000 bench/research.sh
set -euo pipefail
export BENCH_JOBS="${BENCH_JOBS:-1000000}"
export Feeds__CacheSeconds=0
. "$(dirname "$0")/lib.sh"
N="${RESEARCH_N:-20}"

bench_setup
echo "$(bench_machine)"
bench_log "spreading two years of history over $BENCH_JOBS jobs"
"${BENCH_PSQL[@]}" -q <<'SQL'
update jobs set first_seen_at = now() - (random() * interval '730 days'), closed_at = null;
update jobs set posted_at = first_seen_at - interval '1 day' * floor(random() * 3), updated_at = first_seen_at, last_seen_at = first_seen_at;
update job_changes set changed_at = j.first_seen_at from jobs j where j.id = job_changes.job_id and job_changes.field = 'created';
update jobs set closed_at = first_seen_at + (10 + random() * 80) * interval '1 day', close_reason = 'bench'
where first_seen_at < now() - interval '60 days';
insert into job_changes (job_id, changed_at, field, new_value, reason) select id, closed_at, 'closed_at', closed_at::text, 'bench' from jobs where closed_at is not null;
insert into job_changes (job_id, changed_at, field, old_value) select id, closed_at + interval '10 days', 'closed_at', closed_at::text from jobs where closed_at is not null and id % 20 = 0;
update jobs set closed_at = null, close_reason = null where closed_at is not null and id % 20 = 0;
vacuum analyze jobs; vacuum analyze job_changes;
SQL
echo "$BENCH_JOBS jobs over two years: $("${BENCH_PSQL[@]}" -Atc "select count(*) filter (where closed_at is null) || ' open, ' || count(*) filter (where closed_at is not null) || ' closed; ' || (select count(*) from job_changes) || ' changes' from jobs")"
region="$("${BENCH_PSQL[@]}" -Atc "select region from jobs where region is not null group by 1 order by count(*) desc limit 1")"
from="$(date -u -d '-24 months' +%Y-%m-01)"

latency() {
  local path="$1" i
  for i in 1 2; do curl -fsS -o /dev/null "$BENCH_URL$path"; done
  for i in $(seq 1 "$N"); do curl -fsS -o /dev/null -w '%{time_total}\n' "$BENCH_URL$path"; done |
    python3 -c 'import sys; t=sorted(float(x)*1000 for x in sys.stdin); print(f"p50 {t[len(t)//2]:9.1f} ms   p95 {t[max(0,int(len(t)*0.95)-1)]:9.1f} ms")'
}

echo
echo "## Trends (N=$N after 2 warm-up, output cache off)"
for path in "/api/trends?metric=active&period=month&group_by=role&region=$region&from=$from" \
            "/api/trends?metric=new&period=month&group_by=role&region=$region&from=$from" \
            "/api/trends?metric=active&period=month&group_by=jurisdiction&from=$from" \
            "/api/trends?metric=new&period=month&group_by=jurisdiction&from=$from"; do
  printf '%-100s %s\n' "$path" "$(latency "$path")"
done

echo
echo "## Export of every job"
rows="$("${BENCH_PSQL[@]}" -Atc "select count(*) from jobs")"
# The same rows and columns both ways, through the service: /exports/jobs.csv is PostgreSQL's COPY … TO, streamed.
timed() { curl -fsS -o "$2" -w '%{time_total}' "$BENCH_URL$1"; }
copy_s="$(timed /exports/jobs.csv "$BENCH_TMP/jobs.csv")"
parquet_s="$(timed /exports/jobs.parquet "$BENCH_TMP/jobs.parquet")"
ConnectionStrings__Aggregator="$BENCH_CONN" Logging__LogLevel__Default=Warning \
  /usr/bin/time -v -o "$BENCH_TMP/export.time" dotnet "$BENCH_TMP/aggregator/aggregator.dll" export --out "$BENCH_TMP/export" --format parquet >/dev/null
peak="$(awk -F': ' '/Maximum resident set size/ {printf "%.0f MB", $2/1024}' "$BENCH_TMP/export.time")"
wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$BENCH_TMP/export.time")"
# The same export of one region's jobs: memory is flat if the peak does not follow the row count.
small_rows="$("${BENCH_PSQL[@]}" -Atc "select count(*) from jobs where region = '$region'")"
ConnectionStrings__Aggregator="$BENCH_CONN" Logging__LogLevel__Default=Warning \
  /usr/bin/time -v -o "$BENCH_TMP/export-small.time" dotnet "$BENCH_TMP/aggregator/aggregator.dll" export --out "$BENCH_TMP/export-small" --format parquet --filter "region=$region" >/dev/null
small_peak="$(awk -F': ' '/Maximum resident set size/ {printf "%.0f MB", $2/1024}' "$BENCH_TMP/export-small.time")"
python3 - "$rows" "$copy_s" "$parquet_s" "$(stat -c %s "$BENCH_TMP/jobs.parquet")" "$(stat -c %s "$BENCH_TMP/jobs.csv")" <<'PY'
import sys
rows, copy_s, pq_s, pq, csv = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
print(f"/exports/jobs.csv     (COPY TO):  {rows:,} rows in {copy_s:7.1f} s = {rows/copy_s:10,.0f} rows/s  ({csv/1e6:,.0f} MB)")
print(f"/exports/jobs.parquet (ZSTD):     {rows:,} rows in {pq_s:7.1f} s = {rows/pq_s:10,.0f} rows/s  ({pq/1e6:,.0f} MB)")
print(f"Parquet at {copy_s/pq_s:.2f}x the rows/s of COPY (goal >= 0.5x)")
PY
echo "export --format parquet (all four tables, own process): $rows jobs: wall $wall, peak RSS $peak; $small_rows jobs (region=$region): peak RSS $small_peak"

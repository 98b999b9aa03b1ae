#!/usr/bin/env bash
# Mixed load against PostgreSQL with a company of 2,000 technicians and a year of history (issue 12, "Load").
#   bench/Load/pg.sh start        # our own PostgreSQL on 127.0.0.1:55460 (not the shared test server)
#   bench/Load/run.sh             # fresh database, migrate, seed-demo, scale, app in Release, 5 s warm-up, 20 s mixed load
#   REUSE=1 bench/Load/run.sh     # clone the scaled database of an earlier run (same day) instead of building it again
#   DURATION=30 TECHS=2000 bench/Load/run.sh
# One wrk per endpoint, all at once (each its own connections and latency summary): technicians' phones post positions,
# check in at their jobs and submit service records (with Idempotency-Key); managers open the dispatch board and the
# lists. Prints req/s, p50/p90/p99 and non-2xx per endpoint and in all, then the top queries by total time
# (pg_stat_statements over the measured phase only).
# Needs: PostgreSQL (AFTERSALES_BENCH_POSTGRES), psql, wrk, curl, dotnet.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
for tool in wrk psql curl dotnet; do command -v "$tool" >/dev/null || { echo "$tool is missing (wrk: apt-get install -y wrk)" >&2; exit 1; }; done
server="${AFTERSALES_BENCH_POSTGRES:-Host=127.0.0.1;Port=55460;Username=postgres}"
database="${DATABASE:-aftersales_load}"
template="${database}_scaled"
connection="$server;Database=$database;Maximum Pool Size=100"
port="${PORT:-5460}"
url="http://127.0.0.1:$port"
duration="${DURATION:-20}"
techs="${TECHS:-2000}"
sample="${SAMPLE:-200}"
pg_host="$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$server")"; pg_port="$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<<"$server")"
pg_user="$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$server")"
sql() { psql -h "$pg_host" -p "${pg_port:-5432}" -U "${pg_user:-postgres}" -X -v ON_ERROR_STOP=1 "$@"; }
sql -Atc 'SELECT 1' postgres >/dev/null || { echo "PostgreSQL not reachable at $server (bench/Load/pg.sh start)" >&2; exit 1; }
sql -Atc "SHOW shared_preload_libraries" postgres | grep -q pg_stat_statements \
  || { echo "the server must load pg_stat_statements (bench/Load/pg.sh starts it so)" >&2; exit 1; }

# The scaled database: built once into a template, then cloned for every run (the app writes to its clone).
sql -qc "DROP DATABASE IF EXISTS $database WITH (FORCE)" postgres
if [[ "${REUSE:-0}" != 1 ]] || [[ -z "$(sql -Atc "SELECT 1 FROM pg_database WHERE datname = '$template'" postgres)" ]]; then
  sql -qc "DROP DATABASE IF EXISTS $template WITH (FORCE)" postgres
  sql -qc "CREATE DATABASE $template" postgres
  ./aftersales migrate --connection "$server;Database=$template" --provider postgres >/dev/null
  ./aftersales seed-demo --connection "$server;Database=$template" --provider postgres >/dev/null
  echo "== scaling to $techs technicians and a year of history"
  started=$SECONDS
  sql -q -v techs="$techs" -f bench/Load/scale.sql "$template" | grep -v '^Time: [0-9.]* ms$' || true
  echo "== scaled in $((SECONDS - started)) s"
fi
sql -qc "CREATE DATABASE $database TEMPLATE $template" postgres
sql -qc "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" "$database"

work="$(mktemp -d)"
log="$work/app.log"
Attendance__DetectorIntervalSeconds=0 Outbox__IntervalSeconds=0 Logging__LogLevel__Default=Warning RateLimits__LogInsPerMinute=100000 \
  dotnet artifacts/app/AfterSales.dll serve --urls "$url" --connection "$connection" --provider postgres >"$log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true; wait $app 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 60); do curl -sf -o /dev/null "$url/login" && break; sleep 1; done
curl -sf -o /dev/null "$url/login" || { echo "the app did not start" >&2; cat "$log" >&2; exit 1; }

# Log in a sample of technicians (every techs/sample-th) and every regional manager (the log-in rate limit is raised:
# they all come from one address).
login() {
  local jar; jar="$(mktemp -p "$work")"
  local status; status="$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -H 'Content-Type: application/json' \
    -d "{\"login\":\"$1\",\"password\":\"Demo@2026\"}" "$url/api/auth/login")"
  [[ "$status" == 204 ]] || { echo "log-in of $1 failed: $status" >&2; return 1; }
  printf '%s\t%s\n' "$1" "$(awk '!/^#/ && NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep="; " } /^#HttpOnly_/ { printf "%s%s=%s", sep, $6, $7; sep="; " }' "$jar")"
}
export -f login; export url work
step=$(( techs / sample )); (( step >= 1 )) || step=1
{ for ((n = 11; n <= techs; n += step)); do printf 'tech%04d\n' "$n"; done
  sql -At -c "SELECT \"UserName\" FROM \"AspNetUsers\" u JOIN \"Staff\" s ON s.\"Id\" = u.\"StaffId\" WHERE s.\"Role\" = 'RegionalManager'" "$database"
} | xargs -P 2 -I{} bash -c 'login {}' > "$work/cookies"
echo "== logged in: $(grep -c '^tech' "$work/cookies") technicians, $(grep -vc '^tech' "$work/cookies") managers"

# The targets: each technician's job en route (check-in) and completed job without a record (record submission).
sql -At -F $'\t' -c "SELECT u.\"UserName\", w.\"Id\", w.\"State\", s.\"Latitude\", s.\"Longitude\" FROM \"WorkOrders\" w
  JOIN \"AspNetUsers\" u ON u.\"StaffId\" = w.\"TechnicianId\" JOIN \"Sites\" s ON s.\"Id\" = w.\"SiteId\"
  WHERE w.\"State\" IN ('EnRoute', 'Completed') AND NOT EXISTS (SELECT 1 FROM \"ServiceRecords\" r WHERE r.\"WorkOrderId\" = w.\"Id\")" "$database" > "$work/jobs"
techcookies() { grep '^tech' "$work/cookies"; }
managercookies() { grep -v '^tech' "$work/cookies"; }
today="$(TZ=Asia/Shanghai date +%F)"
techcookies | awk -F'\t' '{ print $2 "\t/api/positions\t" }' > "$work/positions"
techcookies | awk -F'\t' '{ print $2 "\t/api/work-orders?pageSize=20\t" }' > "$work/my-jobs"
awk -F'\t' 'NR == FNR { cookie[$1] = $2; next } ($1 in cookie) && $3 == "EnRoute" {
  printf "%s\t/api/work-orders/%s/check-in\t{\"lat\":%s,\"lng\":%s,\"accuracy\":12}\n", cookie[$1], $2, $4, $5 }' "$work/cookies" "$work/jobs" > "$work/check-in"
awk -F'\t' 'NR == FNR { cookie[$1] = $2; next } ($1 in cookie) && $3 == "Completed" {
  printf "%s\t/api/records\t{\"workOrderId\":%s,\"workDone\":\"按规范完成安装调试，已向客户讲解使用方法。\"}\n", cookie[$1], $2 }' "$work/cookies" "$work/jobs" > "$work/records"
managercookies | awk -F'\t' '{ print $2 "\t/Dispatch\t" }' > "$work/dispatch-page"
managercookies | awk -F'\t' -v day="$today" '{ print $2 "\t/api/dispatch/board?day=" day "\t" }' > "$work/dispatch-board"
managercookies | awk -F'\t' '{ print $2 "\t/WorkOrders\t" }' > "$work/work-orders-page"
managercookies | awk -F'\t' '{ print $2 "\t/api/work-orders?state=New\t" }' > "$work/work-orders-new"
managercookies | awk -F'\t' '{ print $2 "\t/api/records?page=" (NR % 5 + 1) "\t" }' > "$work/records-list"
managercookies | awk -F'\t' '{ print $2 "\t/Attendance/Today\t" }' > "$work/attendance-page"
for f in check-in records; do
  [[ -s "$work/$f" ]] || { echo "no $f targets" >&2; exit 1; }
done

# name, targets, connections, mode, pace (ms before each request; 0 = closed loop)
mix=(
  "positions positions 3 positions 0"
  "check-in check-in 1 file ${PACE_MS:-150}"
  "records records 1 file ${PACE_MS:-150}"
  "my-jobs my-jobs 1 file 0"
  "dispatch-page dispatch-page 1 file 0"
  "dispatch-board dispatch-board 1 file 0"
  "work-orders-page work-orders-page 1 file 0"
  "work-orders-new work-orders-new 1 file 0"
  "records-list records-list 1 file 0"
  "attendance-page attendance-page 1 file 0"
)
# Every GET once, so that a broken page fails loudly here rather than as a column of non-2xx.
for f in my-jobs dispatch-page dispatch-board work-orders-page work-orders-new records-list attendance-page; do
  IFS=$'\t' read -r cookie path _ < "$work/$f"
  status="$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$url$path")"
  [[ "$status" == 200 ]] || { echo "GET $path answered $status" >&2; tail -20 "$log" >&2; exit 1; }
done

run_mix() { # seconds, which (all|reads)
  local pids=() line name file conns mode pace
  for line in "${mix[@]}"; do
    read -r name file conns mode pace <<<"$line"
    if [[ "$2" == reads && "$pace" != 0 ]]; then continue; fi
    NAME="$name" TARGETS="$work/$file" MODE="$mode" PACE_MS="$pace" \
      wrk -t1 -c"$conns" -d"${1}s" --timeout 10s -s bench/Load/mix.lua "$url" >"$work/out-$name" 2>"$work/err-$name" &
    pids+=($!)
  done
  wait "${pids[@]}"
}

echo "== $(nproc) cores (the load generator shares them), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== warm-up (5 s, reads and positions)"
run_mix 5 reads
sql -qAtc "SELECT pg_stat_statements_reset()" "$database" >/dev/null
counts_before="$(sql -At -c "SELECT (SELECT count(*) FROM \"Positions\"), (SELECT count(*) FROM \"Visits\" WHERE \"CheckedInAt\" IS NOT NULL), (SELECT count(*) FROM \"ServiceRecords\")" "$database")"
echo "== mixed load, ${duration} s"
run_mix "$duration" all
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| endpoint | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | non-2xx | socket errors |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
cat "$work"/out-* | awk '$1 == "RESULT" {
  printf "| %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %d | %d |\n", $2, $3, $6, $7, $8, $9, $10, $4, $5
  n += $3; rps += $6; bad += $4; err += $5 }
  END { printf "| **all** | %d | %.1f | | | | | %d | %d |\n", n, rps, bad, err }'
cat "$work"/err-* >&2 || true
counts_after="$(sql -At -c "SELECT (SELECT count(*) FROM \"Positions\"), (SELECT count(*) FROM \"Visits\" WHERE \"CheckedInAt\" IS NOT NULL), (SELECT count(*) FROM \"ServiceRecords\")" "$database")"
echo
echo "rows before/after (positions|checked-in visits|service records): $counts_before -> $counts_after"
echo
echo "== top queries by total time during the mixed load (pg_stat_statements)"
sql -c "SELECT calls, round(total_exec_time::numeric, 0) AS total_ms, round(mean_exec_time::numeric, 2) AS mean_ms, rows,
  regexp_replace(left(query, ${QUERY_CHARS:-300}), '\s+', ' ', 'g') AS query
  FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
  ORDER BY total_exec_time DESC LIMIT ${TOP:-15}" "$database"
if grep -qiE 'fail|exception' "$log"; then echo "== app log has errors:"; grep -iE -m 20 'fail|exception' "$log"; fi

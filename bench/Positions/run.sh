#!/usr/bin/env bash
# Position ingestion over HTTP against PostgreSQL (ATT-1): the app in Release on loopback, a technician logged in,
# wrk posting batches (and then single positions) to POST /api/positions. Prints the figures; not part of the tests.
#   bench/Positions/run.sh            # 20 s of batches of 20 on 4 connections, then 10 s of single positions
#   DURATION=30 BATCH=10 CONNECTIONS=8 bench/Positions/run.sh
# A closed loop: each connection sends its next request when the last one is answered. A phone sends a batch every few
# minutes, so 4 connections already stand for far more phones than the company has; more connections only queue.
# Needs: PostgreSQL (AFTERSALES_BENCH_POSTGRES, default the test server on 127.0.0.1:55432), psql, wrk (apt-get install -y wrk).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
server="${AFTERSALES_BENCH_POSTGRES:-Host=127.0.0.1;Port=55432;Username=postgres}"
database="aftersales_bench_positions"
connection="$server;Database=$database;Maximum Pool Size=64"
port="${PORT:-5391}"
url="http://127.0.0.1:$port"
duration="${DURATION:-20}"
batch="${BATCH:-20}"
connections="${CONNECTIONS:-4}"
threads="${THREADS:-1}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

# A fresh database each run: the host and port are read from the connection string.
pg_host="$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$server")"; pg_port="$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<<"$server")"
pg_user="$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$server")"
psql -h "$pg_host" -p "${pg_port:-5432}" -U "${pg_user:-postgres}" -qc "DROP DATABASE IF EXISTS $database WITH (FORCE)" postgres >/dev/null

./aftersales migrate --connection "$connection" --provider postgres >/dev/null
./aftersales seed-demo --connection "$connection" --provider postgres >/dev/null

log="$(mktemp)"
Attendance__DetectorIntervalSeconds=0 Outbox__IntervalSeconds=0 Logging__LogLevel__Default=Warning \
  dotnet artifacts/app/AfterSales.dll serve --urls "$url" --connection "$connection" --provider postgres >"$log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true; wait $app 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 60); do curl -sf -o /dev/null "$url/login" && break; sleep 1; done

jar="$(mktemp)"
status="$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -H 'Content-Type: application/json' \
  -d '{"login":"tech01","password":"Demo@2026"}' "$url/api/auth/login")"
[[ "$status" == 204 ]] || { echo "log-in failed: $status" >&2; cat "$log" >&2; exit 1; }
cookie="$(awk '!/^#/ && NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep="; " } /^#HttpOnly_/ { printf "%s%s=%s", sep, $6, $7; sep="; " }' "$jar")"
rm -f "$jar"
check="$(curl -s -w ' %{http_code}' -H "Cookie: $cookie" -H 'Content-Type: application/json' \
  -d "{\"positions\":[{\"at\":\"$(date -u +%FT%TZ)\",\"lat\":24.48,\"lng\":118.09,\"accuracy\":5}]}" "$url/api/positions")"
[[ "$check" == *" 200" ]] || { echo "a first post failed: $check" >&2; exit 1; }

echo "== $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== warm-up (5 s)"
COOKIE="$cookie" BATCH="$batch" wrk -t"$threads" -c"$connections" -d5s -s bench/Positions/post.lua "$url/api/positions" >/dev/null
echo "== batches of $batch positions, $connections connections, ${duration} s"
COOKIE="$cookie" BATCH="$batch" wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s bench/Positions/post.lua "$url/api/positions" | grep -E "RESULT|Non-2xx|Socket errors" || true
echo "== single positions, $connections connections, 10 s"
COOKIE="$cookie" BATCH=1 wrk -t"$threads" -c"$connections" -d10s --latency -s bench/Positions/post.lua "$url/api/positions" | grep -E "RESULT|Non-2xx|Socket errors" || true
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
stored="$(psql -h "$pg_host" -p "${pg_port:-5432}" -U "${pg_user:-postgres}" -Atc 'SELECT count(*) FROM "Positions"' "$database")"
echo "positions stored: $stored"

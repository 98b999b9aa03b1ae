#!/usr/bin/env bash
# Fault run (issue 12, "Faults"): phones post position batches with Idempotency-Key while (1) the app is killed with
# kill -9 and restarted, (2) PostgreSQL is stopped and started under the running app. Then it counts, in the database,
# every success-answered batch (present with all its rows), duplicates, half-written batches. See bench/Load/faults.py.
#   bench/Load/pg.sh start; bench/Load/faults.sh        # PHONES=10 BATCH=5 PHASE_SECONDS=24 RETRY_SECONDS=30
# Uses our own PostgreSQL only (bench/Load/pg.sh): it stops and starts that server. Never point it at a shared one.
# The database is a clone of the scaled one of bench/Load/run.sh when it exists (REUSE-able), else a fresh demo company.
# Exit status 1 when anything was lost, duplicated or half-written.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
for tool in psql curl dotnet python3; do command -v "$tool" >/dev/null || { echo "$tool is missing" >&2; exit 1; }; done
server="${AFTERSALES_BENCH_POSTGRES:-Host=127.0.0.1;Port=55460;Username=postgres}"
pg_host="$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$server")"; pg_port="$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<<"$server")"
pg_user="$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$server")"
[[ "${pg_port:-5432}" == "${PG_PORT:-55460}" ]] || { echo "faults.sh stops and starts PostgreSQL: it only runs against bench/Load/pg.sh's server (port ${PG_PORT:-55460})" >&2; exit 1; }
sql() { psql -h "$pg_host" -p "${pg_port:-5432}" -U "${pg_user:-postgres}" -X -v ON_ERROR_STOP=1 "$@"; }
sql -Atc 'SELECT 1' postgres >/dev/null || { echo "PostgreSQL not reachable at $server (bench/Load/pg.sh start)" >&2; exit 1; }
database="aftersales_faults"
port="${PORT:-5461}"
sql -qc "DROP DATABASE IF EXISTS $database WITH (FORCE)" postgres
if [[ -n "$(sql -Atc "SELECT 1 FROM pg_database WHERE datname = 'aftersales_load_scaled'" postgres)" ]]; then
  sql -qc "CREATE DATABASE $database TEMPLATE aftersales_load_scaled" postgres
  echo "== database: a clone of the scaled company (aftersales_load_scaled)"
else
  sql -qc "CREATE DATABASE $database" postgres
  ./aftersales migrate --connection "$server;Database=$database" --provider postgres >/dev/null
  ./aftersales seed-demo --connection "$server;Database=$database" --provider postgres >/dev/null
  echo "== database: a fresh demo company (run bench/Load/run.sh first for the scaled one)"
fi
[[ -f artifacts/app/AfterSales.dll ]] || ./aftersales --help >/dev/null
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
export URL="http://127.0.0.1:$port" APP_LOG="$log"
# Short connection timeouts so that requests fail fast while the database is down (a phone retries anyway).
export APP_CMD="env Attendance__DetectorIntervalSeconds=0 Outbox__IntervalSeconds=0 Logging__LogLevel__Default=Warning RateLimits__LogInsPerMinute=100000 \
  dotnet $root/artifacts/app/AfterSales.dll serve --urls $URL --connection '$server;Database=$database;Maximum Pool Size=50;Timeout=5' --provider postgres"
export PSQL="psql -h $pg_host -p ${pg_port:-5432} -U ${pg_user:-postgres} -X -v ON_ERROR_STOP=1 $database"
export PG_CTL="$root/bench/Load/pg.sh"
set +e
python3 bench/Load/faults.py
status=$?
set -e
# Expected while PostgreSQL is down: 57P01/57P03 and connection refused. Anything else is worth a look.
echo "== app log: $(grep -c '^fail:' "$log" || true) errors logged; kinds:"
grep -oE 'Npgsql[A-Za-z.]*Exception[^:]*: [0-9A-Z]{5}: [^.]*|Unhandled exception[^.]*|SocketException[^.]*' "$log" | sort | uniq -c | sort -rn | sed -n 1,10p || true
exit $status

#!/usr/bin/env bash
# sqlmap against the API on loopback (issue 12): the app in Release on its own database (SQLite file, then a PostgreSQL
# database created and dropped here), the demo company seeded, sqlmap in batch mode against a chosen set of endpoints:
# list filters, ids in the path, JSON bodies, the log-in itself (anonymous), as a manager, a technician and the admin.
# Prints one verdict per target (sqlmap's own words) and exits 1 if sqlmap reports any injection point, 2 if a target
# could not be tested. Findings and the list of targets: docs/security-scan.md.
#   bench/Security/sqlmap.sh                    # both databases, --level 3 --risk 2
#   bench/Security/sqlmap.sh sqlite             # or: postgres
#   LEVEL=5 RISK=3 ONLY='customers' bench/Security/sqlmap.sh sqlite   # ONLY: a regex of target names
# Needs: sqlmap (apt-get install -y sqlmap), curl, python3, psql (for PostgreSQL: AFTERSALES_SQLMAP_POSTGRES, default
# the test server on 127.0.0.1:55432). Writes sqlmap's logs under artifacts/sqlmap/<provider>/ (RESULTS to change it).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
if [[ $# -gt 0 ]]; then providers=("$@"); else providers=(sqlite postgres); fi
level="${LEVEL:-3}"
risk="${RISK:-2}"
threads="${THREADS:-1}"
only="${ONLY:-}"
results="${RESULTS:-$root/artifacts/sqlmap}"
server="${AFTERSALES_SQLMAP_POSTGRES:-Host=127.0.0.1;Port=55432;Username=postgres}"
database="aftersales_sqlmap"
password="Demo@2026"
for tool in sqlmap curl python3; do command -v "$tool" >/dev/null || { echo "$tool is missing (sqlmap: apt-get install -y sqlmap)" >&2; exit 2; }; done

# Build once (the ./aftersales wrapper publishes when the sources changed), then run the published app directly.
./aftersales --help >/dev/null

pg_host="$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$server")"; pg_port="$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<<"$server")"
pg_user="$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$server")"
psql_admin() { PGOPTIONS=--client-min-messages=warning psql -h "$pg_host" -p "${pg_port:-5432}" -U "${pg_user:-postgres}" -qAt "$@"; }

app=""
work="$(mktemp -d)"
cleanup() {
  if [[ -n "$app" ]]; then kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; app=""; fi
  if [[ " ${providers[*]} " == *" postgres "* ]] && command -v psql >/dev/null; then
    psql_admin -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" postgres >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

json() { python3 -c 'import json,sys; d=json.load(sys.stdin); print(eval(sys.argv[1], {"d": d}))' "$1"; }

# Logs in through POST /api/auth/login; prints the cookie header value.
log_in() {
  local jar="$work/jar" status
  status="$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -H 'Content-Type: application/json' \
    -d "{\"login\":\"$1\",\"password\":\"$password\"}" "$url/api/auth/login")"
  [[ "$status" == 204 ]] || { echo "log-in of $1 failed: $status" >&2; exit 2; }
  awk '!/^#/ && NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep="; " } /^#HttpOnly_/ { printf "%s%s=%s", sep, $6, $7; sep="; " }' "$jar"
  rm -f "$jar"
}

get() { curl -sf -H "Cookie: $1" "$url$2"; }

# target NAME WHO METHOD PATH [JSON-BODY] [EXTRA-SQLMAP-OPTIONS...]
#   WHO: anonymous | manager | technician | admin. '*' marks each injection point (path, query or body).
#   Targets without '*' in a query let sqlmap test every query parameter.
target() {
  local name="$1" who="$2" method="$3" path="$4" body="${5:-}"
  shift 4; [[ $# -gt 0 ]] && shift
  [[ -n "$only" && ! "$name" =~ $only ]] && return 0
  local cookie=""
  case "$who" in
    manager) cookie="$manager" ;; technician) cookie="$technician" ;; admin) cookie="$admin" ;; anonymous) ;;
    *) echo "unknown caller $who" >&2; exit 2 ;;
  esac
  local log="$dir/$name.log"
  local args=(-u "$url$path" --method "$method" --batch --level "$level" --risk "$risk" --threads "$threads"
    --dbms "$dbms" --flush-session --output-dir "$dir/output" --disable-coloring --skip-waf --drop-set-cookie --ignore-stdin -v 1)
  [[ -n "$cookie" ]] && args+=(--cookie "$cookie")
  [[ -n "$body" ]] && args+=(--data "$body" -H "Content-Type: application/json")
  # The session cookie, User-Agent and Referer are tested once (target login-headers); elsewhere only the app's parameters.
  [[ "$name" != login-headers ]] && args+=(--skip "user-agent,referer,host,cookie")
  args+=("$@")
  # What the request answers before any payload (the markers taken out).
  local plain_path="${path//\*/}" plain_body="${body//\*/}" curl_args=(-s -o /dev/null -w '%{http_code}' -X "$method")
  [[ -n "$cookie" ]] && curl_args+=(-H "Cookie: $cookie")
  [[ -n "$body" ]] && curl_args+=(-H 'Content-Type: application/json' --data "$plain_body")
  local baseline; baseline="$(curl "${curl_args[@]}" "$url$plain_path")"
  local started=$SECONDS
  sqlmap "${args[@]}" >"$log" 2>&1 || true
  local seconds=$((SECONDS - started)) row
  row="$(python3 - "$log" "$path" "$body" <<'PY'
import re, sys
log, path, body = open(sys.argv[1], errors="replace").read(), sys.argv[2], sys.argv[3]
# The injection points as the request names them: a query parameter, a JSON field, or a path segment.
def points(text, json):
    names = []
    for m in re.finditer(r"\*", text):
        before = text[:m.start()]
        key = re.search(r'"(\w+)"\s*:\s*"?[^"]*$', before) if json else re.search(r"[?&](\w+)=[^&]*$", before)
        names.append(("body " if json else "") + key.group(1) if key else "path " + before.rsplit("/", 1)[-1].split("?")[0])
    return names
marked = points(path, False) + points(body, True)
# sqlmap's names: GET parameters by name, markers as '#1*' (URI) and 'JSON #1*' (body), counted per place.
uri = [n for n in marked if not n.startswith("body ")]; js = [n for n in marked if n.startswith("body ")]
def label(place, name):
    m = re.fullmatch(r"(?:JSON )?#(\d+)\*", name)
    if not m: return name
    pool = uri if place == "URI" else js
    i = int(m.group(1)) - 1
    return pool[i] if i < len(pool) else name
tested = [label(place, n) for place, n in re.findall(r"(?:\(custom\) )?(\w+)? ?parameter '([^']+)' does not seem to be injectable", log)]
codes = re.search(r"HTTP error codes detected during run:\s*\n?(.*)", log)
if "identified the following injection point" in log:
    verdict = "INJECTABLE: " + "; ".join(sorted(set(re.findall(r"^Parameter: (.*)$", log, re.M))))
elif "all tested parameters do not appear to be injectable" in log:
    verdict = "all tested parameters do not appear to be injectable"
else:
    critical = re.findall(r"\[CRITICAL\] (.*)", log)
    verdict = "NOT TESTED: " + (critical[-1] if critical else "no verdict in the log")
print("|".join([", ".join(tested) or "-", codes.group(1).strip() if codes else "none", verdict]))
PY
)"
  local tested="${row%%|*}" rest="${row#*|}"
  local codes="${rest%%|*}" verdict="${rest#*|}"
  [[ "$verdict" == INJECTABLE* ]] && found=1
  [[ "$verdict" == "NOT TESTED"* ]] && untested=1
  printf '| %s | %s | %s | `%s` | %s | %s | %s | %s | %s |\n' "$provider" "$name" "$who" "$method ${path//\|/%7C}" "$baseline" \
    "$tested" "$codes" "$seconds" "$verdict" | tee -a "$summary"
}

run_provider() {
  provider="$1"
  local port connection
  case "$provider" in
    sqlite) port="${PORT_SQLITE:-5471}"; dbms=SQLite; connection="Data Source=$work/sqlmap.db" ;;
    postgres) port="${PORT_POSTGRES:-5472}"; dbms=PostgreSQL; connection="$server;Database=$database"
      command -v psql >/dev/null || { echo "psql is missing" >&2; exit 2; }
      psql_admin -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" postgres >/dev/null ;;
    *) echo "unknown provider $provider (sqlite | postgres)" >&2; exit 2 ;;
  esac
  url="http://127.0.0.1:$port"
  dir="$results/$provider"
  rm -rf "$dir"; mkdir -p "$dir"
  ./aftersales migrate --connection "$connection" --provider "$provider" >/dev/null
  ./aftersales seed-demo --connection "$connection" --provider "$provider" >/dev/null
  # sqlmap sends thousands of log-ins and public-link requests: the per-address limits would answer 429 instead.
  RateLimits__LogInsPerMinute=100000 RateLimits__PublicLinksPerMinute=100000 \
  Attendance__DetectorIntervalSeconds=0 Outbox__IntervalSeconds=0 Logging__LogLevel__Default=Warning \
    dotnet artifacts/app/AfterSales.dll serve --urls "$url" --connection "$connection" --provider "$provider" >"$dir/app.log" 2>&1 &
  app=$!
  for _ in $(seq 1 90); do curl -sf -o /dev/null "$url/Identity/Login" && break; sleep 1; done
  curl -sf -o /dev/null "$url/Identity/Login" || { echo "the app did not start" >&2; cat "$dir/app.log" >&2; exit 2; }

  manager="$(log_in fj.manager)"; technician="$(log_in tech01)"; admin="$(log_in admin)"
  # Real ids and values of the demo company, so that each request is a valid one before sqlmap changes it.
  local customer other other_technician site workorder tech_order tech_version tech_customer staff product equipment region account month
  customer="$(get "$manager" '/api/customers?pageSize=1' | json 'd["items"][0]["id"]')"
  other="$(get "$manager" '/api/customers?pageSize=2' | json 'd["items"][1]["id"]')"
  other_technician="$(get "$manager" "/api/customers/$other" | json 'd["technicianId"] or "null"')"
  site="$(get "$manager" "/api/customers/$customer" | json 'd["sites"][0]["id"]')"
  region="$(get "$manager" "/api/customers/$customer" | json 'd["regionId"]')"
  workorder="$(get "$manager" '/api/work-orders?pageSize=1' | json 'd["items"][0]["id"]')"
  tech_order="$(get "$technician" '/api/work-orders?open=true&pageSize=1' | json 'd["items"][0]["id"]')"
  tech_version="$(get "$technician" '/api/work-orders?open=true&pageSize=1' | json 'd["items"][0]["version"]')"
  tech_customer="$(get "$technician" '/api/customers?pageSize=1' | json 'd["items"][0]["id"]')"
  staff="$(get "$technician" '/api/auth/me' | json 'd["staffId"]')"
  product="$(get "$manager" '/api/products?pageSize=1' | json 'd["items"][0]["id"]')"
  equipment="$(get "$manager" '/api/equipment?pageSize=1' | json 'd["items"][0]["id"]')"
  account="$(get "$admin" '/api/admin/users?q=tech02' | json 'd["items"][0]["id"]')"
  month="$(date +%Y-%m)"

  echo "== $provider: sqlmap $(sqlmap --version 2>/dev/null | head -1), --level $level --risk $risk --threads $threads --dbms $dbms, $url"
  echo "| Database | Target | Caller | Request | Status before | Parameters tested | HTTP errors during run | Seconds | sqlmap's verdict |" | tee -a "$summary"
  echo "|---|---|---|---|---|---|---|---|---|" | tee -a "$summary"

  # Anonymous: the log-in (JSON body, then its headers), the public links' tokens in the path.
  target login-body anonymous POST /api/auth/login '{"login":"tech05*","password":"Demo@2026*"}' --ignore-code 401,423
  target login-headers anonymous POST /api/auth/login '{"login":"tech04","password":"Demo@2026"}' --ignore-code 401,423 --skip login,password
  target sign-link anonymous GET '/r/abcdefghijklmnop*' '' --ignore-code 404
  target survey-link anonymous GET '/s/abcdefghijklmnop*' '' --ignore-code 404
  target verify-link anonymous GET '/v/R2026000001*/0123456789abcdef*' '' --ignore-code 404

  # Manager (fj.manager): list endpoints with q, filters and paging; ids and strings in the path; JSON bodies.
  target work-orders-list manager GET "/api/work-orders?q=FJ&state=New&kind=Installation&regionId=$region&technicianId=$staff&overdue=false&open=true&page=1&pageSize=20"
  target customers-list manager GET "/api/customers?q=%E5%8E%A6%E9%97%A8&regionId=$region&technicianId=$staff&page=1&pageSize=20"
  target equipment-list manager GET "/api/equipment?q=A&kind=Boiler&productId=$product&warranty=active&customerId=$customer&page=1&pageSize=20"
  target staff-list manager GET "/api/staff?q=tech&role=Technician&regionId=$region&active=true&page=1&pageSize=20"
  target incidents-list manager GET "/api/assessment/incidents?personId=$staff&kind=daily_report_missing&state=Recorded&month=$month&page=1&pageSize=20"
  target stock-items-list manager GET "/api/stock/items?q=P&kind=Part&page=1&pageSize=20"
  target records-list manager GET "/api/records?q=R&kind=Installation&signed=false&technicianId=$staff&page=1&pageSize=20"
  target trips-list manager GET "/api/trips?q=T&state=Planned&travellerId=$staff&awaiting=false&page=1&pageSize=20"
  target leads-list manager GET "/api/leads?q=L&state=New&page=1&pageSize=20"
  target callbacks-list manager GET "/api/callbacks?q=C&done=false&regionId=$region&page=1&pageSize=20"
  target receipts-list manager GET "/api/receipts?q=S&state=Draft&technicianId=$staff&workOrderId=$workorder&page=1&pageSize=20"
  target resignations-list manager GET "/api/people/resignations?q=R&state=Submitted&page=1&pageSize=20"
  target products-list manager GET "/api/products?q=P&category=Boiler&active=true&page=1&pageSize=20"
  target dispatch-board manager GET "/api/dispatch/board?region=FJ&day=$(date +%F)"
  target work-order-id manager GET "/api/work-orders/$workorder*"
  target customer-site-ids manager GET "/api/customers/$customer*/sites/$site*"
  target month-statement manager GET "/api/assessment/months/$month*"
  # A code (staff number, phone) must be new for the create to get past its check to the INSERT: sqlmap's --eval gives each
  # request a fresh one, unless that field is the one being injected (then it is left as sqlmap made it: None changes nothing).
  target customer-create manager POST /api/customers \
    "{\"code\":\"SQLMAP1*\",\"name\":\"sqlmap probe*\",\"phone\":\"13800000000*\",\"regionId\":$region,\"technicianId\":null,\"soldBy\":\"shop*\",\"notes\":\"note*\"}" \
    --eval "import random; body = _locals['post'] or ''; code = 'SQLMAP%d' % random.randint(1000000, 9999999) if '\"code\":\"SQLMAP1\"' in body else None; del body"
  target customer-update manager PUT "/api/customers/$other" \
    "{\"code\":\"SQLMAP2*\",\"name\":\"sqlmap probe*\",\"phone\":\"13800000001*\",\"regionId\":$region,\"technicianId\":$other_technician,\"soldBy\":null,\"notes\":\"note*\",\"version\":0}"
  target work-order-intake manager POST /api/work-orders \
    "{\"kind\":\"Installation*\",\"customerId\":$customer,\"siteId\":$site,\"description\":\"sqlmap probe*\"}"
  target stock-item-create manager POST /api/stock/items '{"code":"SQLMAP-1*","name":"probe*","kind":"Part","unit":"pc*","unitPrice":1.5}' \
    --eval "import random; body = _locals['post'] or ''; code = 'SQLMAP-%d' % random.randint(1000000, 9999999) if '\"code\":\"SQLMAP-1\"' in body else None; del body"

  # Technician (tech01): own lists, a position batch, a lead, a contact note on an own job.
  target tech-work-orders technician GET '/api/work-orders?q=FJ*&open=true'
  target tech-equipment-near technician GET '/api/equipment/near?lat=24.48&lng=118.09'
  target positions technician POST /api/positions \
    "{\"staffId\":$staff,\"positions\":[{\"at\":\"$(date -u +%FT%TZ)*\",\"lat\":24.48,\"lng\":118.09,\"accuracy\":5}]}"
  target lead-create technician POST /api/leads "{\"customerId\":$tech_customer,\"siteId\":null,\"wants\":\"a second boiler*\",\"estimatedValue\":1000}"
  target work-order-contact technician POST "/api/work-orders/$tech_order*/contacts" \
    "{\"outcome\":\"Reached*\",\"constructionProgress\":\"walls*\",\"notes\":\"sqlmap probe*\",\"version\":$tech_version}"

  # Admin: accounts (string ids), a new staff member, the outbox's filters.
  target accounts-list admin GET '/api/admin/users?q=tech*&page=1&pageSize=20'
  target account-id admin GET "/api/admin/users/$account*"
  target staff-create admin POST /api/staff \
    "{\"staffNumber\":\"Q900*\",\"name\":\"sqlmap probe*\",\"phone\":\"137-0000-0001*\",\"role\":\"Technician*\",\"regionId\":$region,\"managerId\":null,\"skillLevel\":1,\"hireDate\":\"2026-11-01\"}" \
    --eval "import random; body = _locals['post'] or ''; staffNumber = 'Q%d' % random.randint(100000, 999999) if '\"staffNumber\":\"Q900\"' in body else None; phone = '137-%04d-%04d' % (random.randint(0, 9999), random.randint(0, 9999)) if '\"phone\":\"137-0000-0001\"' in body else None; del body"
  target outbox-list admin GET "/api/outbox?q=x&topic=sms&from=$(date +%F)&to=$(date +%F)&page=1&pageSize=20"

  kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; app=""
  [[ "$provider" == postgres ]] && psql_admin -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" postgres >/dev/null
  return 0
}

found=0; untested=0
mkdir -p "$results"
summary="$results/summary.md"
: >"$summary"
for p in "${providers[@]}"; do run_provider "$p"; echo | tee -a "$summary"; done
echo "Verdicts: $summary; sqlmap's logs: $results/<database>/<target>.log"
if [[ $found == 1 ]]; then echo "sqlmap reported an injection point" >&2; exit 1; fi
if [[ $untested == 1 ]]; then echo "a target could not be tested" >&2; exit 2; fi
echo "no injection found"

#!/usr/bin/env bash
# The load benchmark's own PostgreSQL (never the shared test server): bench/Load/pg.sh start|stop|restart|status
# Data in /tmp/load-pg (PG_DIR), port 55460 (PG_PORT), pg_stat_statements loaded. fsync stays on: the fault run
# (bench/Load/faults.sh) kills processes and counts what survived, which only means something with durable commits.
set -euo pipefail
dir="${PG_DIR:-/tmp/load-pg}"
port="${PG_PORT:-55460}"
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[[ -n "$bin" && -x "$bin/pg_ctl" ]] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
as=()
if [[ $(id -u) -eq 0 ]]; then as=(runuser -u postgres --); fi
start() {
  mkdir -p "$dir/data" "$dir/sock"
  if [[ $(id -u) -eq 0 ]]; then chown -R postgres: "$dir"; fi
  if [[ ! -f "$dir/data/PG_VERSION" ]]; then
    "${as[@]}" "$bin/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C.UTF-8 --auth=trust >/dev/null
  fi
  if ! "${as[@]}" "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "-p $port -k $dir/sock -c listen_addresses=127.0.0.1 \
      -c max_connections=300 -c shared_preload_libraries=pg_stat_statements -c shared_buffers=1GB -c max_wal_size=4GB" start >/dev/null \
      || { echo "PostgreSQL did not start; see $dir/server.log" >&2; exit 1; }
  fi
}
stop() { "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m "${MODE:-fast}" -w stop >/dev/null; }
case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) "${as[@]}" "$bin/pg_ctl" -D "$dir/data" status ;;
  *) echo "usage: $0 start|stop|restart|status" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# Start (creating it on first use) a project-local PostgreSQL cluster with the machine's binaries.
#   scripts/pg.sh start DATA_DIR PORT [fast]   "fast" turns off fsync for throwaway test clusters
#   scripts/pg.sh stop DATA_DIR
# start also creates the database named by $PGDATABASE (default normdiff) if it is missing.
set -euo pipefail
cmd=$1 data=$(realpath -m "$2") port=${3:-54329} mode=${4:-}

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ] && command -v pg_ctl >/dev/null; then bindir=$(dirname "$(command -v pg_ctl)"); fi
if [ -z "$bindir" ]; then
  echo "pg.sh: no PostgreSQL binaries found; install them (Debian: apt-get install -y postgresql) or set DATABASE_URL" >&2
  exit 1
fi

as_owner() {  # PostgreSQL refuses to run as root: use the postgres user then
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
start)
  mkdir -p "$data"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$data"
  if [ ! -f "$data/PG_VERSION" ]; then
    as_owner "$bindir/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    opts="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$data"
    if [ "$mode" = fast ]; then opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"; fi
    as_owner "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -o "$opts" -w start >/dev/null
    echo "PostgreSQL running on 127.0.0.1:$port (data in $data)"
  fi
  db=${PGDATABASE:-normdiff}
  if [ -z "$("$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -Atc "select 1 from pg_database where datname = '$db'")" ]; then
    "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres "$db"
  fi
  ;;
stop)
  if [ -f "$data/PG_VERSION" ]; then as_owner "$bindir/pg_ctl" -D "$data" -m fast stop >/dev/null 2>&1 || true; fi
  ;;
*)
  echo "usage: $0 start|stop DATA_DIR [PORT] [fast]" >&2; exit 2 ;;
esac

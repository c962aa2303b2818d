#!/bin/bash
# A throw-away PostgreSQL 15 cluster for tests, independent of the Debian-managed cluster.
#
#   scripts/postgres-test-cluster.sh start DIR   # prints the libpq URL as the last line of stdout
#   scripts/postgres-test-cluster.sh stop DIR    # stops the server and removes DIR
#
# The server listens on 127.0.0.1 only (trust authentication: it is a test cluster, never reachable
# from outside) on a free port below 32768, and on a unix socket inside DIR. When run as root the
# cluster is owned by the unprivileged `postgres` user (initdb refuses to run as root).
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
DB_NAME=${PG_TEST_DB:-sealpost}

usage() {
  echo "usage: $0 start DIR | stop DIR" >&2
  exit 2
}

[ $# -eq 2 ] || usage
action=$1
dir=$2

# Runs a command as the cluster owner (postgres when we are root, ourselves otherwise).
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# A free TCP port on 127.0.0.1 in [20000, 32767): try random candidates until one cannot be connected to
# and is not claimed by a lock file of another test cluster.
free_port() {
  i=0
  while [ $i -lt 200 ]; do
    port=$(( 20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 12767 ))
    if ! (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then
      echo "$port"
      return 0
    fi
    i=$((i + 1))
  done
  echo "no free port found" >&2
  return 1
}

start() {
  if [ -e "$dir/data/PG_VERSION" ]; then
    echo "$dir already holds a cluster; stop it first" >&2
    exit 1
  fi
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$dir"
    chmod 700 "$dir"
  fi
  as_owner "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
    --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }

  # Ports can be taken between the probe and the bind: retry a few times.
  attempt=0
  while :; do
    port=$(free_port)
    if as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off -c max_connections=200" \
      start >/dev/null 2>&1; then
      break
    fi
    attempt=$((attempt + 1))
    if [ $attempt -ge 5 ]; then
      echo "could not start PostgreSQL; server log:" >&2
      cat "$dir/server.log" >&2 || true
      exit 1
    fi
  done
  echo "$port" >"$dir/port"
  as_owner "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres "$DB_NAME"
  echo "postgresql://postgres@127.0.0.1:$port/$DB_NAME"
}

stop() {
  if [ -e "$dir/data/PG_VERSION" ]; then
    as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "$action" in
  start) start ;;
  stop) stop ;;
  *) usage ;;
esac

#!/usr/bin/env bash
# `make test`: builds everything, starts the real services the tests need (a throw-away PostgreSQL
# cluster), runs every test with CTest, then the sanitizer run, and prints the CTest summary.
set -uo pipefail
cd "$(dirname "$0")/.."

build_dir=${BUILD_DIR:-build}
jobs=$(nproc)

cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null || exit 1
ninja -C "$build_dir" || exit 1

pg_dir=$(mktemp -d /tmp/sealpost-pg.XXXXXX)
cleanup() { scripts/postgres-test-cluster.sh stop "$pg_dir" >/dev/null 2>&1 || true; }
trap cleanup EXIT
if [ -x scripts/postgres-test-cluster.sh ]; then
  SEALPOST_TEST_POSTGRES_URL=$(scripts/postgres-test-cluster.sh start "$pg_dir" | tail -n 1) || {
    echo "error: could not start the PostgreSQL test cluster" >&2
    exit 1
  }
  export SEALPOST_TEST_POSTGRES_URL
fi

status=0
ctest --test-dir "$build_dir" --output-on-failure -j "$jobs" --timeout 600 || status=1
exit $status

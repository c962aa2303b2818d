#!/usr/bin/env bash
# `make test`: builds everything, starts the real services the tests need (a throw-away PostgreSQL
# cluster), runs the sanitizer build's tests, then every test of the normal build, and ends with that
# CTest summary.
set -uo pipefail
cd "$(dirname "$0")/.."

build_dir=${BUILD_DIR:-build}
asan_dir=${ASAN_BUILD_DIR:-build-asan}
jobs=$(nproc)
# ccache hits across checkouts in different folders (CI clones afresh each time).
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1

cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null || exit 1
ninja -C "$build_dir" || exit 1

pg_dir=$(mktemp -d /tmp/sealpost-pg.XXXXXX)
cleanup() { scripts/postgres-test-cluster.sh stop "$pg_dir" >/dev/null 2>&1 || true; }
trap cleanup EXIT
SEALPOST_TEST_POSTGRES_URL=$(scripts/postgres-test-cluster.sh start "$pg_dir" | tail -n 1) || {
  echo "error: could not start the PostgreSQL test cluster" >&2
  exit 1
}
export SEALPOST_TEST_POSTGRES_URL

status=0

# AddressSanitizer + UndefinedBehaviorSanitizer over the pure code, the adapters and the use cases.
if [ "${SEALPOST_SKIP_SANITIZERS:-0}" != 1 ]; then
  echo "== sanitizer run (ASan + UBSan) =="
  cmake -S . -B "$asan_dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DSEALPOST_SANITIZE=ON >/dev/null || exit 1
  sanitized=(unit_common unit_domain unit_merkle unit_app adapter_crypto adapter_evidence adapter_blob adapter_kbo adapter_identity adapter_mail adapter_pdf adapter_invoice adapter_payment contract_storage unit_http unit_ui)
  # The binary too: some suites run `sealpost verify` as an independent checker.
  ninja -C "$asan_dir" sealpost "${sanitized[@]}" || exit 1
  label_regex=$(IFS='|'; echo "^(${sanitized[*]})\$")
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    LSAN_OPTIONS="suppressions=$PWD/tests/sanitizer/lsan.supp:print_suppressions=0" \
    ctest --test-dir "$asan_dir" -L "$label_regex" --output-on-failure -j "$jobs" --timeout 900 >"$asan_dir/ctest.log" 2>&1
  asan_status=$?
  echo "sanitizer run: $(grep -E "tests passed" "$asan_dir/ctest.log" || echo "no summary")"
  if [ $asan_status -ne 0 ]; then
    grep -E 'Failed|\*\*\*' "$asan_dir/ctest.log" | head -50
    status=1
  fi
fi

echo "== all tests =="
ctest --test-dir "$build_dir" --output-on-failure -j "$jobs" --timeout 900 || status=1
exit $status

#!/usr/bin/env bash
# `make bench`: micro-benchmarks of the per-evidence costs, then a load test of POST /api/v1/items
# against a fresh demo server on this machine (127.0.0.1, throw-away data directory):
#   1. saturation: closed loop, 16 keep-alive connections, 20 s  -> maximum submissions/s
#   2. open loop at half that rate (and at 500/s when the maximum is above 1000), 20 s -> latency
# Every item: one registered recipient (3 sealed, time-stamped evidences) and a 64 KB PDF, durable
# (fsync'd) before the 201. Not a test: nothing here runs under `make test`.
# Environment: BUILD_DIR (build), BENCH_SECONDS (20), BENCH_CONCURRENCY (16), BENCH_MICRO (1: run the
# micro-benchmarks), BENCH_MIN_TIME (0.5).
set -uo pipefail
cd "$(dirname "$0")/.."

build_dir=${BUILD_DIR:-build}
seconds=${BENCH_SECONDS:-20}
concurrency=${BENCH_CONCURRENCY:-16}
run_micro=${BENCH_MICRO:-1}
min_time=${BENCH_MIN_TIME:-0.5}

if [ ! -f "$build_dir/build.ninja" ]; then
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null || exit 1
fi
ninja -C "$build_dir" sealpost sealpost-load sealpost-microbench || exit 1

echo "== machine"
echo "cpus:    $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "memory:  $(awk '/MemTotal/{printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
echo "kernel:  $(uname -r)"
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git status --porcelain 2>/dev/null | head -1)" ]; then commit="$commit (with uncommitted changes)"; fi
echo "commit:  $commit"
echo "build:   $(grep -m1 '^CMAKE_BUILD_TYPE' "$build_dir/CMakeCache.txt" | cut -d= -f2)"
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews the figures)"

if [ "$run_micro" = 1 ]; then
  echo
  echo "== micro-benchmarks (in process; a registered-recipient submission = 3 seals + 1 blob + 1 commit)"
  timeout 600 "$build_dir/sealpost-microbench" --benchmark_min_time="$min_time" 2>&1 |
    grep -v -e '^\*\*\*WARNING\*\*\* Library was built as DEBUG' || echo "(micro-benchmarks failed)"
fi

data_dir=$(mktemp -d "${TMPDIR:-/tmp}/sealpost-bench.XXXXXX")
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$data_dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$build_dir/sealpost" serve --demo --data "$data_dir" --port 0 >"$data_dir/server.log" 2>&1 &
server_pid=$!
port=""
for _ in $(seq 1 300); do
  port=$(grep -o 'listening on http://localhost:[0-9]*' "$data_dir/server.log" 2>/dev/null | grep -o '[0-9]*$' || true)
  [ -n "$port" ] && break
  if ! kill -0 "$server_pid" 2>/dev/null; then break; fi
  sleep 0.1
done
if [ -z "$port" ]; then
  echo "error: the server did not start:" >&2
  cat "$data_dir/server.log" >&2
  exit 1
fi
key=$(awk '/^sender /{print $2}' "$data_dir/demo-api-keys.txt")
# Every submission debits its deliveries in the ledger. The demo credit (EUR 1,000) pays for fewer
# than 200 deliveries, far fewer than a run submits: give Demo Sender NV a postpaid billing plan
# whose credit limit (EUR 10 million) no run reaches, so that every submission still records its
# debit, under the same balance lock, as in production.
if ! "$build_dir/sealpost" admin set-billing-plan 0403019261 postpaid --credit-limit 10000000 \
    --demo --data "$data_dir" >/dev/null; then
  echo "error: could not set the billing plan of the demo sender" >&2
  exit 1
fi
url="http://127.0.0.1:$port/api/v1/items"
echo
echo "== load test: POST $url (server pid $server_pid, data in $data_dir on $(df -T "$data_dir" | awk 'NR==2{print $2}'))"

ticks=$(getconf CLK_TCK)
server_cpu_ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat" 2>/dev/null || echo 0; }

declare -a rows=()
# run NAME ARGS... : runs the load generator, prints its report and the server's CPU use.
run() {
  local name=$1
  shift
  echo
  echo "-- $name"
  local before after start end out result
  before=$(server_cpu_ticks)
  start=$(date +%s.%N)
  out=$(timeout $((seconds + 120)) "$build_dir/sealpost-load" --url "$url" --key "$key" --duration "$seconds" \
    --attachment-kb 64 --recipient-registered "$@")
  end=$(date +%s.%N)
  after=$(server_cpu_ticks)
  echo "$out" | grep -v '^RESULT '
  result=$(echo "$out" | grep '^RESULT ' | tail -1)
  local successes cpu_pct cpu_ms
  successes=$(echo "$result" | sed -n 's/.* successes=\([0-9]*\).*/\1/p')
  cpu_pct=$(awk -v a="$after" -v b="$before" -v t="$ticks" -v s="$start" -v e="$end" \
    'BEGIN{printf "%.0f", 100 * (a - b) / t / (e - s)}')
  cpu_ms=$(awk -v a="$after" -v b="$before" -v t="$ticks" -v n="${successes:-0}" \
    'BEGIN{if (n > 0) printf "%.2f", 1000 * (a - b) / t / n; else print "-"}')
  echo "  server CPU      ${cpu_pct}% (of $(($(nproc) * 100))%), ${cpu_ms} ms CPU per submission"
  rows+=("$name|$result|$cpu_pct")
  last_result=$result
}
field() { echo "$1" | sed -n "s/.* $2=\([0-9.]*\).*/\1/p"; }

last_result=""
run "saturation (closed loop, $concurrency connections)" --concurrency "$concurrency" --warmup 2
max_rate=$(field "$last_result" rate)
max_rate=${max_rate:-0}
half=$(awk -v r="$max_rate" 'BEGIN{printf "%d", r / 2}')
if [ "$half" -ge 1 ]; then
  run "open loop at $half/s (half the maximum)" --rate "$half" --concurrency 64
fi
if awk -v r="$max_rate" 'BEGIN{exit !(r > 1000)}'; then
  run "open loop at 500/s" --rate 500 --concurrency 64
fi

echo
echo "== summary (aim: >= 1000 submissions/s at saturation; p99 < 50 ms at half that rate)"
printf '%-44s %9s %8s %7s %8s %8s %8s %8s %8s %6s\n' run "subm/s" ok errors p50_ms p90_ms p99_ms p99.9_ms max_ms srvCPU
for row in "${rows[@]}"; do
  IFS='|' read -r name result cpu <<<"$row"
  printf '%-44s %9s %8s %7s %8s %8s %8s %8s %8s %5s%%\n' "$name" "$(field "$result" rate)" \
    "$(field "$result" successes)" "$(field "$result" errors)" "$(field "$result" p50)" "$(field "$result" p90)" \
    "$(field "$result" p99)" "$(field "$result" p999)" "$(field "$result" max)" "$cpu"
done

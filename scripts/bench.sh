#!/usr/bin/env bash
# Measures the figures the Foundation issue asks for, on this machine:
#   - time until /health answers after `java -jar`, and idle RSS
#   - accepted webhooks/s and ack latency p50/p99 under wrk (signed Spoki webhooks, unique ids)
#   - ack and end-to-end latency p50/p99 (webhook sent -> answer at the provider) at 200 msg/s
#   - the JVM's peak RSS
# The hub runs with messaging.provider=spoki against a local stub that records arrival times.
# Everything listens on 127.0.0.1; the run stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${BENCH_DURATION:-15}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
RATE=${BENCH_RATE:-200}
RATE_SECONDS=${BENCH_RATE_SECONDS:-20}
JAVA_OPTS=${JAVA_OPTS:--Xmx192m -XX:+UseSerialGC -Xss512k}
SECRET=bench-secret

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ "${BENCH_SKIP_BUILD:-}" = 1 ] || mvn -B -q package -DskipTests

work=$(mktemp -d)
free_port() {  # a port nothing listens on
  local p
  while :; do
    p=$((20000 + RANDOM % 30000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}
hub_port=$(free_port); stub_port=$(free_port)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

java scripts/bench/Bench.java stub "$stub_port" > "$work/stub.log" 2>&1 & pids+=($!)

start_hub() {  # $1: extra JVM option (the CDS archive)
  local started; started=$(date +%s%N)
  HTTP_PORT=$hub_port CONCIERGE_DATA_DIR="$work/data" CONCIERGE_API_KEYS=bench-key \
  MESSAGING_PROVIDER=spoki SPOKI_BASE_URL="http://127.0.0.1:$stub_port/api/1" SPOKI_API_KEY=k \
  SPOKI_WEBHOOK_SECRET=$SECRET MESSAGING_MAX_RATE=100000 MESSAGING_SEND_CONCURRENCY=8 \
    java $JAVA_OPTS $1 -jar target/concierge-hub.jar > "$work/hub.log" 2>&1 &
  hub_pid=$!
  until curl -sf "http://127.0.0.1:$hub_port/health" >/dev/null 2>&1; do sleep 0.02; done
  ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
}

# 1. Start-up: a first run writes a class-data-sharing archive (as scripts/run.sh does), the
#    second run is the one measured, then the hub idles with its language models loaded.
start_hub "-XX:ArchiveClassesAtExit=$work/hub.jsa"; kill "$hub_pid"; wait "$hub_pid" || true
cold_ms=$ready_ms
start_hub "-XX:SharedArchiveFile=$work/hub.jsa"; pids+=($hub_pid)
sleep 10
idle_rss=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$hub_pid/status)

# 2. Throughput: wrk with pre-signed webhooks, each a new guest message answered through the stub.
java scripts/bench/Bench.java sign $(( DURATION * 6000 )) "$SECRET" "$work/requests.tsv"
BENCH_REQUESTS="$work/requests.tsv" wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency \
  -s scripts/bench/webhooks.lua "http://127.0.0.1:$hub_port" -- 2 > "$work/wrk.txt"
sleep 5  # let the answers of the burst drain before the fixed-rate run

# 3. End-to-end at a fixed rate.
java scripts/bench/Bench.java drive "http://127.0.0.1:$hub_port" "http://127.0.0.1:$stub_port" \
  "$RATE" "$RATE_SECONDS" "$SECRET" > "$work/drive.txt"
peak_rss=$(awk '/VmHWM/ {print int($2/1024)}' /proc/$hub_pid/status)

echo "== Concierge Hub benchmark ($(nproc) cores, JAVA_OPTS: $JAVA_OPTS) =="
echo "ready after start:     ${ready_ms} ms with the CDS archive (${cold_ms} ms without)"
echo "idle RSS:              ${idle_rss} MB"
awk '/Requests\/sec/ {printf "accepted webhooks/s:   %s (wrk, %s connections, %ss)\n", $2, c, d}' c="$CONNECTIONS" d="$DURATION" "$work/wrk.txt"
awk '/ 50%/ {p50=$2} / 99%/ {p99=$2} END {printf "ack latency under wrk: p50 %s  p99 %s\n", p50, p99}' "$work/wrk.txt"
grep -E "Non-2xx|Socket errors" "$work/wrk.txt" || true
cat "$work/drive.txt"
echo "peak RSS:              ${peak_rss} MB"

#!/usr/bin/env bash
# Measures, on this machine, the figures the issues ask for.
#   scripts/bench.sh webhooks   (Foundation)
#     - time until /health answers after `java -jar`, and idle RSS
#     - accepted webhooks/s and ack latency p50/p99 under wrk (signed Spoki webhooks, unique ids)
#     - ack and end-to-end latency p50/p99 (webhook sent -> answer at the provider) at 200 msg/s,
#       and the hub's CPU per message meanwhile with the JIT compiler's share of it
#     - the JVM's peak RSS
#   scripts/bench.sh mesh       (Mesh gateway)
#     - requests/s and p99 of POST /api/mesh/commands under wrk, key and rate limits checked on
#       every request (in memory, then through Redis when redis-server is installed)
#     - events/s drained from a 10,000-event buffer to the sink
#   scripts/bench.sh failover   (Hybrid failover) two nodes on this machine, warmed up as `webhooks`
#     warms its node (a drive at 100/s for BENCH_FAILOVER_WARMUP seconds, default 10, then wrk twice),
#     then drives at 100/s until the JIT takes a tenth of the nodes' CPU or less
#     - replication lag p50/p99 (the primary's gauge, sampled every 100 ms), ack/end-to-end
#       latency, the outbox's share of it, each node's CPU per message (and the JIT's share) and
#       answers repeated while 100, then 200 webhooks/s reach the primary (BENCH_FAILOVER_RATES)
#     - accepted webhooks/s and ack p50/p99 into the primary under wrk, 8 connections
#     - failover time: kill -9 of the primary -> the standby's first answer at the provider, for a
#       message posted to the standby right after the kill (BENCH_FAILOVER_TIMEOUT, default 10 s)
#   scripts/bench.sh flights    (Watchers) AeroAPI calls a day and their cost for a simulated
#     40-room hotel, with and without the night and idle pauses (a simulated clock: no waiting)
#   scripts/bench.sh replication (Hybrid failover) the passive node's CPU for applying one shipped
#     batch of changes: 5 and 40 new rows, one and four guest messages answered (ten changes each)
#     (src/test/.../failover/ReplicationApplySimulation)
#   scripts/bench.sh seed       the seeds' own gateway design (BENCH_SEED_STACK: its directory, outside
#     this repository) under the same wrk runs, fixed-rate drive and stub as `webhooks`: the ratio
#   scripts/bench.sh            webhooks and mesh
# BENCH_SHOW_SLOW=1 adds, to each fixed-rate run, the slow acknowledgements and the end-to-end
# latency by second of the run; BENCH_DRIVE_WARMUP (seconds, default 1) is how long the fixed-rate
# driver sends before it records.
# The hub talks to a local stub (Spoki's send API and the event sink) that records arrival times.
# Everything listens on 127.0.0.1; the run stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${BENCH_DURATION:-10}
RATE=${BENCH_RATE:-200}
RATE_SECONDS=${BENCH_RATE_SECONDS:-20}
# The same JVM options as scripts/run.sh.
JAVA_OPTS=${JAVA_OPTS:--Xmx320m -XX:+UseG1GC -XX:MaxGCPauseMillis=10 -Xss512k}
# The hubs run on the same Java as scripts/run.sh's (JAVA_HOME, else the PATH's), with its kind of
# start-up cache; the stub and the driver run on the PATH's java whichever Java the hubs run on.
source scripts/java.sh
SECRET=bench-secret

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
[ "${BENCH_SKIP_BUILD:-}" = 1 ] || mvn -B -q package -DskipTests

work=$(mktemp -d)
# A port nothing listens on, below the kernel's range of ephemeral ports: a port in that range can
# be a client connection's own (the hub's, wrk's) and then cannot be bound, although nothing listens.
first_ephemeral=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
port_span=$(( first_ephemeral > 12000 ? first_ephemeral - 10000 : 20000 ))
free_port() {
  local p
  while :; do
    p=$((10000 + RANDOM % port_span))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}
# Until $1 answers below 400 (http://127.0.0.1:PORT/PATH of what was just started), asked every 20 ms;
# false if its process $2 stopped first (its port taken meanwhile, say) or is not known, so that the
# caller stops the run instead of a wait without end. (`kill -0 0` would ask after the whole process
# group, which is always there.) The poll starts no process: a hub's start keeps both cores busy,
# and a curl every 20 ms (some 5 ms of CPU each) took about 0.2 s of the start-up time it measured
# (thirty-sixth session). BENCH_POLL_WITH_CURL=1 polls with curl, as the sessions before did.
mkfifo "$work/tick"; exec {tick}<>"$work/tick"   # nothing is ever written: a read of it only times out
until_started() {
  local hostport=${1#http://}; hostport=${hostport%%/*}
  local path=/${1#http://*/} status conn
  while :; do
    if [ "${BENCH_POLL_WITH_CURL:-}" = 1 ]; then
      curl -sf --max-time 2 "$1" >/dev/null 2>&1 && return 0
    elif { exec {conn}<>"/dev/tcp/${hostport%:*}/${hostport#*:}"; } 2>/dev/null; then
      printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$hostport" >&"$conn"
      status=; read -r -t 2 status <&"$conn" || true
      exec {conn}>&-
      [[ $status =~ ^HTTP/1\.[01]\ [123][0-9][0-9] ]] && return 0   # as curl -f: below 400
    fi
    [ -n "${2:-}" ] && kill -0 "$2" 2>/dev/null || return 1
    read -r -t 0.02 -u "$tick" || true
  done
}
hub_port=$(free_port); stub_port=$(free_port)
pids=()
# BENCH_LOGS=dir keeps the hubs' logs there.
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -n "${BENCH_LOGS:-}" ]; then mkdir -p "$BENCH_LOGS" && cp "$work"/*.log "$BENCH_LOGS"/ 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# The harness compiled once, so that no run pays the source launcher's compilation while it measures.
javac -d "$work/bench" scripts/bench/Bench.java
# The driver shares the two cores with the hub: with the JIT's first tier only and one GC thread it
# takes half the CPU it would take otherwise (measured: 4-5 s instead of 7-9 s for a 10 s run at
# 200/s), most of which the full JIT spent compiling the driver itself while the hub was measured.
bench() { java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$work/bench" Bench "$@"; }

# TCP_NODELAY, as a real API's server sets it: without it the JDK server meets the client's
# delayed ACKs and every connection stalls 40 ms per answer.
java -Dsun.net.httpserver.nodelay=true -cp "$work/bench" Bench stub "$stub_port" > "$work/stub.log" 2>&1 & pids+=($!)
until_started "http://127.0.0.1:$stub_port/arrivals" "$!" \
  || { echo "the stub did not start:" >&2; head -1 "$work/stub.log" >&2; exit 1; }

# The API key of the benchmark, and the key a pair's nodes sign their calls to each other with.
BENCH_KEY=bench-key-0123456789abcdefghij
BENCH_PEER_KEY=bench-peer-key-0123456789abcdef

# One hub against the stub: $1 port, $2 data directory, $3 log file, $4 extra JVM options (the
# start-up cache's). A caller's own settings (a role, a peer, a limit) come as environment variables on the call.
launch_hub() {
  local started; started=$(date +%s%N)
  HTTP_PORT=$1 CONCIERGE_DATA_DIR="$2" CONCIERGE_API_KEYS="$BENCH_KEY,$BENCH_PEER_KEY:peer" \
  MESSAGING_PROVIDER=spoki SPOKI_BASE_URL="http://127.0.0.1:$stub_port/api/1" SPOKI_API_KEY=k \
  SPOKI_WEBHOOK_SECRET=$SECRET MESSAGING_MAX_RATE=100000 CONCIERGE_ALLOW_DEMO_FACTS=true \
    "$java_cmd" $JAVA_OPTS "${java_runtime_opts[@]}" $4 -jar target/concierge-hub.jar > "$3" 2>&1 &
  hub_pid=$!
  until_started "http://127.0.0.1:$1/health" "$hub_pid" \
    || { echo "the hub did not start:" >&2; tail -3 "$3" >&2; exit 1; }
  ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
}
start_hub() {  # $1: extra JVM options
  launch_hub "$hub_port" "${HUB_DATA:-$work/data}" "$work/hub.log" "$1"
}

# 0. A first run writes the start-up cache (as scripts/run.sh does); the starts measured below use it.
hub_cache=$(cache_file "$work/hub")
cached=$(cache_use_opts "$hub_cache")
start_hub "$(cache_write_opts "$hub_cache")"; kill "$hub_pid"; wait "$hub_pid" || true
cold_ms=$ready_ms

# wrk with pre-signed webhooks, each a new guest message that the hub answers through the stub
# while the load runs; then the answers drain before anything else starts.
drain() {  # $1 port: until every message is answered, nothing pending, nothing in the outbox
  until [ "$(curl -s -H "X-API-Key: $BENCH_KEY" "http://127.0.0.1:$1/metrics" \
    | awk '/^concierge_(outbox_depth|inbound_pending) / {n += $2} END {print int(n)}')" = 0 ]; do sleep 1; done
  sleep 2
}
wrk_load() {  # $1 port, $2 connections, $3 output file, $4 how to wait for the answers (default: drain)
  bench sign $(( DURATION * 6000 )) "$SECRET" "$work/requests.tsv"
  BENCH_REQUESTS="$work/requests.tsv" wrk -t2 -c"$2" -d"${DURATION}s" --latency \
    -s scripts/bench/webhooks.lua "http://127.0.0.1:$1" -- 2 > "$3"
  "${4:-drain}" "$1"
}
# A process's CPU so far and its JIT compiler threads' part of it, in ms: "total jit".
cpu_mark() {
  cat /proc/"$1"/task/*/stat 2>/dev/null | awk -v hz="$(getconf CLK_TCK)" '{ name = $0; sub(/\) .*/, "", name)
    sub(/.*\) /, ""); ms = ($12 + $13) * 1000 / hz; total += ms; if (name ~ /\((C1|C2) CompilerThre$/) jit += ms }
    END { printf "%d %d\n", total, jit }'
}
# $1 label, $2 pid, $3 its cpu_mark before, $4 messages answered meanwhile: the CPU each took, and
# how much of it the JIT spent compiling (a large share: the JVM was not warm yet).
# The messages a fixed-rate run answers: its recorded seconds and the driver's unrecorded first ones.
answered_in_run() { echo $(( $1 * (RATE_SECONDS + ${BENCH_DRIVE_WARMUP:-1}) )); }
cpu_line() {
  echo "$3 $(cpu_mark "$2")" | awk -v label="$1" -v n="$4" '{ cpu = $3 - $1; jit = $4 - $2
    printf "%s CPU %.2f ms per message, of which the JIT compiler %d %%\n", label, cpu / n, cpu ? 100 * jit / cpu : 0 }'
}
wrk_line() {  # $1 label, $2 wrk's output
  awk '/Requests\/sec/ {rps=$2} / 50%/ {p50=$2} / 99%/ {p99=$2}
       END {printf "%s %s accepted webhooks/s, ack p50 %s p99 %s\n", label, rps, p50, p99}' label="$1" "$2"
  grep -E "Non-2xx|Socket errors" "$2" || true
}

bench_webhooks() {
  # 1. Start-up with the cache, then the hub idles with its language models loaded.
  start_hub "$cached"; pids+=($hub_pid)
  sleep 10
  idle_rss=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$hub_pid/status)

  # 2. Throughput: wrk with pre-signed webhooks, each a new guest message that the hub answers
  #    through the stub while the load runs. A first run warms the JIT up and is not reported; after
  #    each run the answers drain before the next one starts.
  wrk_load "$hub_port" 32 "$work/warm-up.txt"
  wrk_load "$hub_port" 32 "$work/wrk-32.txt"
  wrk_load "$hub_port" 8 "$work/wrk-8.txt"

  # 3. End-to-end at a fixed rate.
  local before; before=$(cpu_mark "$hub_pid")
  bench drive "http://127.0.0.1:$hub_port" "http://127.0.0.1:$stub_port" \
    "$RATE" "$RATE_SECONDS" "$SECRET" > "$work/drive.txt"
  cpu_line "hub at $RATE/s:         " "$hub_pid" "$before" "$(answered_in_run "$RATE")" >> "$work/drive.txt"
  peak_rss=$(awk '/VmHWM/ {print int($2/1024)}' /proc/$hub_pid/status)

  echo "== Concierge Hub benchmark: webhooks ($(nproc) cores, Java $java_version, JAVA_OPTS: $JAVA_OPTS) =="
  echo "ready after start:     ${ready_ms} ms with the start-up cache (${cold_ms} ms without)"
  echo "idle RSS:              ${idle_rss} MB"
  for c in 32 8; do
    wrk_line "wrk, $(printf %2s "$c") connections:  " "$work/wrk-$c.txt"
  done
  cat "$work/drive.txt"
  echo "peak RSS:              ${peak_rss} MB"
  kill "$hub_pid"; wait "$hub_pid" || true
}

bench_mesh() {
  # 1. POST /api/mesh/commands: every request authenticated and counted against the per-IP and
  #    per-key limits (set far above the load, so none is refused); the worker executes them meanwhile.
  local redis_pid="" result
  echo "== Concierge Hub benchmark: mesh API and events ($(nproc) cores, Java $java_version, JAVA_OPTS: $JAVA_OPTS) =="
  command_load() {  # $1: label
    BENCH_API_KEY=$BENCH_KEY wrk -t2 -c16 -d"${DURATION}s" -s scripts/bench/command.lua "http://127.0.0.1:$hub_port" \
      > /dev/null  # warm-up
    BENCH_API_KEY=$BENCH_KEY wrk -t2 -c16 -d"${DURATION}s" --latency -s scripts/bench/command.lua \
      "http://127.0.0.1:$hub_port" > "$work/commands.txt"
    awk '/Requests\/sec/ {rps=$2} / 50%/ {p50=$2} / 99%/ {p99=$2} /Non-2xx/ {bad=$NF}
         END {printf "POST /api/mesh/commands, %s: %s requests/s, p50 %s p99 %s, non-2xx %d\n", l, rps, p50, p99, bad}' \
      l="$1" "$work/commands.txt"
  }
  HUB_DATA="$work/mesh" API_RATE_LIMIT=1000000000 start_hub "$cached"; pids+=($hub_pid)
  command_load "rate limits in memory"
  kill "$hub_pid"; wait "$hub_pid" || true
  if command -v redis-server >/dev/null; then
    local redis_port; redis_port=$(free_port)
    redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no > "$work/redis.log" 2>&1 &
    redis_pid=$!; pids+=($redis_pid)
    until redis-cli -p "$redis_port" ping > /dev/null 2>&1; do sleep 0.1; done
    HUB_DATA="$work/mesh" API_RATE_LIMIT=1000000000 CONCIERGE_REDIS_URL="redis://127.0.0.1:$redis_port" \
      start_hub "$cached"; pids+=($hub_pid)
    command_load "rate limits in Redis"
    kill "$hub_pid"; wait "$hub_pid" || true
  fi

  # 2. Events: 10,000 accepted while the sink is unreachable, the hub restarted with the sink up
  #    (and its poller idle), then one flush drains the buffer in order.
  HUB_DATA="$work/events" EVENTS_SINK_URL="http://127.0.0.1:$(free_port)/events" EVENTS_SINK_TOKEN=t \
    API_RATE_LIMIT=1000000000 start_hub "$cached"; pids+=($hub_pid)
  bench events 10000 "http://127.0.0.1:$hub_port" "$BENCH_KEY"
  kill "$hub_pid"; wait "$hub_pid" || true
  HUB_DATA="$work/events" EVENTS_SINK_URL="http://127.0.0.1:$stub_port/events" EVENTS_SINK_TOKEN=t \
    EVENTS_POLL_INTERVAL=3600000 start_hub "$cached"; pids+=($hub_pid)
  local started; started=$(date +%s%N)
  result=$(curl -s -X POST -H "X-API-Key: $BENCH_KEY" "http://127.0.0.1:$hub_port/api/mesh/sync/queue")
  local ms=$(( ($(date +%s%N) - started) / 1000000 ))
  echo "events drained: $result in $ms ms" | awk -v ms="$ms" '{ match($0, /"sent":[0-9]+/); sent = substr($0, RSTART + 7, RLENGTH - 7);
    printf "%s -> %.0f events/s\n", $0, sent * 1000 / ms }'
}

bench_failover() {
  local timeout=${BENCH_FAILOVER_TIMEOUT:-10000} heartbeat=${BENCH_HEARTBEAT:-1000} rates=${BENCH_FAILOVER_RATES:-100 200}
  local primary_port standby_port key
  primary_port=$(free_port); standby_port=$(free_port)
  key=$(head -c 32 /dev/urandom | base64)
  start_node() {  # $1 role, $2 port, $3 peer port; the lag sampler reads /metrics ten times a second
    CONCIERGE_ROLE=$1 CONCIERGE_ENCRYPTION_KEY="$key" FAILOVER_PEER_URL="http://127.0.0.1:$3" \
    FAILOVER_PEER_API_KEY=$BENCH_PEER_KEY FAILOVER_TIMEOUT=$timeout FAILOVER_HEARTBEAT_INTERVAL=$heartbeat \
    API_RATE_LIMIT=100000 \
      launch_hub "$2" "$work/$1" "$work/$1.log" "$cached"
    node_pid=$hub_pid
  }
  active() { curl -s -H "X-API-Key: $BENCH_KEY" "http://127.0.0.1:$1/health" | grep -q '"active":true'; }
  # The outbox's own share of the latency, from the primary's database: an answer queued (by the
  # concierge) -> marked sent (a sender took it, the peer acknowledged its start, the provider
  # answered), for the answers queued since $1 (epoch ms).
  outbox_times() {
    sqlite3 -readonly "$work/primary/hub.db" "WITH t AS (SELECT updated_at - created_at AS ms FROM outbox
        WHERE state = 'done' AND created_at >= $1), n AS (SELECT COUNT(*) AS c FROM t)
      SELECT 'outbox, answer queued -> sent: p50 ' || (SELECT ms FROM t ORDER BY ms LIMIT 1 OFFSET (SELECT c * 50 / 100 FROM n))
        || ' ms  p99 ' || (SELECT ms FROM t ORDER BY ms LIMIT 1 OFFSET (SELECT c * 99 / 100 FROM n)) || ' ms'"
  }
  echo "== Concierge Hub benchmark: failover ($(nproc) cores, Java $java_version, both nodes here, failover.timeout ${timeout} ms,"\
       "heartbeat ${heartbeat} ms) =="
  start_node standby "$standby_port" "$primary_port"; standby_pid=$node_pid; pids+=($standby_pid)
  start_node primary "$primary_port" "$standby_port"; primary_pid=$node_pid; pids+=($primary_pid)
  until active "$primary_port"; do sleep 0.2; done

  # 1. A drive and two wrk runs warm both JVMs up and are not reported: as in `webhooks`, the
  #    fixed-rate runs come after wrk has run twice, so that they measure a primary whose JIT has
  #    compiled the hot paths (a hotel's primary runs for weeks), not one still compiling them
  #    (after the drive alone the JIT took a quarter to two fifths of the primary's CPU in them,
  #    after one wrk run still a third at 100/s).
  bench drive "http://127.0.0.1:$primary_port" "http://127.0.0.1:$stub_port" \
    100 "${BENCH_FAILOVER_WARMUP:-10}" "$SECRET" > /dev/null
  wrk_load "$primary_port" 8 "$work/warm-up.txt"
  wrk_load "$primary_port" 8 "$work/warm-up.txt"
  #    On a slower machine the JIT still compiles after that (a quarter of the primary's CPU at
  #    100/s, measured): more drives at 100/s, 10 s each, until the JIT takes a tenth of the two
  #    nodes' CPU or less (at most BENCH_FAILOVER_MORE_WARMUP drives, default 6).
  local drives=0 share=100 primary_from standby_from
  while [ "$share" -gt 10 ] && [ "$drives" -lt "${BENCH_FAILOVER_MORE_WARMUP:-6}" ]; do
    primary_from=$(cpu_mark "$primary_pid"); standby_from=$(cpu_mark "$standby_pid")
    bench drive "http://127.0.0.1:$primary_port" "http://127.0.0.1:$stub_port" 100 10 "$SECRET" > /dev/null
    drives=$((drives + 1))
    share=$(echo "$primary_from $(cpu_mark "$primary_pid") $standby_from $(cpu_mark "$standby_pid")" \
      | awk '{ cpu = $3 - $1 + $7 - $5; printf "%d", cpu ? 100 * ($4 - $2 + $8 - $6) / cpu : 0 }')
  done
  if [ "$drives" -gt 0 ]; then
    echo "warm-up: $drives more drives at 100/s, the JIT took $share % of the nodes' CPU in the last"
  fi
  # 2. Steady load on the primary at each rate (BENCH_FAILOVER_RATES, 100/s and 200/s); the lag is
  #    sampled meanwhile. Each run's answers reach the stub before the next starts (the driver
  #    waits for them).
  local r
  for r in $rates; do
    echo "load average before the run at $r/s: $(cut -d' ' -f1-3 /proc/loadavg)"
    local from; from=$(date +%s%3N)
    bench lag "http://127.0.0.1:$primary_port" "$BENCH_KEY" "$RATE_SECONDS" > "$work/lag.txt" &
    local sampler=$! primary_cpu standby_cpu
    primary_cpu=$(cpu_mark "$primary_pid"); standby_cpu=$(cpu_mark "$standby_pid")
    bench drive "http://127.0.0.1:$primary_port" "http://127.0.0.1:$stub_port" \
      "$r" "$RATE_SECONDS" "$SECRET"
    cpu_line "primary at $r/s:" "$primary_pid" "$primary_cpu" "$(answered_in_run "$r")"
    cpu_line "standby at $r/s:" "$standby_pid" "$standby_cpu" "$(answered_in_run "$r")"
    wait "$sampler"; cat "$work/lag.txt"
    outbox_times "$from"
  done
  # 3. Throughput into the primary with its standby.
  wrk_load "$primary_port" 8 "$work/wrk-primary.txt"
  wrk_line "wrk, 8 connections into the primary:" "$work/wrk-primary.txt"

  # 4. Power cut on the primary: how long until the standby answers a guest?
  kill -9 "$primary_pid"
  local killed; killed=$(date +%s%N)
  local answered_ms; answered_ms=$(bench answered "http://127.0.0.1:$standby_port" \
    "http://127.0.0.1:$stub_port" "$SECRET")
  echo "failover: a message posted to the standby right after kill -9 of the primary was answered" \
       "$(( ($(date +%s%N) - killed) / 1000000 )) ms after the kill (the message itself: ${answered_ms} ms;" \
       "failover.timeout ${timeout} ms)"
  kill "$standby_pid"; wait "$standby_pid" || true
}

# A simulation from the test sources: $1 its class, $2 where its log goes.
simulation() {
  mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt" -Dmdep.includeScope=test >&2
  java -cp "target/test-classes:target/classes:$(cat "$work/classpath.txt")" "$1" 2> "$2"
}
# The flight watch's own beans on a simulated clock.
bench_flights() { simulation io.conciergehub.watchers.FlightCallsSimulation "$work/flights.log"; }
# ChangeLog.apply on two SQLite files with the hub's schema; its log lines are left out.
bench_replication() {
  simulation io.conciergehub.failover.ReplicationApplySimulation "$work/replication.log" | grep "^replication apply"
}

# The seeds' own design, as a peer to measure the hub against in one sitting: an Express + BullMQ +
# Redis gateway doing the same work per message (signature, de-duplication, queue, the answer through
# the provider's API). It is not part of this repository: BENCH_SEED_STACK names its directory (one
# with its run.sh). The same wrk runs and fixed-rate drive as `webhooks`, against the same stub.
bench_seed() {
  local dir=${BENCH_SEED_STACK:?set BENCH_SEED_STACK to the seed-stack directory}
  cp -r "$dir" "$work/seed" && chmod -R u+w "$work/seed"
  local redis_port seed_port name pid gateway_pid=; redis_port=$(free_port); seed_port=$(free_port)
  while read -r name pid; do
    pids+=("$pid"); [ "$name" != gateway ] || gateway_pid=$pid
  done < <(SPOKI_WEBHOOK_SECRET=$SECRET "$work/seed/run.sh" "$redis_port" "$seed_port" "http://127.0.0.1:$stub_port/api/1")
  # As for a hub: a gateway that stopped (npm could not install its packages, say) stops the run.
  until_started "http://127.0.0.1:$seed_port/health" "$gateway_pid" \
    || { echo "the seed design's gateway did not start" >&2; exit 1; }
  # Until BullMQ's queue has nothing waiting or running.
  seed_drain() {
    until [ "$(redis-cli -p "$redis_port" eval "return redis.call('llen', KEYS[1]) + redis.call('llen', KEYS[2])" \
      2 bull:inbound:wait bull:inbound:active)" = 0 ]; do sleep 1; done
    sleep 2
  }
  wrk_load "$seed_port" 32 "$work/warm-up.txt" seed_drain
  wrk_load "$seed_port" 32 "$work/wrk-32.txt" seed_drain
  wrk_load "$seed_port" 8 "$work/wrk-8.txt" seed_drain
  bench drive "http://127.0.0.1:$seed_port" "http://127.0.0.1:$stub_port" \
    "$RATE" "$RATE_SECONDS" "$SECRET" > "$work/drive.txt"
  echo "== The seeds' design (Express + BullMQ + Redis, node $(node --version)): webhooks =="
  for c in 32 8; do
    wrk_line "wrk, $(printf %2s "$c") connections:  " "$work/wrk-$c.txt"
  done
  cat "$work/drive.txt"
}

case "${1:-all}" in
  webhooks) bench_webhooks ;;
  flights) bench_flights ;;
  mesh) bench_mesh ;;
  failover) bench_failover ;;
  replication) bench_replication ;;
  seed) bench_seed ;;
  all) bench_webhooks; bench_mesh ;;
  *) echo "usage: scripts/bench.sh [webhooks|mesh|failover|replication|flights|seed|all]" >&2; exit 2 ;;
esac

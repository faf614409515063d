#!/bin/bash
# A CPU profile of every hub during the fixed-rate drive of `scripts/bench.sh webhooks` or
# `failover`, Java and native code and the kernel alike (async-profiler, which Maven fetches once).
# JFR samples only threads running Java code: SQLite's native code, the log's fsync and the
# sockets' system calls, a third of a hub's CPU, never show in it. Start it beside the bench:
#   scripts/bench/profile.sh & scripts/bench.sh failover
# It waits for the drive at BENCH_PROFILE_RATE messages/s (default 200), profiles each hub for
# BENCH_PROFILE_SECONDS (default 15) from 3 s into it, and writes per node (one, primary, standby)
# a flame graph, NODE.html, and the same stacks collapsed, NODE.collapsed, to BENCH_PROFILE_DIR
# (default target/profile); then prints each node's CPU by thread. Linux x86-64 or arm64.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=4.1
rate=${BENCH_PROFILE_RATE:-200}
seconds=${BENCH_PROFILE_SECONDS:-15}
out=${BENCH_PROFILE_DIR:-target/profile}
arch=$(uname -m); case "$arch" in x86_64) arch=x64 ;; aarch64) arch=arm64 ;; esac

jar=~/.m2/repository/tools/profiler/async-profiler/$version/async-profiler-$version.jar
[ -f "$jar" ] || mvn -B -q dependency:get -Dartifact=tools.profiler:async-profiler:$version
# The JVM writes the files: it needs the absolute path (BENCH_PROFILE_DIR may be either).
mkdir -p "$out" && out=$(cd "$out" && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
unzip -q -o "$jar" "linux-$arch/libasyncProfiler.so" -d "$work"
agent="$work/linux-$arch/libasyncProfiler.so"
# jcmd reads name=value pairs itself: the agent's options go quoted, as one argument.
profiler() { jcmd "$1" JVMTI.agent_load "$agent" "\"$2\"" > /dev/null; }

until pgrep -f "Bench drive .* $rate [0-9]+ " > /dev/null; do sleep 0.2; done
sleep 3
hubs=$(pgrep -f "concierge-hub.jar")
for pid in $hubs; do profiler "$pid" "start,event=cpu,interval=1ms,threads"; done
sleep "$seconds"
for pid in $hubs; do
  node=$(tr '\0' '\n' < "/proc/$pid/environ" | sed -n 's/^CONCIERGE_ROLE=//p'); node=${node:-one}
  profiler "$pid" "dump,file=$out/$node.html"
  profiler "$pid" "stop,file=$out/$node.collapsed,collapsed"
  echo "== $node: CPU by thread (flame graph: $out/$node.html)"
  # The first frame of each stack names its thread; numbers are dropped so that pools add up.
  awk '{ n = $NF; thread = $0; sub(/;.*/, "", thread); gsub(/[0-9]+/, "#", thread); cpu[thread] += n; total += n }
    END { for (t in cpu) if (cpu[t] * 200 >= total) printf "%5.1f %%  %s\n", 100 * cpu[t] / total, t }' \
    "$out/$node.collapsed" | sort -rn
done

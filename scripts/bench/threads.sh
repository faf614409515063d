#!/bin/bash
# Per-thread CPU per message of the hub during the fixed-rate drive of `scripts/bench.sh webhooks`.
# Start it beside the bench (`scripts/bench/threads.sh & scripts/bench.sh webhooks`); it waits for
# the drive, reads /proc/<pid>/task/*/stat at its start and every second while it runs, names the
# threads with `jcmd Thread.print`, and groups them by name without their numbers. The messages
# counted are the rate (BENCH_RATE, default 200/s) times the window between the two snapshots.
# Needs GNU awk and the JDK's jcmd.
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
until pgrep -f "Bench drive" >/dev/null; do sleep 0.1; done
hub=$(pgrep -f "concierge-hub.jar" | head -1)
snap() { awk '{f = FILENAME; sub(/\/stat$/, "", f); sub(/.*\//, "", f); l = $0; sub(/.*\) /, "", l); split(l, x, " "); print f, x[12] + x[13]}' /proc/$hub/task/*/stat 2>/dev/null; }
snap > "$work/th.before"; t0=$(date +%s%N)
jcmd $hub Thread.print 2>/dev/null | awk 'match($0, /^"([^"]*)".* nid=(0x[0-9a-f]+)/, m) {print strtonum(m[2]) "\t" m[1]}' > "$work/th.names"
# The bench stops the hub right after the drive: keep the last snapshot taken while it ran.
while pgrep -f "Bench drive" >/dev/null; do snap > "$work/th.next"; t1=$(date +%s%N); mv "$work/th.next" "$work/th.after"; echo "$t1" > "$work/th.t1"; sleep 1; done
t1=$(cat "$work/th.t1"); n=$(( ${BENCH_RATE:-200} * (t1 - t0) / 1000000000 )); echo "messages over the window: $n"
hz=$(getconf CLK_TCK)
awk -v hz="$hz" -v n="$n" -v names="$work/th.names" '
  BEGIN { while ((getline line < names) > 0) { split(line, p, "\t"); name[p[1]] = p[2] } }
  FILENAME == ARGV[1] { before[$1] = $2; next }
  { group = ($1 in name) ? name[$1] : "(unnamed)"; gsub(/[0-9]+/, "#", group)
    sub(/^Camel \(camel-#\) thread #+ - /, "", group)   # a Camel thread by its endpoint
    cpu[group] += $2 - before[$1]; total += $2 - before[$1] }
  END { for (g in cpu) if (cpu[g] > 0) printf "%7.3f ms/msg  %s\n", cpu[g] * 1000 / hz / n, g
        printf "%7.3f ms/msg  TOTAL\n", total * 1000 / hz / n }' "$work/th.before" "$work/th.after" | sort -rn

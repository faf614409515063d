#!/usr/bin/env bash
# Builds the jar if needed and starts the hub with the embedded defaults (SQLite under ./data,
# no Redis, messaging provider 'log'). Any property can be set as an environment variable,
# e.g. HTTP_PORT=9090 MESSAGING_PROVIDER=spoki scripts/run.sh
# It runs on Java 17 or later: the java on the PATH, or $JAVA_HOME/bin/java when JAVA_HOME is set.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java.sh
jar=target/concierge-hub.jar
# The start-up cache of the hub's classes (scripts/java.sh): written when the first run stops, it
# makes every later start a few seconds faster. One per version of Java; a jar built after it
# (here or by mvn) gets a new one, since the JVM would ignore it.
cache=$(cache_file target/concierge-hub)
if [ ! -f "$jar" ] || [ -n "$(find src pom.xml -newer "$jar" -print -quit)" ]; then
  echo "concierge-hub: building $jar ..." >&2
  # Maven 3.8 prints colour resets even in batch mode: its output is shown only when the build fails.
  if ! build_output=$(mvn -B -q package -DskipTests 2>&1); then
    printf '%s\n' "$build_output" >&2
    exit 1
  fi
fi
if [ "$jar" -nt "$cache" ]; then
  rm -f "$cache"
fi
if [ -f "$cache" ]; then
  cache_opts=$(cache_use_opts "$cache")
else
  cache_opts=$(cache_write_opts "$cache")
  echo "concierge-hub: this run writes $cache when it stops (a few seconds, once) for faster starts" >&2
fi
# A small heap is plenty for a hotel's traffic: idle, the process takes about 220 MB.
# shellcheck disable=SC2086 # JAVA_OPTS and the cache options are lists of options
exec "$java_cmd" ${JAVA_OPTS:--Xmx320m -XX:+UseG1GC -XX:MaxGCPauseMillis=10 -Xss512k} "${java_runtime_opts[@]}" \
  $cache_opts -jar "$jar" "$@"

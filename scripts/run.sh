#!/usr/bin/env bash
# Builds the jar if needed and starts the hub with the embedded defaults (SQLite under ./data,
# no Redis, messaging provider 'log'). Any property can be set as an environment variable,
# e.g. HTTP_PORT=9090 MESSAGING_PROVIDER=spoki scripts/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
jar=target/concierge-hub.jar
# Class-data-sharing archive of the hub's classes: written when the first run stops, it makes
# every later start about a second faster. Rebuilt together with the jar.
cds=target/concierge-hub.jsa
if [ ! -f "$jar" ] || [ -n "$(find src pom.xml -newer "$jar" -print -quit)" ]; then
  echo "concierge-hub: building $jar ..." >&2
  # Maven 3.8 prints colour resets even in batch mode: its output is shown only when the build fails.
  if ! build_output=$(mvn -B -q package -DskipTests 2>&1); then
    printf '%s\n' "$build_output" >&2
    exit 1
  fi
  rm -f "$cds"
fi
if [ -f "$cds" ]; then
  cds_opt="-XX:SharedArchiveFile=$cds"
else
  cds_opt="-XX:ArchiveClassesAtExit=$cds"
  echo "concierge-hub: this run writes $cds when it stops (a few seconds, once) for faster starts" >&2
fi
# A small heap is plenty for a hotel's traffic: idle, the process takes about 220 MB.
# -Xlog:cds*=off: writing the archive lists hundreds of skipped classes; none of it is actionable.
exec java ${JAVA_OPTS:--Xmx320m -XX:+UseG1GC -XX:MaxGCPauseMillis=10 -Xss512k} -Xshare:auto -Xlog:cds*=off "$cds_opt" \
  -jar "$jar" "$@"

# Sourced by backup.sh and restore.sh: runs a sub-command of the hub's jar on CONCIERGE_DATA_DIR.
# CONCIERGE_HUB_JAR: the jar (default target/concierge-hub.jar of this repository).
hub_command() {
  local root jar
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  jar="${CONCIERGE_HUB_JAR:-$root/target/concierge-hub.jar}"
  if [ ! -f "$jar" ]; then
    echo "no jar at $jar: build it with 'mvn -B package -DskipTests' or set CONCIERGE_HUB_JAR" >&2
    exit 1
  fi
  export CONCIERGE_DATA_DIR="${CONCIERGE_DATA_DIR:-$root/data}"
  # cron and launchd start with a bare PATH: prefer JAVA_HOME when it is set.
  exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" ${JAVA_OPTS:--Xmx128m} -jar "$jar" "$@"
}

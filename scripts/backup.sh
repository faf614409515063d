#!/usr/bin/env bash
# Writes a verified snapshot of the hub's database to <data dir>/backups (the jar's `backup`
# sub-command) and deletes those older than BACKUP_RETENTION (ISO-8601, default P7D). The hub
# may be running; the running hub also takes one every 15 minutes by itself (backup.interval).
#
#   CONCIERGE_DATA_DIR  the hub's data directory (default: <repo>/data, where scripts/run.sh keeps it)
#   CONCIERGE_HUB_JAR   the jar (default: <repo>/target/concierge-hub.jar, with target/lib beside it)
#
# cron (crontab -e), a snapshot every hour at minute 5:
#   5 * * * * CONCIERGE_DATA_DIR=/srv/concierge/data /srv/concierge/scripts/backup.sh >>/var/log/concierge-backup.log 2>&1
# launchd (macOS): a LaunchAgent ~/Library/LaunchAgents/io.conciergehub.backup.plist with
#   ProgramArguments = /path/to/scripts/backup.sh, StartInterval = 3600 and
#   EnvironmentVariables CONCIERGE_DATA_DIR, loaded with
#   launchctl bootstrap gui/$(id -u) ~/Library/LaunchAgents/io.conciergehub.backup.plist
set -euo pipefail

usage() {
  echo "usage: $0   (no arguments; CONCIERGE_DATA_DIR and CONCIERGE_HUB_JAR as described in the script)" >&2
}
if [ "$#" -gt 0 ]; then
  usage
  exit 2
fi
source "$(dirname "$0")/hub-command.sh"
hub_command backup

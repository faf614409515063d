#!/usr/bin/env bash
# Verifies a snapshot and puts it in place of the hub's database (the jar's `restore`
# sub-command). Stop the hub first: restore refuses while a hub runs on the data directory, and
# refuses a snapshot whose checksum or integrity check fails; in both cases nothing is changed.
# The replaced database is kept beside it as hub.db.before-restore-<time>.
#
#   scripts/restore.sh latest                               the newest snapshot in <data dir>/backups
#   scripts/restore.sh data/backups/hub-<time>.db.gz        a given one (its .json must be beside it)
#
#   CONCIERGE_DATA_DIR  the hub's data directory (default: <repo>/data, where scripts/run.sh keeps it)
#   CONCIERGE_HUB_JAR   the jar (default: <repo>/target/concierge-hub.jar, with target/lib beside it)
set -euo pipefail

usage() {
  echo "usage: $0 <snapshot .db.gz file | latest>" >&2
}
if [ "$#" -ne 1 ] || [ "$1" = "-h" ] || [ "$1" = "--help" ]; then
  usage
  exit 2
fi
source "$(dirname "$0")/hub-command.sh"
hub_command restore "$1"

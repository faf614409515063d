#!/usr/bin/env bash
# Starts Hawtio, the web console Camel users know, on this machine's loopback, set up to connect to
# a hub's Jolokia: its routes, their diagram and statistics, suspend and resume.
#
#   scripts/hawtio.sh [JOLOKIA_URL]      default http://localhost:8080/observe/jolokia (or HUB_JOLOKIA_URL)
#   HAWTIO_PORT=8090                     Hawtio's port, on 127.0.0.1 only
#   HAWTIO_CACHE=~/.cache/concierge-hub  where the pinned Hawtio is kept after the first download
#
# Open the printed address: it opens Hawtio on the connection "concierge-hub", and Hawtio asks for
# its credentials: any user name, and an admin API key of the hub as the password (the hub's
# Jolokia gate takes it as Basic credentials). Hawtio's own page has no login: loopback only.
#
# Which Hawtio: io.hawt:hawtio-embedded 3.0.0 from Maven Central, checked against Central's
# checksums (mvn -C) and the SHA-256s pinned below. It is Hawtio's own launcher (Jetty 10 and the
# hawtio-default web app), built for Java 11, so it runs on the hub's Java 17 as it is.
# hawtio-war 4.2.0 is only the web app: it needs a Jakarta servlet container besides, and no
# Hawtio 4 launcher (hawtio-embedded 4.x) can be had from the registry this project uses.
# Hawtio 3.0 takes no preset connection, so a one-page web app beside it (concierge-hub.war,
# written below) stores the hub's connection in the browser as Hawtio's own Connect tab does, then
# opens Hawtio on it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version=3.0.0
pinned="63b4547791df8d2d59e490884e4cdddf7a0aeac9493065b83c119db7abb3ebe2  hawtio-embedded-$version.jar
d5d44834b12354ff15f69e68539070fd87b74727a1ae5c8eb235ed282e19085a  hawtio-default-$version.war"
hub=${1:-${HUB_JOLOKIA_URL:-http://localhost:8080/observe/jolokia}}
port=${HAWTIO_PORT:-8090}
cache=${HAWTIO_CACHE:-$HOME/.cache/concierge-hub}/hawtio-$version
lib=$cache/lib

if ! [[ $hub =~ ^(https?)://(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:([0-9]+))?(/[A-Za-z0-9/._~-]*)$ ]]; then
  echo "hawtio: not a Jolokia URL: $hub (e.g. http://localhost:8080/observe/jolokia)" >&2
  exit 2
fi
scheme=${BASH_REMATCH[1]} host=${BASH_REMATCH[2]} hub_port=${BASH_REMATCH[4]} path=${BASH_REMATCH[5]}
[ -n "$hub_port" ] || hub_port=$([ "$scheme" = https ] && echo 443 || echo 80)

java_version=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
if [ "${java_version%%.*}" -lt 17 ]; then
  echo "hawtio: Java 17 or later is needed, as for the hub (found $java_version)" >&2
  exit 2
fi

if [ ! -f "$lib/.complete" ]; then
  echo "hawtio: fetching io.hawt:hawtio-embedded:$version from Maven Central into $lib (once) ..." >&2
  rm -rf "$lib"
  # -C: Maven stops on a file whose checksum differs from Central's.
  if ! fetched=$(mvn -B -q -C -f "$here/hawtio/pom.xml" -Dhawtio.version="$version" \
      dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$lib" 2>&1); then
    printf '%s\n' "$fetched" >&2
    exit 1
  fi
  if ! (cd "$lib" && printf '%s\n' "$pinned" | sha256sum -c --quiet - >/dev/null 2>&1); then
    echo "hawtio: the fetched Hawtio does not have the pinned SHA-256; not started" >&2
    rm -rf "$lib"
    exit 1
  fi
  touch "$lib/.complete"
fi

# The page that stores the connection (Hawtio's "connect.connections") and opens Hawtio on it.
connect=$cache/plugins/concierge-hub.war
mkdir -p "$connect"
cat > "$connect/index.html" <<PAGE
<!DOCTYPE html>
<meta charset="utf-8"><title>Hawtio: concierge-hub</title>
<script>
  var connections = JSON.parse(localStorage.getItem('connect.connections') || '{}');
  connections['concierge-hub'] = { name: 'concierge-hub', scheme: '$scheme', host: '${host//[\[\]]/}',
    port: $hub_port, path: '$path' };
  localStorage.setItem('connect.connections', JSON.stringify(connections));
  location.replace('/hawtio/?con=concierge-hub');
</script>
PAGE

echo "hawtio: open http://127.0.0.1:$port/concierge-hub/ (Hawtio connected to $hub; user: any, password: an admin API key)"
cd "$cache"
# user.home: Hawtio keeps its Jetty work files under ~/.hawtio; here they stay in the cache.
# Hawtio's proxy reaches only the hosts it is told of: loopback, and the hub's (not every address
# of this machine, which it would add by itself).
exec java ${HAWTIO_JAVA_OPTS:--Xmx256m} -Djava.awt.headless=true -Duser.home="$cache" \
  -Dhawtio.authenticationEnabled=false -Dhawtio.localAddressProbing=false \
  -Dhawtio.proxyAllowlist="localhost,127.0.0.1,${host//[\[\]]/}" \
  -cp "$lib/*" "$here/hawtio/HawtioLauncher.java" --host 127.0.0.1 --port "$port" \
  --war "$lib/hawtio-default-$version.war" --plugins-dir "$cache/plugins"

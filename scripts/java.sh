# The Java that runs the hub, and its start-up cache. Sourced by run.sh and bench.sh.
#   java_cmd            $JAVA_HOME/bin/java when JAVA_HOME is set, else java on the PATH
#   java_version        its full version (17.0.15, 25.0.3...), read from the JDK's release file:
#                       asking java itself would cost a JVM start at every start
#   java_runtime_opts   options that version needs for the hub's libraries
#   cache_file PREFIX   the start-up cache for this version of Java (PREFIX plus .jsa or .aot)
#   cache_write_opts F  the options of a run that writes the cache F as the hub stops
#   cache_use_opts F    the options of a run that starts from it
# Java 25 and later keep an AOT cache (JEP 483 and 514: the classes loaded and linked, and the
# methods' profiles), earlier versions a class-data-sharing archive, which does the first part only.
java_cmd=${JAVA_HOME:+$JAVA_HOME/bin/}java
java_release="$(dirname "$(dirname "$(readlink -f "$(command -v "$java_cmd")")")")/release"
java_version=$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$java_release" 2>/dev/null || true)
java_version=${java_version:-17}
java_feature=${java_version%%[!0-9]*}
# From Java 24 on, the JVM warns at every start that Netty uses sun.misc.Unsafe, as it does on
# Java 17 too. (That SQLite's driver loads its native library, the jar's manifest allows.) The tests
# start their hubs with the same options (src/test/.../support/HubJvm.java).
java_runtime_opts=()
if [ "$java_feature" -ge 24 ]; then
  java_runtime_opts=(--sun-misc-unsafe-memory-access=allow)
fi

cache_file() {
  if [ "$java_feature" -ge 25 ]; then echo "$1.java-$java_version.aot"; else echo "$1.java-$java_version.jsa"; fi
}
# Writing the cache lists hundreds of classes it leaves out; none of it is actionable.
cache_write_opts() {
  if [ "$java_feature" -ge 25 ]; then echo "-Xlog:cds*=off -Xlog:aot*=off -XX:AOTCacheOutput=$1"
  else echo "-Xlog:cds*=off -XX:ArchiveClassesAtExit=$1"; fi
}
cache_use_opts() {
  if [ "$java_feature" -ge 25 ]; then echo "-Xlog:cds*=off -Xlog:aot*=off -XX:AOTCache=$1"
  else echo "-Xlog:cds*=off -Xshare:auto -XX:SharedArchiveFile=$1"; fi
}

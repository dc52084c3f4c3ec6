# Shared by ./vectrade, scripts/jmh and scripts/gpu-prepare (sourced, not run):
#   vectrade_find_jdk      prints the home of a JDK 25 or newer (VECTRADE_JAVA_HOME, JAVA_HOME, /usr/lib/jvm, /opt)
#   vectrade_jvm_flags     prints the JVM flags every vectrade JVM needs (scripts/jvm.properties)
#   vectrade_spark_jvm_flags  prints the extra flags a JVM running Spark needs (scripts/jvm.properties)
#   vectrade_setup NAME    sets JAVA_HOME, MAVEN_OPTS and MVN, or exits 2 with one line naming NAME
vectrade_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

vectrade_java_major() { # the feature version of the JDK at $1, or nothing
  local rel="$1/release"
  [ -x "$1/bin/java" ] || return 0
  if [ -f "$rel" ]; then
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$rel"
  else
    "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1
  fi
}

vectrade_find_jdk() {
  local c v
  for c in "${VECTRADE_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25* /usr/lib/jvm/*25* /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
    [ -n "$c" ] && [ -d "$c" ] || continue
    v="$(vectrade_java_major "$c")"
    if [ -n "$v" ] && [ "$v" -ge 25 ]; then echo "$c"; return 0; fi
  done
  return 1
}

vectrade_jvm_flags() {
  sed -n 's/^vectrade\.jvm\.flags=//p' "$vectrade_root/scripts/jvm.properties"
}

vectrade_spark_jvm_flags() {
  sed -n 's/^vectrade\.spark\.jvm\.flags=//p' "$vectrade_root/scripts/jvm.properties"
}

vectrade_setup() {
  local jdk
  jdk="$(vectrade_find_jdk)" || { echo "$1: JDK 25 or newer not found; install one or set VECTRADE_JAVA_HOME" >&2; exit 2; }
  export JAVA_HOME="$jdk"
  # quiet the JDK 25 warnings about sun.misc.Unsafe use inside Maven itself
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  MVN="${MVN:-mvn}"
  command -v "$MVN" >/dev/null || { echo "$1: Maven (mvn) not found on PATH" >&2; exit 2; }
}

# Sourced: exports JAVA_HOME as the JDK that CI and the Docker image both use (PINNED_MAJOR, the
# Temurin version of docker/Dockerfile; DockerfileTest keeps the two equal). An already set
# JAVA_HOME of 21+ wins; without the pinned one, the newest JDK 21+ is used, with a warning.
# Fails with a clear message when there is none.
PINNED_MAJOR=25
_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'; }
_pick_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
    echo "$JAVA_HOME"; return
  fi
  local best="" best_v=0 d v
  for d in /usr/lib/jvm/*/; do
    d=${d%/}
    [ -x "$d/bin/javac" ] || continue
    v=$(_major "$d")
    [[ "$v" =~ ^[0-9]+$ ]] || continue
    if [ "$v" -eq "$PINNED_MAJOR" ]; then echo "$d"; return; fi
    if [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best=$d; best_v=$v; fi
  done
  [ -n "$best" ] && echo "warning: no JDK $PINNED_MAJOR (the Docker image's); using $best" >&2
  echo "$best"
}
JAVA_HOME=$(_pick_jdk)
if [ -z "$JAVA_HOME" ]; then
  echo "No JDK 21+ found (looked at JAVA_HOME and /usr/lib/jvm/*). Install one, e.g. Temurin 25, and retry." >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"

#!/bin/sh
# Finds a JDK >= 21 and exports JAVA_HOME. Sourced by ./mvnw, ./go4j and the scripts under bench/ and .ci/.
# Order: JAVA_HOME if it is >= 21, then the usual install folders (newest first), then `java` on PATH.
# Prints one actionable line and returns 1 when there is none.

go4j_jdk_major() { # $1 = a JDK home; prints its feature version, or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9]*\).*/\1/p' "$1/release" | head -n 1
  else
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p' | head -n 1
  fi
}

go4j_find_jdk() {
  min=21
  if [ -n "${JAVA_HOME:-}" ]; then
    v=$(go4j_jdk_major "$JAVA_HOME")
    if [ -n "$v" ] && [ "$v" -ge "$min" ]; then return 0; fi
  fi
  best=""; bestv=0
  for d in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -d "$d" ] || continue
    v=$(go4j_jdk_major "$d")
    if [ -n "$v" ] && [ "$v" -ge "$min" ] && [ "$v" -gt "$bestv" ]; then best="$d"; bestv="$v"; fi
  done
  if [ -z "$best" ] && command -v javac >/dev/null 2>&1; then
    d=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    v=$(go4j_jdk_major "$d")
    if [ -n "$v" ] && [ "$v" -ge "$min" ]; then best="$d"; fi
  fi
  if [ -z "$best" ]; then
    echo "go4j: no JDK >= $min found (JAVA_HOME=${JAVA_HOME:-unset}, searched /usr/lib/jvm, /opt, ~/.sdkman); install one (e.g. 'apt-get install openjdk-21-jdk-headless') or set JAVA_HOME to it" >&2
    return 1
  fi
  JAVA_HOME="$best"; export JAVA_HOME
}

# Callers may run with globbing off (mvnw uses set -f): turn it on for the search, then restore it.
case $- in *f*) go4j_noglob=1; set +f ;; *) go4j_noglob=0 ;; esac
go4j_find_jdk; go4j_rc=$?
[ "$go4j_noglob" = 1 ] && set -f
[ "$go4j_rc" = 0 ]

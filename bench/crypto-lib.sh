# SPDX-License-Identifier: Apache-2.0
# Sourced by bench/crypto and bench/crypto-dudect (not a benchmark itself).

# The JDK that ./mvnw chooses: NONOS_JAVA_HOME, else Temurin 25, else the one on the PATH.
bench_java_home() {
  if [ -n "${NONOS_JAVA_HOME:-}" ]; then echo "$NONOS_JAVA_HOME"
  elif [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then echo /usr/lib/jvm/temurin-25-jdk-amd64
  else dirname "$(dirname "$(readlink -f "$(command -v java)")")"; fi
}

# Builds the crypto bundle, asks Maven for the class path with JMH (profile "bench"), compiles
# src/bench/java into target/bench-classes, and prints the class path to run with.
crypto_bench_classpath() {
  local root="$1" mod="$1/bundles/crypto"
  (cd "$root" && ./mvnw -B -q -pl bundles/crypto -Pbench package -DskipTests >&2)
  (cd "$root" && ./mvnw -B -q -pl bundles/crypto -Pbench dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$mod/target/bench.classpath" >&2)
  local deps
  deps="$(cat "$mod/target/bench.classpath")"
  rm -rf "$mod/target/bench-classes"
  mkdir -p "$mod/target/bench-classes"
  "$(bench_java_home)/bin/javac" -proc:full -processorpath "$deps" -cp "$mod/target/classes:$deps" --release 21 \
    -d "$mod/target/bench-classes" $(find "$mod/src/bench/java" -name '*.java') >&2
  echo "$mod/target/bench-classes:$mod/target/classes:$deps"
}

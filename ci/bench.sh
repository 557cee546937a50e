#!/usr/bin/env bash
# JMH benchmarks of the reference Tensority (one hash, two threads, cache build).
# Usage: ci/bench.sh [JMH options, e.g. a benchmark regex or -wi 1 -i 3]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -pl core -am install -DskipTests
mvn -q -B -pl core test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
    "-Dexec.args=-cp %classpath org.openjdk.jmh.Main ${*:-io.btm.core.bench}"

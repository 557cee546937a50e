#!/usr/bin/env bash
# JMH benchmarks. Usage: ci/bench.sh [core|mock-pool] [JMH options, e.g. a regex or -wi 1 -i 3]
#   core       the reference Tensority: one hash, two threads, cache build (the default)
#   mock-pool  shares verified per second, job broadcast time to 1,000 sessions
set -euo pipefail
cd "$(dirname "$0")/.."
module=core
if [[ "${1:-}" == core || "${1:-}" == mock-pool ]]; then
    module=$1
    shift
fi
default_regex=$([[ $module == core ]] && echo io.btm.core.bench || echo io.btm.pool.bench)
mvn -q -B -ntp -pl "$module" -am install -DskipTests
mvn -q -B -ntp -pl "$module" test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=java \
    "-Dexec.args=-cp %classpath org.openjdk.jmh.Main ${*:-$default_regex}"

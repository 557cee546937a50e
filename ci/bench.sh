#!/usr/bin/env bash
# JMH benchmarks, from the standalone benchmarks jar. Usage: ci/bench.sh [JMH options]
#   ci/bench.sh TensorityBenchmark        the reference: one hash, two threads, cache build
#   ci/bench.sh PoolBenchmark -wi 1 -i 3  shares verified per second, job broadcast to 1,000 sessions
# With no options it runs every benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -ntp package -DskipTests -pl benchmarks -am
# No JVM flag here: each benchmark's forked JVM adds the Vector API module itself.
exec java -jar benchmarks/target/benchmarks.jar "$@"

#!/usr/bin/env bash
# The main job: build, then run the golden-vector regression check with the reference backend.
set -euo pipefail
cd "$(dirname "$0")/.."
ci/install-deps.sh
mvn -q -B -ntp package -DskipTests
java -jar miner/target/miner.jar verify "$@"

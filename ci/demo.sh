#!/usr/bin/env bash
# The main job: install what is missing (PoCL where there is no OpenCL), build, then mine on the
# default OpenCL device against the embedded mock pool for a while (default 30 s; pass --seconds S
# and other demo options through). Exit status 0 when the pool accepted shares and rejected none.
set -euo pipefail
cd "$(dirname "$0")/.."
ci/install-deps.sh
mvn -q -B -ntp package -DskipTests
java -jar demo/target/demo.jar "$@"

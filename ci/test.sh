#!/usr/bin/env bash
# The test command: installs what is missing, builds every module and runs every test
# (golden vectors through each implementation, OpenCL kernels on the default device).
set -euo pipefail
cd "$(dirname "$0")/.."
ci/install-deps.sh
mvn -B -ntp verify "$@"

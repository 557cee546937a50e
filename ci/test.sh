#!/usr/bin/env bash
# The test command: installs what is missing, builds every module and runs every test: the golden
# vectors through every implementation, the OpenCL kernels on the default device, the mock pool,
# the miner against the pool end to end, the pages in a headless browser, and the container tests
# on a local Docker daemon; then builds every GPU kernel offline for NVIDIA and AMD targets
# (ci/gpu-compile.sh) and runs the GPU device check's dry run on the default device
# (ci/gpu-check.sh --dry-run).
#   ci/test.sh          everything (what CI runs)
#   ci/test.sh --fast   no OpenCL, Docker, slow or GPU-toolchain tests, and no browser tests where
#                       Debian's chromium and chromium-driver are not installed: for a laptop
#                       without PoCL (about a minute)
# Other arguments pass to Maven, e.g. ci/test.sh -pl mock-pool -am (Maven's tests only, then).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == --fast ]]; then
  shift
  ci/install-deps.sh --no-opencl
  excluded=opencl,docker,slow
  [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || excluded+=,browser
  exec mvn -B -ntp verify -DexcludedGroups="$excluded" "$@"
fi
ci/install-deps.sh
source ci/docker-env.sh
mvn -B -ntp verify "$@"
if [ $# -eq 0 ]; then
  ci/gpu-compile.sh
  ci/gpu-check.sh --dry-run
fi

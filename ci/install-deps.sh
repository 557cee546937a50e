#!/usr/bin/env bash
# Installs what the build and the OpenCL tests need on a fresh Debian machine, only what is missing:
# a JDK 17 and Maven, an OpenCL runtime (PoCL on the CPU) when no OpenCL platform is installed,
# promtool (Debian's prometheus package), which checks the /metrics output, and Debian's chromium
# and chromium-driver for the browser tests (a test tool's own browser download fails here).
# With --no-opencl, only the JDK and Maven (the fast test lane).
set -euo pipefail

missing=()
command -v javac >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || missing+=(maven)
if [ "${1:-}" = --no-opencl ]; then
  opencl=false
else
  opencl=true
fi
if $opencl; then
  command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
fi
# An ICD loader plus at least one vendor driver makes an OpenCL platform; PoCL is the CPU one.
# JOCL opens the loader by its unversioned name, libOpenCL.so, which ocl-icd-opencl-dev provides.
if $opencl && ! ldconfig -p | grep -q 'libOpenCL\.so\.1'; then
  missing+=(ocl-icd-libopencl1)
fi
# ldconfig's cache lists only versioned names, so look for the unversioned link itself.
if $opencl && [ -z "$(ls /usr/lib/libOpenCL.so /usr/lib/*/libOpenCL.so /lib/*/libOpenCL.so 2>/dev/null)" ]; then
  missing+=(ocl-icd-opencl-dev)
fi
if $opencl && [ -z "$(ls /etc/OpenCL/vendors/*.icd 2>/dev/null)" ]; then
  missing+=(pocl-opencl-icd ocl-icd-libopencl1)
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

#!/usr/bin/env bash
# Sourced by ci/test.sh: makes the container tests runnable on this machine, with no public registry.
#  1. a Docker daemon: Debian's docker.io, installed and started (as root) when none answers;
#  2. base images: the usual public ones where they are already here (or BTM_PULL_BASE_IMAGES=1 pulls
#     them); otherwise built once from Debian's packages with debootstrap and kept as local images:
#       btm/jre:17-bookworm        openjdk-17-jre-headless          (the mock pool's container)
#       btm/jre-pocl:17-bookworm   the same plus PoCL on the CPU    (the miner's container)
#  3. Testcontainers told to use only local images: no reaper (its image would be pulled).
# Exports BTM_CONTAINER_BASE_IMAGE, BTM_MINER_BASE_IMAGE and the Testcontainers settings.

docker_answers() { docker info >/dev/null 2>&1; }

ensure_docker_daemon() {
  docker_answers && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  if ! command -v dockerd >/dev/null 2>&1; then
    echo "installing Docker (docker.io)"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends docker.io >/dev/null
  fi
  if ! docker_answers; then
    echo "starting dockerd (log: /tmp/btm-dockerd.log)"
    # Containers of the tests use the host's network only, so Docker's bridge and iptables are not needed.
    $sudo sh -c 'nohup dockerd --bridge=none --iptables=false >/tmp/btm-dockerd.log 2>&1 &'
    for _ in $(seq 60); do docker_answers && break; sleep 1; done
  fi
  docker_answers || { echo "error: no Docker daemon answers; see /tmp/btm-dockerd.log" >&2; exit 1; }
}

have_image() { docker image inspect "$1" >/dev/null 2>&1; }

# A JRE base image: the usual one if it is here or may be pulled, else one built from Debian's packages.
jre_image() {
  local usual=eclipse-temurin:17-jre local=btm/jre:17-bookworm
  if have_image "$usual" || { [ "${BTM_PULL_BASE_IMAGES:-0}" = 1 ] && docker pull -q "$usual" >/dev/null; }; then
    echo "$usual"
    return
  fi
  if ! have_image "$local"; then
    local sudo="" root
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    command -v debootstrap >/dev/null 2>&1 || {
      $sudo apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
    }
    root=$(mktemp -d)
    echo "building $local from Debian's packages (debootstrap, about a minute)" >&2
    $sudo debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm "$root" http://deb.debian.org/debian >/dev/null
    $sudo tar -C "$root" -c . | docker import - "$local" >/dev/null
    $sudo rm -rf "$root"
    have_image "$local" || { echo "error: could not build $local" >&2; return 1; }
  fi
  echo "$local"
}

# The JRE image plus PoCL, so a miner in a container has an OpenCL device.
pocl_image() {
  local jre=$1 local=btm/jre-pocl:17-bookworm
  if ! have_image "$local"; then
    echo "building $local: $jre plus PoCL" >&2
    local container
    container=$(docker run -d --network host "$jre" sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends pocl-opencl-icd ocl-icd-libopencl1 ocl-icd-opencl-dev >/dev/null \
        && rm -rf /var/lib/apt/lists/*')
    if [ "$(docker wait "$container")" != 0 ]; then
      docker logs "$container" >&2
      docker rm "$container" >/dev/null
      echo "error: could not install PoCL into $local" >&2
      return 1
    fi
    docker commit "$container" "$local" >/dev/null
    docker rm "$container" >/dev/null
  fi
  echo "$local"
}

ensure_docker_daemon
BTM_CONTAINER_BASE_IMAGE=$(jre_image) || exit 1
BTM_MINER_BASE_IMAGE=$(pocl_image "$BTM_CONTAINER_BASE_IMAGE") || exit 1
export BTM_CONTAINER_BASE_IMAGE BTM_MINER_BASE_IMAGE
export TESTCONTAINERS_RYUK_DISABLED=true
# Where the host reaches the containers: loopback. Without it, Testcontainers running inside a
# container (as CI may) would start a helper image to find the gateway, and pull it.
export TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1
echo "container base images: $BTM_CONTAINER_BASE_IMAGE, $BTM_MINER_BASE_IMAGE"

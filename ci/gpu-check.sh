#!/usr/bin/env bash
# The device check for a machine with a GPU, in about five minutes: lists the OpenCL devices, reads
# what the driver's own compiler makes of each kernel (registers, spills, the hot loop's instruction
# mix, where NVIDIA's ptxas and cuobjdump are there), checks every GPU kernel shape against every
# golden vector, benchmarks each for 20 s, mines the demo for 60 s at a difficulty that suits a GPU,
# and prints one table with the device's name. Kernel variants (GPU_CHECK_VARIANTS, "shape:NAME=VALUE"
# words) are checked on the node's vectors and benchmarked for 10 s beside them.
#   ci/gpu-check.sh             on the first GPU; exit 1 if there is none or a check fails
#   ci/gpu-check.sh --dry-run   the same steps, shortened, on the default device (PoCL in CI)
# Needs java and the built jars (mvn -B package -DskipTests). Logs go to $GPU_CHECK_OUT
# (default target/gpu-check).
set -uo pipefail
cd "$(dirname "$0")/.."
dry=false
[ "${1:-}" = --dry-run ] && dry=true
out=${GPU_CHECK_OUT:-$PWD/target/gpu-check}
mkdir -p "$out"
for jar in miner/target/miner.jar demo/target/demo.jar; do
  [ -f $jar ] || { echo "gpu-check: $jar is missing: build first (mvn -B package -DskipTests)"; exit 2; }
done
miner() { java -jar miner/target/miner.jar "$@"; }
failed=0
fail() { echo "gpu-check: FAIL: $*"; failed=1; }

# NVIDIA's OpenCL driver is often there without its ICD file (containers, driver mounts): no
# platform appears until one names it.
nvidia_lib=$(ldconfig -p 2>/dev/null | awk '/libnvidia-opencl\.so\.1 / {print $NF; exit}')
if [ -n "$nvidia_lib" ] && ! grep -qs nvidia-opencl /etc/OpenCL/vendors/*.icd; then
  if [ -w /etc/OpenCL/vendors ] || [ -w /etc ]; then
    mkdir -p /etc/OpenCL/vendors && echo "$nvidia_lib" >/etc/OpenCL/vendors/nvidia.icd
    echo "registered NVIDIA's OpenCL driver: /etc/OpenCL/vendors/nvidia.icd -> $nvidia_lib"
  else
    echo "NVIDIA's OpenCL driver $nvidia_lib has no ICD file: as root, echo $nvidia_lib > /etc/OpenCL/vendors/nvidia.icd"
  fi
fi

echo "== devices"
miner devices 2>&1 | grep -v '^WARNING' | tee "$out/devices.txt"
# The GPU: the first device the miner would try GPU kernels on (their list ends in "workgroup").
gpu=$(awk 'NR > 1 && /tiled, workgroup/ {print $1; exit}' "$out/devices.txt")
if $dry; then
  device=${gpu:-0}
  shapes="tiled mma"
  vectors=(--vectors vectors/bytom-node-tests.json)
  bench_seconds=3 variant_seconds=2 demo_seconds=20 difficulty=32 batch=(-i 2)
else
  [ -n "$gpu" ] || { echo "gpu-check: no GPU among the OpenCL devices (ci/gpu-check.sh --dry-run runs on PoCL)"; exit 1; }
  device=$gpu
  shapes=$(awk -v d="$gpu" '$1 == d {for (i = 1; i <= NF; i++) if ($i ~ /^(mma|tiled|workgroup),?$/) {sub(",", "", $i); printf "%s ", $i}}' "$out/devices.txt")
  vectors=()
  bench_seconds=20 variant_seconds=10 demo_seconds=60 difficulty=${GPU_CHECK_DIFFICULTY:-4096} batch=()
fi
name=$(awk -v d="$device" 'NR > 1 && $1 == d {sub(/^[0-9]+ +/, ""); sub(/  .*/, ""); print; exit}' "$out/devices.txt")
echo "device $device: $name; kernel shapes: $shapes"

echo "== what the driver's compiler makes of each kernel"
miner kernels -d "$device" --out "$out/binaries" 2>&1 | grep -v '^WARNING'
sm=$(command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=compute_cap --format=csv,noheader 2>/dev/null | head -1 | tr -d .)
if [ -n "$sm" ] && command -v ptxas >/dev/null && command -v cuobjdump >/dev/null; then
  python3 ci/gpu/kernel_stats.py --header | tee "$out/driver-kernels.tsv"
  for shape in $shapes; do
    bin=$out/binaries/$shape.bin
    ptxas -arch=sm_$sm -v "$bin" -o "$bin.cubin" 2>"$bin.ptxas.log" && cuobjdump -sass "$bin.cubin" >"$bin.sass" \
      && python3 ci/gpu/kernel_stats.py nvidia $shape sm_$sm "$bin.ptxas.log" "$bin.sass" | tee -a "$out/driver-kernels.tsv"
  done
else
  echo "(no NVIDIA ptxas and cuobjdump here: the binaries are in $out/binaries)"
fi

declare -A exact rate
run_shape() { # label shape seconds vectors... -- defines...
  local label=$1 shape=$2 seconds=$3; shift 3
  local defines=() vecs=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do vecs+=("$1"); shift; done
  [ "${1:-}" = -- ] && shift
  for d in "$@"; do defines+=(--kernel-define "$d"); done
  echo "== $label: golden vectors"
  miner verify -d "$device" --kernel-shape $shape "${batch[@]}" "${defines[@]}" "${vecs[@]}" >"$out/verify-$label.log" 2>&1
  tail -1 "$out/verify-$label.log"
  exact[$label]=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out/verify-$label.log" | tail -1)
  [[ ${exact[$label]:-} == *" 0 failed" ]] || { fail "$label: ${exact[$label]:-verify did not finish}"; grep -v '^\s*at ' "$out/verify-$label.log" | tail -5; }
  echo "== $label: bench, $seconds s"
  miner bench -d "$device" --kernel-shape $shape "${batch[@]}" "${defines[@]}" --seconds $seconds >"$out/bench-$label.log" 2>&1
  tail -1 "$out/bench-$label.log"
  rate[$label]=$(grep -oE 'kernel: [0-9.]+ H/s \([^)]*\)' "$out/bench-$label.log" | tail -1 | sed 's/kernel: //')
  [ -n "${rate[$label]}" ] || fail "$label: bench did not finish"
}
labels=()
for shape in $shapes; do
  run_shape $shape $shape $bench_seconds "${vectors[@]}"
  labels+=($shape)
done
variants=${GPU_CHECK_VARIANTS-}
$dry && variants="tiled:TILE_ROWS=32"
for variant in $variants; do
  shape=${variant%%:*} defines=${variant#*:}
  run_shape "$variant" $shape $variant_seconds --vectors vectors/bytom-node-tests.json -- ${defines//,/ }
  labels+=("$variant")
done

echo "== demo: $demo_seconds s on device $device at difficulty $difficulty"
java -jar demo/target/demo.jar -d "$device" --seconds $demo_seconds --difficulty $difficulty >"$out/demo.log" 2>&1
demo_status=$?
grep -E '^(miner|pool):|^demo ' "$out/demo.log"
[ $demo_status -eq 0 ] || fail "demo exited $demo_status"
demo_line=$(grep -E '^demo ' "$out/demo.log" | tail -1)
demo_rate=$(grep -oE '"10s":[0-9.]+' "$out/demo.log" | tail -1 | cut -d: -f2)

echo
echo "== gpu-check on device $device: $name ($(date -u +%Y-%m-%d))$($dry && echo ', DRY RUN')"
printf '%-28s %-22s %s\n' "kernel" "golden vectors" "bench"
for label in "${labels[@]}"; do
  printf '%-28s %-22s %s\n' "$label" "${exact[$label]:--}" "${rate[$label]:--}"
done
printf '%-28s %s\n' "demo ($demo_seconds s, difficulty $difficulty)" "${demo_line:-did not finish}${demo_rate:+, miner ${demo_rate} H/s over the last 10 s}"
[ $failed -eq 0 ] && echo "gpu-check: passed" || echo "gpu-check: FAILED"
exit $failed

#!/usr/bin/env bash
# Builds every GPU kernel offline for the NVIDIA and AMD targets a miner meets, and prints, per kernel
# and target, its registers, spills, stack or scratch, shared memory, occupancy and the hot loop's
# instruction mix (ci/gpu/kernel_stats.py), then the performance model's estimates (labelled as such:
# no GPU ran them). Fails when a kernel does not compile, spills or keeps a stack or scratch, or its
# hot loop lacks the instruction it was written for (IDP.4A / v_dot4 for tiled, IMMA for mma).
#
# Tools: clang-14, llvm-14 and libclc-14 (OpenCL C to NVPTX), clang-15 and llvm-15 (amdgcn: LLVM 14
# knows no gfx11), NVIDIA's ptxas (CUDA 13.0 under /usr/local/cuda-13.0 where it is there) for the
# resource figures, and Debian's nvidia-cuda-toolkit 11.8 (non-free) for cuobjdump: only that
# package's binaries are unpacked, under $BTM_GPU_TOOLS, and its ptxas makes the cubins that
# cuobjdump 11.8 reads (it cannot read CUDA 13's). Installs what is missing.
#   ci/gpu-compile.sh            every kernel, every target
#   GPU_COMPILE_OUT=DIR          where the PTX, cubins, SASS and assembly go (default target/gpu-compile)
set -euo pipefail
cd "$(dirname "$0")/.."
kernels=$PWD/kernels
out=${GPU_COMPILE_OUT:-$PWD/target/gpu-compile}
tools=${BTM_GPU_TOOLS:-/opt/btm-gpu-tools}
mkdir -p "$out"

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
need=()
for tool in clang-14 llvm-link-14 opt-14 llc-14 clang-15 llvm-link-15 opt-15 llc-15; do
  command -v $tool >/dev/null || need+=("$tool")
done
[ -f /usr/lib/clc/nvptx64--nvidiacl.bc ] || need+=(libclc)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing clang/LLVM 14 and 15 and libclc (missing: ${need[*]})"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends clang-14 llvm-14 libclc-14 clang-15 llvm-15 >/dev/null
fi
if [ ! -x "$tools/usr/bin/cuobjdump" ]; then
  echo "unpacking cuobjdump, nvdisasm and ptxas 11.8 from Debian's nvidia-cuda-toolkit (non-free) into $tools"
  if ! apt-cache show nvidia-cuda-toolkit >/dev/null 2>&1; then
    echo "Types: deb
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: non-free
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg" | $SUDO tee /etc/apt/sources.list.d/btm-non-free.sources >/dev/null
    $SUDO apt-get update -qq
  fi
  download=$(mktemp -d)
  (cd "$download" && apt-get download -qq nvidia-cuda-toolkit)
  $SUDO mkdir -p "$tools"
  dpkg-deb --fsys-tarfile "$download"/nvidia-cuda-toolkit_*.deb | $SUDO tar -x -C "$tools" ./usr/bin/cuobjdump ./usr/bin/nvdisasm ./usr/bin/ptxas
  rm -rf "$download"
fi
ptxas13=$(command -v ptxas || true)
[ -x /usr/local/cuda-13.0/bin/ptxas ] && ptxas13=/usr/local/cuda-13.0/bin/ptxas
ptxas11=$tools/usr/bin/ptxas
cuobjdump=$tools/usr/bin/cuobjdump
stats=ci/gpu/kernel_stats.py

# OpenCL C to PTX for one kernel: clang's OpenCL front end (no GNU asm keyword in OpenCL C mode, so
# asm is spelled __asm__), libclc's work-item functions, LLVM's optimizer and NVPTX back end.
ptx() { # kernel defines cpu ptx-version file
  local bc=$out/$1-$3.bc
  clang-14 -x cl -cl-std=CL1.2 -target nvptx64-nvidia-nvcl -Xclang -finclude-default-header -Dasm=__asm__ $2 \
    -I"$kernels" -O3 -emit-llvm -c "$kernels/chain_$1.cl" -o "$bc"
  llvm-link-14 "$bc" /usr/lib/clc/nvptx64--nvidiacl.bc -o "$bc.linked" 2>/dev/null
  opt-14 -O3 "$bc.linked" -o "$bc.opt"
  llc-14 -mcpu=$3 -mattr=+$4 "$bc.opt" -o "$5"
}

rows=$out/rows.tsv
: >"$rows"
failed=0
echo "== NVIDIA (ptxas ${ptxas13:+$("$ptxas13" --version | grep -o 'release [0-9.]*' | cut -d' ' -f2) for the figures, }11.8 for the SASS)"
python3 $stats --header
for arch in sm_75 sm_80 sm_86 sm_89 sm_90; do
  # The host's options on NVIDIA (OpenClContext.buildOptions): PTX, a 64-row block for 48 KiB of
  # local memory, and m16n8k32 from sm_80 on; LLVM 14's newest NVPTX target is sm_80, whose PTX
  # ptxas builds for sm_86, sm_89 and sm_90 as well.
  if [ $arch = sm_75 ]; then cpu=sm_75 isa=ptx65 mma=-DBTM_MMA_M8N8K16; else cpu=sm_80 isa=ptx70 mma=-DBTM_MMA_M16N8K32; fi
  for kernel in tiled mma; do
    defines="-DBTM_NVIDIA_PTX -DTILE_ROWS=64"
    [ $kernel = mma ] && defines="$defines $mma"
    file=$out/$kernel-$arch
    if ! ptx $kernel "$defines" $cpu $isa "$file.ptx" 2>"$file.err"; then
      echo -e "$kernel\t$arch\tdoes not compile: $(head -3 "$file.err")"; failed=1; continue
    fi
    if [ -n "$ptxas13" ]; then
      "$ptxas13" -arch=$arch -v "$file.ptx" -o "$file.cubin" 2>"$file.ptxas.log" || { echo -e "$kernel\t$arch\tptxas failed"; failed=1; continue; }
    else
      "$ptxas11" -arch=$arch -v "$file.ptx" -o "$file.cubin" 2>"$file.ptxas.log"
    fi
    "$ptxas11" -arch=$arch "$file.ptx" -o "$file.sass.cubin"
    "$cuobjdump" -sass "$file.sass.cubin" >"$file.sass"
    python3 $stats nvidia $kernel $arch "$file.ptxas.log" "$file.sass" | tee -a "$rows" || failed=1
  done
done

echo "== AMD (clang-15 / LLVM 15)"
python3 $stats --header
for arch in gfx906 gfx90a gfx1030 gfx1100; do
  # The host's rows per block (OpenClContext.buildOptions): 32 on RDNA3, where LLVM gives a
  # 256-wide work-group 128 VGPRs and 64 rows spill.
  rows_per_block=64
  [[ $arch == gfx11* ]] && rows_per_block=32
  file=$out/tiled-$arch
  if ! clang-15 -x cl -cl-std=CL1.2 -target amdgcn-amd-amdhsa -mcpu=$arch -nogpulib -Xclang -finclude-default-header \
      -DTILE_ROWS=$rows_per_block -I"$kernels" -O3 -emit-llvm -c "$kernels/chain_tiled.cl" -o "$file.bc" 2>"$file.err"; then
    echo -e "tiled\t$arch\tdoes not compile: $(head -3 "$file.err")"; failed=1; continue
  fi
  llvm-link-15 "$file.bc" /usr/lib/clc/amdgcn--amdhsa.bc -o "$file.linked.bc" 2>/dev/null
  opt-15 -O3 "$file.linked.bc" -o "$file.opt.bc"
  llc-15 -mtriple=amdgcn-amd-amdhsa -mcpu=$arch "$file.opt.bc" -o "$file.s"
  python3 $stats amd tiled $arch "$file.s" || failed=1
done

echo "== Performance model: ESTIMATES from the SASS above and published per-SM rates; no GPU ran them"
python3 $stats model "$rows" | column -t -s $'\t'
if [ $failed -ne 0 ]; then
  echo "gpu-compile: FAILED (see the rows marked FAIL or not compiled)"
  exit 1
fi
echo "gpu-compile: every kernel compiled for every target, no spill, no stack, the intended instruction in every hot loop"

#!/usr/bin/env python3
"""Resource figures and the hot loop's instruction mix of one compiled GPU kernel, and the
performance model built on them.

  kernel_stats.py nvidia KERNEL ARCH PTXAS_LOG SASS   one row: ptxas -v's figures, SASS's hot loop
  kernel_stats.py amd KERNEL ARCH ASM                  one row: the assembly's figures and hot loop
  kernel_stats.py model ROWS.tsv                       estimated H/s on A100, H100 and H200

Rows are tab-separated (the header comes from --header). The hot loop is the innermost backward
branch's body that holds the most of the instruction the kernel is written for (IMMA, IDP.4A,
v_dot4); without any, the largest loop. Exit status 1 when the kernel spills, keeps a stack or
scratch, or its hot loop lacks that instruction.
"""
import re
import sys

FIELDS = ["kernel", "target", "registers", "spill_bytes", "stack_bytes", "shared_bytes", "occupancy",
          "hot_loop", "intended", "mix", "verdict"]

# Work-items of a work-group (KernelShape.java).
WORK_GROUP = {"tiled": 256, "mma": 128}

# What each kernel is written for: the instruction its hot loop must have, per vendor.
INTENDED = {("tiled", "nvidia"): "IDP.4A", ("mma", "nvidia"): "IMMA", ("tiled", "amd"): "v_dot4"}


def loops(lines, is_backward_branch):
    """(start, end) index ranges of loop bodies: from a branch target up to the branch back to it."""
    labels = {}
    found = []
    for i, line in enumerate(lines):
        label = line.get("label")
        if label is not None:
            labels[label] = i
        target = is_backward_branch(line)
        if target is not None and target in labels:
            found.append((labels[target], i))
    return found


def hot_loop(lines, loop_ranges, intended):
    def count(r, pattern):
        return sum(1 for line in lines[r[0]:r[1] + 1] if line["op"].startswith(pattern))
    if not loop_ranges:
        return (0, len(lines) - 1)
    with_intended = [r for r in loop_ranges if count(r, intended) > 0]
    if with_intended:
        # innermost among those with the most of the intended instruction
        best = max(count(r, intended) for r in with_intended)
        return min((r for r in with_intended if count(r, intended) == best), key=lambda r: r[1] - r[0])
    return max(loop_ranges, key=lambda r: r[1] - r[0])


def mix(lines, r, classes):
    counts = {}
    total = 0
    for line in lines[r[0]:r[1] + 1]:
        op = line["op"]
        if not op:
            continue
        total += 1
        for name, pattern in classes:
            if re.match(pattern, op):
                counts[name] = counts.get(name, 0) + 1
                if name in MEMORY:
                    counts["lsu_clocks"] = counts.get("lsu_clocks", 0) + max(1, 32 * access_bytes(op) // 128)
                break
    return total, counts


MEMORY = ("LDS", "STS", "LDG", "STG", "LDL", "STL")


def access_bytes(op):
    """Bytes a lane moves in a load or store, from the opcode's width suffix (32 bits without one)."""
    for suffix, size in ((".128", 16), (".64", 8), (".U16", 2), (".S16", 2), (".U8", 1), (".S8", 1)):
        if suffix in op:
            return size
    return 4


NVIDIA_CLASSES = [("IMMA.16832", r"IMMA\.16832"), ("IMMA.8816", r"IMMA\.8816"), ("IDP.4A", r"IDP\.4A"), ("LDS", r"LDS"), ("STS", r"STS"),
                  ("LDG", r"LDG"), ("STG", r"STG"), ("LDL", r"LDL"), ("STL", r"STL"), ("BAR", r"BAR")]
AMD_CLASSES = [("v_dot4", r"v_dot4"), ("v_wmma", r"v_wmma"), ("ds_read", r"ds_(read|load)"),
               ("ds_write", r"ds_(write|store)"), ("global", r"global_"), ("scratch", r"(scratch_|buffer_)"),
               ("barrier", r"s_barrier")]


def nvidia(kernel, arch, ptxas_log, sass_file):
    log = open(ptxas_log).read()
    entry = log[log.index("'tensority_chain_" + kernel + "'"):] if ("'tensority_chain_" + kernel + "'") in log else log
    regs = int(re.search(r"Used (\d+) registers", entry).group(1))
    stack = int(re.search(r"(\d+) bytes stack frame", entry).group(1))
    spill = sum(int(x) for x in re.search(r"(\d+) bytes spill stores, (\d+) bytes spill loads", entry).groups())
    smem_match = re.search(r"(\d+) bytes smem", entry.split("Compile time")[0])
    smem = int(smem_match.group(1)) if smem_match else 0
    lines = []
    in_kernel = False
    for raw in open(sass_file):
        if "Function : tensority_chain_" in raw:
            in_kernel = raw.strip().endswith("tensority_chain_" + kernel)
            continue
        if not in_kernel:
            continue
        m = re.match(r"\s*/\*([0-9a-f]{4,})\*/\s+(?:@!?U?P\w+\s+)?([A-Z][A-Z0-9_.]*)(.*?);", raw)
        if m:
            lines.append({"label": int(m.group(1), 16), "op": m.group(2), "args": m.group(3)})

    def backward(line):
        if line["op"].startswith("BRA"):
            t = re.search(r"0x([0-9a-f]+)", line["args"])
            if t and int(t.group(1), 16) <= line["label"]:
                return int(t.group(1), 16)
        return None
    intended = INTENDED.get((kernel, "nvidia"), "")
    r = hot_loop(lines, loops(lines, backward), intended or "\0")
    total, counts = mix(lines, r, NVIDIA_CLASSES)
    threads = WORK_GROUP[kernel]
    per_warp = -(-regs * 32 // 256) * 256
    max_warps = 32 if arch == "sm_75" else 48 if arch in ("sm_86", "sm_89") else 64
    shared_per_sm = {"sm_75": 64, "sm_80": 164, "sm_86": 100, "sm_89": 100, "sm_90": 228}[arch] * 1024
    blocks = min(65536 // (per_warp * threads // 32), max_warps // (threads // 32), shared_per_sm // smem if smem else 32)
    row(kernel, arch, regs, spill, stack, smem, "%d warps/SM" % (blocks * threads // 32), total, intended, counts,
        spill == 0 and stack == 0 and (not intended or has(counts, intended)))


def has(counts, intended):
    """Whether the mix holds the instruction, by its name's prefix (IMMA: any of its shapes)."""
    return any(name.startswith(intended) and n > 0 for name, n in counts.items())


def amd(kernel, arch, asm_file):
    text = open(asm_file).read()
    def meta(name):
        m = re.search(r"\." + name + r":\s+(\d+)", text)
        return int(m.group(1)) if m else 0
    vgpr, sgpr = meta("vgpr_count"), meta("sgpr_count")
    scratch = meta("private_segment_fixed_size")
    lds = meta("group_segment_fixed_size")
    lines = []
    for raw in text.splitlines():
        label = re.match(r"^(\.LBB\w+):", raw)
        if label:
            lines.append({"label": label.group(1), "op": "", "args": ""})
            continue
        m = re.match(r"^\s+([sv]_\w+|ds_\w+|global_\w+|scratch_\w+|buffer_\w+|flat_\w+)\s*(.*)", raw)
        if m:
            lines.append({"label": None, "op": m.group(1), "args": m.group(2)})

    def backward(line):
        if line["op"].startswith("s_cbranch") or line["op"] == "s_branch":
            t = re.search(r"(\.LBB\w+)", line["args"])
            return t.group(1) if t else None
        return None
    intended = INTENDED.get((kernel, "amd"), "")
    r = hot_loop(lines, loops(lines, backward), intended or "\0")
    total, counts = mix(lines, r, AMD_CLASSES)
    # Waves per SIMD allowed by VGPRs (an estimate: gfx9 has 256 VGPRs a lane in wave64, gfx90a
    # 512 with the AGPRs, RDNA 1024 in wave32).
    budget, cap = (512, 8) if arch == "gfx90a" else (256, 10) if arch.startswith("gfx9") else (1024, 16)
    waves = min(cap, budget // max(vgpr, 1))
    row(kernel, arch, "%d v / %d s" % (vgpr, sgpr), 0, scratch, lds, "%d waves/SIMD" % waves, total, intended, counts,
        scratch == 0 and counts.get("scratch", 0) == 0 and (not intended or has(counts, intended)))


def row(kernel, arch, regs, spill, stack, smem, occupancy, total, intended, counts, ok):
    mix_text = " ".join("%s %d" % (k, v) for k, v in sorted(counts.items())) or "-"
    print("\t".join(str(x) for x in [kernel, arch, regs, spill, stack, smem, occupancy, total, intended or "-",
                                      mix_text, "ok" if ok else "FAIL"]))
    if not ok:
        sys.exit(1)


# --- the performance model -------------------------------------------------------------------
# Published figures per GPU: SMs, boost clock, and per-SM rates in warp-instructions a clock.
# IMMA.16832 (int8) retires 4096 multiply-adds, IMMA.8816 1024. An RTX 2080 (Turing) does 1024
# int8 MAC/clk/SM, an A100 2048 (624 dense TOPS), an H100/H200 4096 (1979 TOPS at 1.83 GHz) with
# wgmma; mma.sync is modelled at that rate, an upper bound. IDP.4A: 64 lanes a clock (the integer pipe). Loads and stores: 128 bytes a clock and at
# least one clock an instruction (lsu_clocks), as if every access were coalesced: the model cannot
# see addresses. Issue: one instruction a clock in each of 4 sub-partitions.
GPUS = [("RTX 2080", "sm_75", 46, 1.71e9, 1024), ("A100 SXM", "sm_80", 108, 1.41e9, 2048), ("H100 SXM", "sm_90", 132, 1.98e9, 4096),
        ("H200 SXM", "sm_90", 132, 1.98e9, 4096)]
MACS_PER_HASH = 4 * 63 * 256 ** 3


def model(rows_file):
    rows = [dict(zip(FIELDS, line.rstrip("\n").split("\t"))) for line in open(rows_file) if line.strip()]
    print("\t".join(["kernel", "gpu", "bound by", "estimated H/s", "ceiling of its instruction"]))
    for r in rows:
        counts = dict((k, int(v)) for k, v in re.findall(r"(\S+) (\d+)", r["mix"]))
        for name, arch, sms, clock, imma_macs in GPUS:
            if r["target"] != arch:
                continue
            imma = counts.get("IMMA.16832", 0) * 4096 + counts.get("IMMA.8816", 0) * 1024
            idp = counts.get("IDP.4A", 0)
            macs = imma + idp * 4 * 32       # multiply-adds of one warp's pass of the loop
            if macs == 0:
                continue
            clocks = {"tensor": imma / imma_macs, "dp4a": idp / 2.0,
                      "load/store": counts.get("lsu_clocks", 0),
                      "issue": int(r["hot_loop"]) / 4.0}
            bound = max(clocks, key=clocks.get)
            rate = sms * clock * macs / clocks[bound] / MACS_PER_HASH
            ceiling = sms * clock * (imma_macs if imma else 64 * 4) / MACS_PER_HASH
            print("\t".join([r["kernel"], name, bound, "%.0f" % rate, "%.0f" % ceiling]))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--header"]:
        print("\t".join(FIELDS))
    elif sys.argv[1] == "nvidia":
        nvidia(*sys.argv[2:6])
    elif sys.argv[1] == "amd":
        amd(*sys.argv[2:5])
    elif sys.argv[1] == "model":
        model(sys.argv[2])
    else:
        sys.exit(__doc__)

package io.btm.miner.backend.opencl;

import io.btm.core.util.Labels;

import java.util.List;
import java.util.stream.Stream;

/**
 * Which chain kernel of {@code kernels/} a device runs: its file, its work-group and the cache
 * layout it reads. The CPU kernels with x86 instructions run only where the host CPU has them
 * ({@link CpuFeatures}); the tensor-core kernel runs on NVIDIA's tensor cores, or emulated.
 */
public enum KernelShape {
    /** One work-item per chain with whole rows of int16 in vector registers: any CPU (PoCL), AVX2 included. */
    VECTOR("tensority_chain_vector", "chain_vector.cl", 1, 1, CacheLayout.INT16_ROWS, null),
    /** One 256-wide work-group per chain, a column per work-item: the first GPU kernel. */
    WORKGROUP("tensority_chain_workgroup", "chain_workgroup.cl", 256, 256, CacheLayout.INT16_ROWS, null),
    /**
     * One work-item per chain on AVX-512 VNNI: int8 dot products ({@code vpdpbusd}) of M + 128 and A,
     * corrected by 128 × A's row sums; 8 rows × 32 columns of int32 accumulators in registers.
     */
    VNNI("tensority_chain_vnni", "chain_x86.cl", 1, 1, CacheLayout.UINT8_QUADS, CpuFeatures.AVX512_VNNI),
    /** One work-item per chain on AVX-512BW without VNNI: multiply-adds of int16 pairs ({@code vpmaddwd}). */
    MADDWD("tensority_chain_maddwd", "chain_x86.cl", 1, 1, CacheLayout.INT16_PAIRS, CpuFeatures.AVX512BW),
    /**
     * One 256-wide work-group per chain, designed for GPUs with dp4a: a block of A's rows in local
     * memory, M streamed through local memory in k-tiles, an 8×8 output tile per work-item in
     * registers; dp4a by NVIDIA's PTX, AMD's sdot4 or {@code cl_khr_integer_dot_product} where there
     * is one, exact float multiply-adds elsewhere (the path PoCL runs in the tests).
     */
    TILED("tensority_chain_tiled", "chain_tiled.cl", 256, 256, CacheLayout.INT8_QUADS, null),
    /**
     * Eight warps per chain, in two work-groups of four, on NVIDIA's int8 tensor cores
     * ({@code mma.sync}, sm_75 and later), each warp's 32 rows of A in registers as mma fragments
     * and staged in local memory between products; elsewhere the same kernel with the mma emulated
     * through local memory (exact and slow: for the tests).
     */
    MMA("tensority_chain_mma", "chain_mma.cl", 256, 128, CacheLayout.MMA_B_FRAGMENTS, null);

    /** The first NVIDIA compute capability (major × 10 + minor) with int8 mma: Turing's sm_75. */
    static final int MMA_MIN_CAPABILITY = 75;
    /** The first with the m16n8k32 shape: Ampere's sm_80. */
    static final int MMA_M16N8K32_CAPABILITY = 80;

    final String kernelName;
    /** The kernel's file in {@code kernels/}. */
    final String sourceFile;
    /** Work-items per chain, in work-groups of {@link #workGroupSize}, which divides it. */
    final int workItemsPerChain;
    final int workGroupSize;
    final CacheLayout layout;
    /** The CPU flag the kernel's instructions need, or null for a portable kernel. */
    final String cpuFlag;

    KernelShape(String kernelName, String sourceFile, int workItemsPerChain, int workGroupSize, CacheLayout layout, String cpuFlag) {
        this.kernelName = kernelName;
        this.sourceFile = sourceFile;
        this.workItemsPerChain = workItemsPerChain;
        this.workGroupSize = workGroupSize;
        this.layout = layout;
        this.cpuFlag = cpuFlag;
    }

    /** The command-line name: {@code vector}, {@code workgroup}, {@code vnni}, {@code maddwd}, {@code tiled}, {@code mma}. */
    public String label() {
        return Labels.lowerCase(this);
    }

    public CacheLayout layout() {
        return layout;
    }

    public static KernelShape parse(String label) {
        return Labels.parse(KernelShape.class, KernelShape::label, "kernel shape", label);
    }

    /**
     * Why this kernel cannot run on the device, or null if it can: an x86 kernel on a GPU, or on a CPU
     * without its instructions, would not build or would die of an illegal instruction; an NVIDIA
     * GPU older than Turing has no int8 mma.
     */
    public String unsupportedOn(OpenClDevice device, CpuFeatures cpu) {
        if (this == MMA && device.nvidia() && device.computeCapability() < MMA_MIN_CAPABILITY) {
            return "the mma kernel needs int8 tensor cores (sm_75 or later); device " + device.label() + " is sm_"
                    + device.computeCapability();
        }
        if (cpuFlag == null) {
            return null;
        }
        if (!device.cpu()) {
            return "the " + label() + " kernel is for CPU devices; device " + device.label() + " is not one";
        }
        if (!cpu.has(cpuFlag)) {
            return "the " + label() + " kernel needs the " + cpuFlag + " instructions, which this CPU lacks";
        }
        return null;
    }

    /** Whether the device runs an emulation of this kernel's instructions: the mma kernel off NVIDIA. */
    public boolean emulatedOn(OpenClDevice device) {
        return this == MMA && !device.nvidia();
    }

    /**
     * The kernels worth trying on a device, best first: on a CPU those its instructions allow, widest
     * first (the first exact one mines); on a GPU the tensor-core kernel where there are tensor
     * cores, the tiled kernel and the first one, to be timed against each other.
     */
    public static List<KernelShape> candidatesFor(OpenClDevice device, CpuFeatures cpu) {
        if (!device.cpu()) {
            return Stream.of(MMA, TILED, WORKGROUP).filter(shape -> !shape.emulatedOn(device) && shape.unsupportedOn(device, cpu) == null).toList();
        }
        return Stream.of(VNNI, MADDWD, VECTOR).filter(shape -> shape.unsupportedOn(device, cpu) == null).toList();
    }

    @Override
    public String toString() {
        return label();
    }
}

package io.btm.miner.backend.opencl;

import io.btm.core.util.Labels;

import java.util.List;
import java.util.stream.Stream;

/**
 * Which chain kernel of {@code kernels/tensority.cl} a device runs, and the cache layout it reads.
 * The CPU kernels with x86 instructions run only where the host CPU has them ({@link CpuFeatures}).
 */
public enum KernelShape {
    /** One work-item per chain with whole rows of int16 in vector registers: any CPU (PoCL), AVX2 included. */
    VECTOR("tensority_chain_vector", 1, CacheLayout.INT16_ROWS, null),
    /** One 256-wide work-group per chain, a column per work-item: the first GPU kernel. */
    WORKGROUP("tensority_chain_workgroup", 256, CacheLayout.INT16_ROWS, null),
    /**
     * One work-item per chain on AVX-512 VNNI: int8 dot products ({@code vpdpbusd}) of M + 128 and A,
     * corrected by 128 × A's row sums; 8 rows × 32 columns of int32 accumulators in registers.
     */
    VNNI("tensority_chain_vnni", 1, CacheLayout.UINT8_QUADS, CpuFeatures.AVX512_VNNI),
    /** One work-item per chain on AVX-512BW without VNNI: multiply-adds of int16 pairs ({@code vpmaddwd}). */
    MADDWD("tensority_chain_maddwd", 1, CacheLayout.INT16_PAIRS, CpuFeatures.AVX512BW),
    /**
     * One 256-wide work-group per chain, designed for GPUs with dp4a: a block of A's rows in local
     * memory, M streamed through local memory in k-tiles, an 8×8 output tile per work-item; dp4a by
     * {@code cl_khr_integer_dot_product} or NVIDIA's PTX where there is one, exact float
     * multiply-adds elsewhere (the path PoCL runs in the tests).
     */
    TILED("tensority_chain_tiled", 256, CacheLayout.INT8_QUADS, null);

    final String kernelName;
    final int workItemsPerChain;
    final CacheLayout layout;
    /** The CPU flag the kernel's instructions need, or null for a portable kernel. */
    final String cpuFlag;

    KernelShape(String kernelName, int workItemsPerChain, CacheLayout layout, String cpuFlag) {
        this.kernelName = kernelName;
        this.workItemsPerChain = workItemsPerChain;
        this.layout = layout;
        this.cpuFlag = cpuFlag;
    }

    /** The command-line name: {@code vector}, {@code workgroup}, {@code vnni}, {@code maddwd}, {@code tiled}. */
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
     * without its instructions, would not build or would die of an illegal instruction.
     */
    public String unsupportedOn(OpenClDevice device, CpuFeatures cpu) {
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

    /**
     * The kernels worth trying on a device, best first: on a CPU those its instructions allow, widest
     * first (the first exact one mines); on a GPU the tiled kernel and the first one, to be timed
     * against each other.
     */
    public static List<KernelShape> candidatesFor(OpenClDevice device, CpuFeatures cpu) {
        if (!device.cpu()) {
            return List.of(TILED, WORKGROUP);
        }
        return Stream.of(VNNI, MADDWD, VECTOR).filter(shape -> shape.unsupportedOn(device, cpu) == null).toList();
    }

    @Override
    public String toString() {
        return label();
    }
}

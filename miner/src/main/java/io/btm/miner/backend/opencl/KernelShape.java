package io.btm.miner.backend.opencl;

import io.btm.core.util.Labels;

import java.util.Locale;

/** Which chain kernel of {@code kernels/tensority.cl} a device runs. */
public enum KernelShape {
    /** One work-item per chain with whole rows in vector registers: CPUs (PoCL). */
    VECTOR("tensority_chain_vector", 1),
    /** One 256-wide work-group per chain, a column per work-item: GPUs. */
    WORKGROUP("tensority_chain_workgroup", 256);

    final String kernelName;
    final int workItemsPerChain;

    KernelShape(String kernelName, int workItemsPerChain) {
        this.kernelName = kernelName;
        this.workItemsPerChain = workItemsPerChain;
    }

    /** The command-line name: {@code vector}, {@code workgroup}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static KernelShape parse(String label) {
        return Labels.parse(KernelShape.class, KernelShape::label, "kernel shape", label);
    }

    public static KernelShape bestFor(OpenClDevice device) {
        return device.cpu() ? VECTOR : WORKGROUP;
    }

    @Override
    public String toString() {
        return label();
    }
}

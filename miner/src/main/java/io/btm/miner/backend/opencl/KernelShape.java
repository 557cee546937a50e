package io.btm.miner.backend.opencl;

/** Which chain kernel of {@code kernels/tensority.cl} a device runs. */
public enum KernelShape {
    /** One work-item per chain with whole rows in vector registers: CPUs (PoCL). */
    vector("tensority_chain_vector", 1),
    /** One 256-wide work-group per chain, a column per work-item: GPUs. */
    workgroup("tensority_chain_workgroup", 256);

    final String kernelName;
    final int workItemsPerChain;

    KernelShape(String kernelName, int workItemsPerChain) {
        this.kernelName = kernelName;
        this.workItemsPerChain = workItemsPerChain;
    }

    public static KernelShape bestFor(OpenClDevice device) {
        return device.cpu() ? vector : workgroup;
    }
}

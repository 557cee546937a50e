package io.btm.miner.backend.opencl;

import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * A chain kernel of {@code kernels/tensority.cl} in one {@link KernelShape}: for each chain, its
 * 32-entry matrix sequence in, its final 256×256 int8 matrix out (64 folded products). Every chain
 * kernel takes the same arguments: cache, sequences, chains.
 */
public final class ChainKernel {
    private final OpenClContext context;
    private final KernelShape shape;
    private final cl_kernel kernel;

    public ChainKernel(OpenClContext context, KernelShape shape) {
        this.context = context;
        this.shape = shape;
        this.kernel = context.kernel(shape.kernelName);
    }

    public KernelShape shape() {
        return shape;
    }

    /** Enqueues {@code chains} chains: sequences (32 bytes each) in, one matrix per chain out. */
    public void enqueue(MatrixCacheUpload cache, cl_mem sequences, cl_mem matrices, int chains) {
        CL.clSetKernelArg(kernel, 0, Sizeof.cl_mem, Pointer.to(cache.buffer()));
        CL.clSetKernelArg(kernel, 1, Sizeof.cl_mem, Pointer.to(sequences));
        CL.clSetKernelArg(kernel, 2, Sizeof.cl_mem, Pointer.to(matrices));
        context.launch(kernel, (long) chains * shape.workItemsPerChain, shape.workGroupSize);
    }
}

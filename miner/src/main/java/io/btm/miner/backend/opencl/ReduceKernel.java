package io.btm.miner.backend.opencl;

import io.btm.core.tensority.Tensority;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * The reduction kernel: per nonce, its four chain matrices summed, packed and FNV-folded into the
 * 256 bytes the host's final SHA3 takes; one work-item per output word.
 */
public final class ReduceKernel {
    private final OpenClContext context;
    private final cl_kernel kernel;

    public ReduceKernel(OpenClContext context) {
        this.context = context;
        this.kernel = context.kernel("tensority_reduce");
    }

    /** Enqueues the reduction of the first {@code nonces} nonces' chains into {@code reduced}. */
    public void enqueue(cl_mem matrices, cl_mem reduced, int nonces) {
        CL.clSetKernelArg(kernel, 0, Sizeof.cl_mem, Pointer.to(matrices));
        CL.clSetKernelArg(kernel, 1, Sizeof.cl_mem, Pointer.to(reduced));
        context.launch(kernel, (long) nonces * Tensority.REDUCED_WORDS, 0);
    }
}

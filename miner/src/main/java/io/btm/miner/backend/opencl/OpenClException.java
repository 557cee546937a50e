package io.btm.miner.backend.opencl;

import io.btm.miner.support.UserError;

/** An OpenCL failure the user can act on: no runtime, a kernel that does not build, no memory. */
public final class OpenClException extends UserError {
    static final String INSTALL_HINT = "install an OpenCL driver for your device, or PoCL for the CPU "
            + "(Debian: apt-get install pocl-opencl-icd ocl-icd-libopencl1 ocl-icd-opencl-dev)";

    public OpenClException(String message) {
        super(message);
    }

    public OpenClException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.btm.miner.backend.opencl;

import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;
import static org.jocl.CL.CL_TRUE;

/**
 * One device's OpenCL context, command queue and built program, and every object made from them:
 * the wrapper the kernel classes and the backend share (xmrig's {@code OclContext}). Released in
 * reverse order on {@link #close}. Not thread-safe: a device is driven by one thread.
 */
public final class OpenClContext implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpenClContext.class);

    private final OpenClDevice device;
    private final List<Runnable> releases = new ArrayList<>();
    private final cl_context context;
    private final cl_command_queue queue;
    private final cl_program program;
    private final String buildOptions;

    /** Builds the program of one kernel shape: its chain kernel and the reduction. */
    public OpenClContext(OpenClDevice device, KernelShape shape, KernelSource source) {
        this.device = device;
        try {
            cl_context_properties properties = new cl_context_properties();
            properties.addProperty(CL.CL_CONTEXT_PLATFORM, device.platformId());
            context = CL.clCreateContext(properties, 1, new cl_device_id[]{device.deviceId()}, null, null, null);
            releases.add(() -> CL.clReleaseContext(context));
            queue = createQueue();
            releases.add(() -> CL.clReleaseCommandQueue(queue));
            buildOptions = buildOptions(device, CpuFeatures.host(), shape, source);
            program = build(shape, source.texts(shape), buildOptions);
        } catch (CLException e) {
            close();
            throw failure(e, "");
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public OpenClDevice device() {
        return device;
    }

    /** The options the program was built with. */
    public String buildOptions() {
        return buildOptions;
    }

    /** The program as the device's compiler built it (PTX text on NVIDIA). */
    public byte[] programBinary() {
        long[] size = new long[1];
        CL.clGetProgramInfo(program, CL.CL_PROGRAM_BINARY_SIZES, Sizeof.size_t, Pointer.to(size), null);
        byte[] binary = new byte[(int) size[0]];
        CL.clGetProgramInfo(program, CL.CL_PROGRAM_BINARIES, Sizeof.POINTER, Pointer.to(new Pointer[]{Pointer.to(binary)}), null);
        return binary;
    }

    /** The OpenCL 1.2 call, so devices whose platforms predate 2.0 work too. */
    @SuppressWarnings("deprecation")
    private cl_command_queue createQueue() {
        return CL.clCreateCommandQueue(context, device.deviceId(), 0, null);
    }

    public cl_kernel kernel(String name) {
        cl_kernel kernel = CL.clCreateKernel(program, name, null);
        releases.add(() -> CL.clReleaseKernel(kernel));
        return kernel;
    }

    public cl_mem buffer(long flags, long bytes) {
        cl_mem memory = CL.clCreateBuffer(context, flags, bytes, null, null);
        releases.add(() -> CL.clReleaseMemObject(memory));
        return memory;
    }

    /** Blocking write of {@code bytes} bytes from {@code host} at {@code offset} of the buffer. */
    public void write(cl_mem buffer, long offset, long bytes, Pointer host) {
        CL.clEnqueueWriteBuffer(queue, buffer, CL_TRUE, offset, bytes, host, 0, null, null);
    }

    /** Blocking read of {@code bytes} bytes at {@code offset} of the buffer into {@code host}. */
    public void read(cl_mem buffer, long offset, long bytes, Pointer host) {
        CL.clEnqueueReadBuffer(queue, buffer, CL_TRUE, offset, bytes, host, 0, null, null);
    }

    /** Enqueues a one-dimensional launch; {@code local} 0 lets the driver choose. */
    public void launch(cl_kernel kernel, long global, long local) {
        CL.clEnqueueNDRangeKernel(queue, kernel, 1, null, new long[]{global}, local == 0 ? null : new long[]{local}, 0, null, null);
    }

    /**
     * An {@link OpenClException} the user can act on. {@code memoryHint} says what asked for the
     * memory, for the errors that mean the device ran out of it.
     */
    public OpenClException failure(CLException e, String memoryHint) {
        int status = e.getStatus();
        if (status == CL.CL_MEM_OBJECT_ALLOCATION_FAILURE || status == CL.CL_OUT_OF_RESOURCES
                || status == CL.CL_OUT_OF_HOST_MEMORY || status == CL.CL_INVALID_BUFFER_SIZE) {
            return new OpenClException("device " + device.label() + " is out of memory" + memoryHint + " ("
                    + CL.stringFor_errorCode(status) + ")", e);
        }
        return new OpenClException("OpenCL error on device " + device.label() + ": " + e.getMessage(), e);
    }

    private cl_program build(KernelShape shape, String[] sources, String options) {
        cl_program built = CL.clCreateProgramWithSource(context, sources.length, sources, null, null);
        releases.add(() -> CL.clReleaseProgram(built));
        try {
            CL.clBuildProgram(built, 0, null, options, null, null);
        } catch (CLException e) {
            throw new OpenClException("the " + shape + " kernel does not build on device " + device.label()
                    + " (options: " + options + "); build log:\n" + buildLog(built), e);
        }
        return built;
    }

    /**
     * What the kernels may use on this device, as macros: x86 intrinsics on a CPU device of an
     * x86-64 host (each x86 kernel is run only where the CPU has its instructions), integer dot
     * products where the device reports them, inline PTX on NVIDIA, the tiled kernel's row block
     * sized to the device's local memory, and the mma kernel's instruction for the device's
     * tensor cores, or its emulation where there are none; then the developer's definitions, whose
     * own choice of the mma instruction (a {@code BTM_MMA_…}) replaces the host's.
     */
    static String buildOptions(OpenClDevice device, CpuFeatures cpu, KernelShape shape, KernelSource source) {
        StringBuilder options = new StringBuilder("-cl-std=CL1.2");
        if (device.cpu() && cpu.x86()) {
            options.append(" -DBTM_X86_CPU");
        }
        if (device.nvidia()) {
            options.append(" -DBTM_NVIDIA_PTX");
        } else if (device.hasExtension("cl_khr_integer_dot_product")) {
            options.append(" -DBTM_DOT_PRODUCT");
        }
        // A block of R rows of A (R·256 bytes) and two k-tiles of M (8 KiB each) in local memory;
        // 32 rows on AMD's RDNA3 (gfx11), where LLVM gives a 256-wide work-group 128 VGPRs and the
        // 64-row tile spills (ci/gpu-compile.sh shows it).
        boolean rdna3 = device.name().startsWith("gfx11");
        options.append(" -DTILE_ROWS=").append(device.localMemory() >= 48 * 1024 && !rdna3 ? 64 : 32);
        if (shape == KernelShape.MMA && source.defines().stream().noneMatch(define -> define.startsWith("BTM_MMA_"))) {
            options.append(shape.emulatedOn(device) ? " -DBTM_MMA_EMULATE"
                    : device.computeCapability() >= KernelShape.MMA_M16N8K32_CAPABILITY ? " -DBTM_MMA_M16N8K32" : " -DBTM_MMA_M8N8K16");
        }
        return options + source.options();
    }

    private String buildLog(cl_program built) {
        long[] size = new long[1];
        CL.clGetProgramBuildInfo(built, device.deviceId(), CL_PROGRAM_BUILD_LOG, 0, null, size);
        byte[] log = new byte[(int) size[0]];
        CL.clGetProgramBuildInfo(built, device.deviceId(), CL_PROGRAM_BUILD_LOG, log.length, Pointer.to(log), null);
        return new String(log, StandardCharsets.UTF_8).trim();
    }

    /** Releases everything made, newest first; never throws. */
    @Override
    public void close() {
        for (int i = releases.size() - 1; i >= 0; i--) {
            try {
                releases.get(i).run();
            } catch (CLException e) {
                LOG.warn("releasing an OpenCL object of device {}: {}", device.label(), e.getMessage());
            }
        }
        releases.clear();
    }
}

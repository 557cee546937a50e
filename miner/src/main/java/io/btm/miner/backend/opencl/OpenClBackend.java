package io.btm.miner.backend.opencl;

import io.btm.core.tensority.MatrixCache;
import io.btm.core.tensority.Tensority;
import io.btm.core.util.Bytes32;
import io.btm.miner.backend.TensorityBackend;
import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import org.jocl.cl_program;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.btm.core.tensority.MatrixCache.DIM;
import static io.btm.core.tensority.MatrixCache.MATRICES;
import static io.btm.core.tensority.MatrixCache.MATRIX_SIZE;
import static io.btm.core.tensority.Tensority.CHAINS;
import static io.btm.core.tensority.Tensority.REDUCED_BYTES;
import static io.btm.core.tensority.Tensority.SEQUENCE_LENGTH;
import static org.jocl.CL.CL_MEM_READ_ONLY;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_MEM_WRITE_ONLY;
import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;
import static org.jocl.CL.CL_TRUE;

/**
 * Tensority on one OpenCL device: the matrix cache uploaded once per seed, batches of nonces'
 * chains and reductions on the device, header hashing and the final SHA3 on the host.
 *
 * <p>Not thread-safe: a device is driven by one thread, which owns its queue and buffers.
 */
public final class OpenClBackend implements TensorityBackend {
    private static final Logger LOG = LoggerFactory.getLogger(OpenClBackend.class);
    public static final String KERNEL_RESOURCE = "kernels/tensority.cl";
    static final long CACHE_BYTES = (long) MATRICES * MATRIX_SIZE * Short.BYTES;
    static final long BYTES_PER_NONCE = (long) CHAINS * MATRIX_SIZE + CHAINS * SEQUENCE_LENGTH + REDUCED_BYTES;

    private final OpenClDevice device;
    private final KernelShape shape;
    private final int batchSize;
    private final List<Runnable> releases = new ArrayList<>();
    private final cl_command_queue queue;
    private final cl_kernel chainKernel;
    private final cl_kernel reduceKernel;
    private final cl_mem cacheBuffer;
    private final cl_mem sequenceBuffer;
    private final cl_mem chainBuffer;
    private final cl_mem reducedBuffer;
    private Bytes32 uploadedSeed;

    /**
     * @param source the kernel source, or null for the one bundled in the jar
     */
    public OpenClBackend(OpenClDevice device, KernelShape shape, int batchSize, Path source) {
        this.device = device;
        this.shape = shape;
        this.batchSize = batchSize;
        checkBatchFits(device, batchSize);
        try {
            cl_context_properties properties = new cl_context_properties();
            properties.addProperty(CL.CL_CONTEXT_PLATFORM, device.platformId());
            cl_context context = CL.clCreateContext(properties, 1, new org.jocl.cl_device_id[]{device.deviceId()}, null, null, null);
            releases.add(() -> CL.clReleaseContext(context));
            queue = createQueue(context);
            releases.add(() -> CL.clReleaseCommandQueue(queue));
            cl_program program = build(context, source);
            chainKernel = CL.clCreateKernel(program, shape.kernelName, null);
            releases.add(() -> CL.clReleaseKernel(chainKernel));
            reduceKernel = CL.clCreateKernel(program, "tensority_reduce", null);
            releases.add(() -> CL.clReleaseKernel(reduceKernel));
            cacheBuffer = buffer(context, CL_MEM_READ_ONLY, CACHE_BYTES);
            sequenceBuffer = buffer(context, CL_MEM_READ_ONLY, (long) batchSize * CHAINS * SEQUENCE_LENGTH);
            chainBuffer = buffer(context, CL_MEM_READ_WRITE, (long) batchSize * CHAINS * MATRIX_SIZE);
            reducedBuffer = buffer(context, CL_MEM_WRITE_ONLY, (long) batchSize * REDUCED_BYTES);
        } catch (CLException e) {
            close();
            throw translate(e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.debug("OpenCL device {} ready: {} kernel, batch {}", device.label(), shape, batchSize);
    }

    /** The OpenCL 1.2 call, so devices whose platforms predate 2.0 work too. */
    @SuppressWarnings("deprecation")
    private cl_command_queue createQueue(cl_context context) {
        return CL.clCreateCommandQueue(context, device.deviceId(), 0, null);
    }

    @Override
    public String name() {
        return "opencl:" + device.label();
    }

    public KernelShape shape() {
        return shape;
    }

    @Override
    public int preferredBatchSize() {
        return batchSize;
    }

    @Override
    public byte[][] hash(MatrixCache cache, byte[][] headerHashes) {
        byte[][] results = new byte[headerHashes.length][];
        for (int start = 0; start < headerHashes.length; start += batchSize) {
            int count = Math.min(batchSize, headerHashes.length - start);
            byte[] sequences = new byte[count * CHAINS * SEQUENCE_LENGTH];
            for (int n = 0; n < count; n++) {
                for (int k = 0; k < CHAINS; k++) {
                    byte[] sequence = Tensority.chainSequence(headerHashes[start + n], k);
                    System.arraycopy(sequence, 0, sequences, (n * CHAINS + k) * SEQUENCE_LENGTH, SEQUENCE_LENGTH);
                }
            }
            runChains(cache, sequences, count * CHAINS);
            byte[] reduced = reduce(count);
            for (int n = 0; n < count; n++) {
                byte[] words = new byte[REDUCED_BYTES];
                System.arraycopy(reduced, n * REDUCED_BYTES, words, 0, REDUCED_BYTES);
                results[start + n] = Tensority.finish(words);
            }
        }
        return results;
    }

    /** Stage: uploads the cache (if its seed is not already there) and reads matrix m back. */
    short[] cacheMatrix(MatrixCache cache, int matrix) {
        ensureCache(cache);
        short[] out = new short[MATRIX_SIZE];
        run(() -> CL.clEnqueueReadBuffer(queue, cacheBuffer, CL_TRUE, (long) matrix * MATRIX_SIZE * Short.BYTES,
                (long) MATRIX_SIZE * Short.BYTES, Pointer.to(out), 0, null, null));
        return out;
    }

    /** Stage: runs chains for the given 32-byte sequences (at most 4 × batch) and reads their R matrices back. */
    byte[][] chains(MatrixCache cache, byte[][] sequences) {
        byte[] packed = new byte[sequences.length * SEQUENCE_LENGTH];
        for (int c = 0; c < sequences.length; c++) {
            System.arraycopy(sequences[c], 0, packed, c * SEQUENCE_LENGTH, SEQUENCE_LENGTH);
        }
        runChains(cache, packed, sequences.length);
        byte[][] out = new byte[sequences.length][MATRIX_SIZE];
        for (int c = 0; c < sequences.length; c++) {
            long offset = (long) c * MATRIX_SIZE;
            byte[] target = out[c];
            run(() -> CL.clEnqueueReadBuffer(queue, chainBuffer, CL_TRUE, offset, MATRIX_SIZE, Pointer.to(target), 0, null, null));
        }
        return out;
    }

    /** Stage: the reduction alone, of four R matrices per nonce written straight to the device. */
    byte[][] reduceOnly(byte[][][] chainsPerNonce) {
        for (int n = 0; n < chainsPerNonce.length; n++) {
            for (int k = 0; k < CHAINS; k++) {
                long offset = ((long) n * CHAINS + k) * MATRIX_SIZE;
                byte[] source = chainsPerNonce[n][k];
                run(() -> CL.clEnqueueWriteBuffer(queue, chainBuffer, CL_TRUE, offset, MATRIX_SIZE, Pointer.to(source), 0, null, null));
            }
        }
        byte[] reduced = reduce(chainsPerNonce.length);
        byte[][] out = new byte[chainsPerNonce.length][REDUCED_BYTES];
        for (int n = 0; n < out.length; n++) {
            System.arraycopy(reduced, n * REDUCED_BYTES, out[n], 0, REDUCED_BYTES);
        }
        return out;
    }

    private void runChains(MatrixCache cache, byte[] sequences, int chains) {
        if (chains > batchSize * CHAINS) {
            throw new IllegalArgumentException(chains + " chains exceed the batch of " + batchSize + " nonces");
        }
        ensureCache(cache);
        run(() -> {
            CL.clEnqueueWriteBuffer(queue, sequenceBuffer, CL_TRUE, 0, sequences.length, Pointer.to(sequences), 0, null, null);
            CL.clSetKernelArg(chainKernel, 0, Sizeof.cl_mem, Pointer.to(cacheBuffer));
            CL.clSetKernelArg(chainKernel, 1, Sizeof.cl_mem, Pointer.to(sequenceBuffer));
            CL.clSetKernelArg(chainKernel, 2, Sizeof.cl_mem, Pointer.to(chainBuffer));
            long local = shape.workItemsPerChain;
            CL.clEnqueueNDRangeKernel(queue, chainKernel, 1, null, new long[]{chains * local}, new long[]{local}, 0, null, null);
        });
    }

    /** Reduces the chains of the first {@code nonces} nonces in the chain buffer. */
    private byte[] reduce(int nonces) {
        byte[] reduced = new byte[nonces * REDUCED_BYTES];
        run(() -> {
            CL.clSetKernelArg(reduceKernel, 0, Sizeof.cl_mem, Pointer.to(chainBuffer));
            CL.clSetKernelArg(reduceKernel, 1, Sizeof.cl_mem, Pointer.to(reducedBuffer));
            CL.clEnqueueNDRangeKernel(queue, reduceKernel, 1, null, new long[]{nonces * 64L}, null, 0, null, null);
            CL.clEnqueueReadBuffer(queue, reducedBuffer, CL_TRUE, 0, reduced.length, Pointer.to(reduced), 0, null, null);
        });
        return reduced;
    }

    private void ensureCache(MatrixCache cache) {
        Bytes32 seed = Bytes32.of(cache.seed());
        if (seed.equals(uploadedSeed)) {
            return;
        }
        short[] host = new short[MATRICES * MATRIX_SIZE];
        for (int m = 0; m < MATRICES; m++) {
            for (int k = 0; k < DIM; k++) {
                cache.copyTransposedRow(m, k, host, (m * DIM + k) * DIM);
            }
        }
        run(() -> CL.clEnqueueWriteBuffer(queue, cacheBuffer, CL_TRUE, 0, CACHE_BYTES, Pointer.to(host), 0, null, null));
        uploadedSeed = seed;
        LOG.debug("matrix cache of seed {} uploaded to device {}", seed, device.label());
    }

    private void run(Runnable calls) {
        try {
            calls.run();
        } catch (CLException e) {
            throw translate(e);
        }
    }

    private OpenClException translate(CLException e) {
        int status = e.getStatus();
        if (status == CL.CL_MEM_OBJECT_ALLOCATION_FAILURE || status == CL.CL_OUT_OF_RESOURCES
                || status == CL.CL_OUT_OF_HOST_MEMORY || status == CL.CL_INVALID_BUFFER_SIZE) {
            return new OpenClException("device " + device.label() + " is out of memory for batch size " + batchSize
                    + " (" + describeBytes(batchSize * BYTES_PER_NONCE + CACHE_BYTES) + "): use a smaller batch ("
                    + CL.stringFor_errorCode(status) + ")", e);
        }
        return new OpenClException("OpenCL error on device " + device.label() + ": " + e.getMessage(), e);
    }

    private static void checkBatchFits(OpenClDevice device, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size: must be at least 1, got " + batchSize);
        }
        long chainBytes = (long) batchSize * CHAINS * MATRIX_SIZE;
        long total = batchSize * BYTES_PER_NONCE + CACHE_BYTES;
        if (chainBytes > device.maxAllocation() || total > device.globalMemory()) {
            throw new OpenClException("batch size " + batchSize + " needs " + describeBytes(total)
                    + " (one buffer of " + describeBytes(chainBytes) + "), more than device " + device.label()
                    + " has (" + describeBytes(device.globalMemory()) + ", buffers up to " + describeBytes(device.maxAllocation())
                    + "): use a smaller batch");
        }
    }

    static String describeBytes(long bytes) {
        return bytes >= 1 << 30 ? String.format("%.1f GiB", bytes / (double) (1 << 30)) : (bytes >> 20) + " MiB";
    }

    private cl_program build(cl_context context, Path source) {
        cl_program program = CL.clCreateProgramWithSource(context, 1, new String[]{readSource(source)}, null, null);
        releases.add(() -> CL.clReleaseProgram(program));
        try {
            CL.clBuildProgram(program, 0, null, "-cl-std=CL1.2", null, null);
        } catch (CLException e) {
            throw new OpenClException("the Tensority kernels do not build on device " + device.label()
                    + "; build log:\n" + buildLog(program), e);
        }
        return program;
    }

    private String buildLog(cl_program program) {
        long[] size = new long[1];
        CL.clGetProgramBuildInfo(program, device.deviceId(), CL_PROGRAM_BUILD_LOG, 0, null, size);
        byte[] log = new byte[(int) size[0]];
        CL.clGetProgramBuildInfo(program, device.deviceId(), CL_PROGRAM_BUILD_LOG, log.length, Pointer.to(log), null);
        return new String(log, StandardCharsets.UTF_8).trim();
    }

    private static String readSource(Path source) {
        try {
            if (source != null) {
                return Files.readString(source);
            }
            try (InputStream in = OpenClBackend.class.getClassLoader().getResourceAsStream(KERNEL_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(KERNEL_RESOURCE + " is missing from this build");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("kernel source " + source + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private cl_mem buffer(cl_context context, long flags, long bytes) {
        cl_mem memory = CL.clCreateBuffer(context, flags, bytes, null, null);
        releases.add(() -> CL.clReleaseMemObject(memory));
        return memory;
    }

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

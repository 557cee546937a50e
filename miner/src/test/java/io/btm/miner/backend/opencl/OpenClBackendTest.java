package io.btm.miner.backend.opencl;

import io.btm.core.tensority.MatrixCache;
import io.btm.core.tensority.MatrixCacheStore;
import io.btm.core.tensority.Tensority;
import io.btm.core.util.Bytes32;
import io.btm.core.vectors.GoldenVector;
import io.btm.core.vectors.VectorFiles;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.cl_mem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The kernels on the default OpenCL device (PoCL in CI): every golden vector exactly, and each
 * stage against the reference so that a wrong result points at its stage.
 */
@Tag("opencl")
class OpenClBackendTest {
    private static final Path VECTORS = Path.of(System.getProperty("btm.vectors.dir", "../vectors"));
    private static final MatrixCacheStore CACHES = new MatrixCacheStore(1);
    private static OpenClDevice device;
    private static OpenClBackend vector;
    private static MatrixCache zeroSeed;

    @BeforeAll
    static void open() {
        device = OpenClDevices.get(0);
        vector = new OpenClBackend(device, KernelShape.VECTOR, 4, KernelSource.BUNDLED);
        zeroSeed = CACHES.get(Bytes32.ZERO);
    }

    @AfterAll
    static void close() {
        vector.close();
    }

    @TestFactory
    Stream<DynamicTest> vectorKernelPassesEveryGoldenFile() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(VECTORS)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                tests.addAll(check(vector, VectorFiles.read(file)));
            }
        }
        return tests.stream();
    }

    /** Every kernel shape but those whose instructions this machine lacks: on CI's CPU, all of them. */
    private static List<KernelShape> runnableShapes() {
        return Stream.of(KernelShape.values()).filter(shape -> shape.unsupportedOn(device, CpuFeatures.host()) == null).toList();
    }

    @TestFactory
    Stream<DynamicTest> everyOtherKernelPassesTheNodeVectors() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelShape shape : runnableShapes()) {
            if (shape == KernelShape.VECTOR || shape == KernelShape.MMA) {
                continue; // every golden file, above and below
            }
            try (OpenClBackend backend = new OpenClBackend(device, shape, 3, KernelSource.BUNDLED)) {
                tests.addAll(check(backend, VectorFiles.read(VECTORS.resolve("bytom-node-tests.json"))));
            }
        }
        return tests.stream();
    }

    /**
     * The tensor-core kernel with its mma emulated from the PTX ISA's fragment layouts: every line
     * but the one instruction is the code NVIDIA's tensor cores run.
     */
    @TestFactory
    Stream<DynamicTest> theMmaKernelsEmulationPassesEveryGoldenFile() throws IOException {
        assertThat(KernelShape.MMA.emulatedOn(device)).isTrue();
        List<DynamicTest> tests = new ArrayList<>();
        try (OpenClBackend backend = new OpenClBackend(device, KernelShape.MMA, 4, KernelSource.BUNDLED);
             Stream<Path> files = Files.list(VECTORS)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                tests.addAll(check(backend, VectorFiles.read(file)));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> theKernelThisCpuMinesWithPassesEveryGoldenFile() throws IOException {
        KernelShape best = KernelShape.candidatesFor(device, CpuFeatures.host()).get(0);
        List<DynamicTest> tests = new ArrayList<>();
        try (OpenClBackend backend = new OpenClBackend(device, best, 4, KernelSource.BUNDLED);
             Stream<Path> files = Files.list(VECTORS)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                tests.addAll(check(backend, VectorFiles.read(file)));
            }
        }
        return tests.stream();
    }

    @Test
    void thisCpuMinesWithVnniWhereItHasIt() {
        // CI's CPU (Zen 5) has AVX-512 VNNI: the host must find it and choose the VNNI kernel by itself.
        org.junit.jupiter.api.Assumptions.assumeTrue(CpuFeatures.host().has(CpuFeatures.AVX512_VNNI), "no VNNI on this CPU");
        assertThat(KernelShape.candidatesFor(device, CpuFeatures.host())).startsWith(KernelShape.VNNI);
    }

    @Test
    void aKernelTheCpuCannotRunIsRefusedByName() {
        CpuFeatures avx2Only = new CpuFeatures("amd64", java.util.Set.of("avx2"));
        assertThat(KernelShape.VNNI.unsupportedOn(device, avx2Only)).contains("needs the avx512_vnni instructions");
        assertThat(KernelShape.MADDWD.unsupportedOn(device, avx2Only)).contains("avx512bw");
        assertThat(KernelShape.candidatesFor(device, avx2Only)).containsExactly(KernelShape.VECTOR);
        assertThat(KernelShape.TILED.unsupportedOn(device, avx2Only)).isNull();
    }

    /** Hashes vectors seed by seed (batches larger than the backend's, to cross batch edges) and checks each. */
    private static List<DynamicTest> check(OpenClBackend backend, List<GoldenVector> vectors) {
        Map<Bytes32, List<GoldenVector>> bySeed = new LinkedHashMap<>();
        vectors.forEach(v -> bySeed.computeIfAbsent(v.seed(), s -> new ArrayList<>()).add(v));
        List<DynamicTest> tests = new ArrayList<>();
        for (var group : bySeed.entrySet()) {
            List<GoldenVector> batch = group.getValue();
            byte[][] results = backend.hash(CACHES.get(group.getKey()),
                    batch.stream().map(v -> v.headerHash().toArray()).toArray(byte[][]::new));
            for (int i = 0; i < batch.size(); i++) {
                GoldenVector v = batch.get(i);
                byte[] result = results[i];
                tests.add(DynamicTest.dynamicTest(backend.shape() + " " + v.id(), () -> assertThat(v.check(result)).isEmpty()));
            }
        }
        return tests;
    }

    /** A GPU-sized batch: the host's sequences and final SHA3 run in parallel chunks, each nonce in its place. */
    @Test
    void aBatchOfManyChunksKeepsEveryNonceInItsPlace() {
        KernelShape best = KernelShape.candidatesFor(device, CpuFeatures.host()).get(0);
        byte[][] headers = new byte[600][32];
        Random random = new Random(5);
        for (byte[] header : headers) {
            random.nextBytes(header);
        }
        try (OpenClBackend backend = new OpenClBackend(device, best, headers.length, KernelSource.BUNDLED)) {
            byte[][] results = backend.hash(zeroSeed, headers);
            for (int n : new int[]{0, 255, 256, 511, 512, 599}) {
                assertThat(results[n]).as("nonce %d", n).isEqualTo(Tensority.hash(headers[n], zeroSeed));
            }
        }
    }

    @Test
    void cacheUploadKeepsTheSharedLayout() {
        try (OpenClContext context = new OpenClContext(device, KernelShape.VECTOR, KernelSource.BUNDLED)) {
            MatrixCacheUpload upload = new MatrixCacheUpload(context, CacheLayout.INT16_ROWS);
            upload.ensure(zeroSeed);
            for (int m : new int[]{0, 1, 128, 255}) {
                short[] onDevice = new short[MatrixCache.MATRIX_SIZE];
                long bytes = (long) MatrixCache.MATRIX_SIZE * Short.BYTES;
                context.read(upload.buffer(), m * bytes, bytes, Pointer.to(onDevice));
                short[] expected = new short[MatrixCache.MATRIX_SIZE];
                for (int k = 0; k < MatrixCache.DIM; k++) {
                    zeroSeed.copyTransposedRow(m, k, expected, k * MatrixCache.DIM);
                }
                assertThat(onDevice).as("matrix %d", m).isEqualTo(expected);
            }
        }
    }

    @Test
    void oneChainMatchesTheReferenceChainInEveryShapeThisCpuRuns() {
        Random random = new Random(3);
        byte[][] sequences = new byte[5][32];
        for (byte[] s : sequences) {
            random.nextBytes(s);
        }
        for (KernelShape shape : runnableShapes()) {
            byte[][] fromDevice = chains(shape, sequences);
            for (int c = 0; c < sequences.length; c++) {
                assertThat(fromDevice[c]).as("%s chain %d", shape, c).isEqualTo(Tensority.chain(sequences[c], zeroSeed));
            }
        }
    }

    /** The chain kernel alone: sequences in, each chain's final matrix read back. */
    private static byte[][] chains(KernelShape shape, byte[][] sequences) {
        try (OpenClContext context = new OpenClContext(device, shape, KernelSource.BUNDLED)) {
            MatrixCacheUpload upload = new MatrixCacheUpload(context, shape.layout());
            upload.ensure(zeroSeed);
            byte[] packed = new byte[sequences.length * Tensority.SEQUENCE_LENGTH];
            for (int c = 0; c < sequences.length; c++) {
                System.arraycopy(sequences[c], 0, packed, c * Tensority.SEQUENCE_LENGTH, Tensority.SEQUENCE_LENGTH);
            }
            cl_mem sequenceBuffer = context.buffer(CL.CL_MEM_READ_ONLY, packed.length);
            cl_mem matrices = context.buffer(CL.CL_MEM_READ_WRITE, (long) sequences.length * MatrixCache.MATRIX_SIZE);
            context.write(sequenceBuffer, 0, packed.length, Pointer.to(packed));
            new ChainKernel(context, shape).enqueue(upload, sequenceBuffer, matrices, sequences.length);
            byte[][] out = new byte[sequences.length][MatrixCache.MATRIX_SIZE];
            for (int c = 0; c < sequences.length; c++) {
                context.read(matrices, (long) c * MatrixCache.MATRIX_SIZE, MatrixCache.MATRIX_SIZE, Pointer.to(out[c]));
            }
            return out;
        }
    }

    @Test
    void reductionMatchesTheReferenceFoldAndFnv() {
        Random random = new Random(4);
        byte[][][] chains = new byte[3][Tensority.CHAINS][MatrixCache.MATRIX_SIZE];
        for (byte[][] nonce : chains) {
            for (byte[] chain : nonce) {
                random.nextBytes(chain);
            }
        }
        try (OpenClContext context = new OpenClContext(device, KernelShape.VECTOR, KernelSource.BUNDLED)) {
            cl_mem matrices = context.buffer(CL.CL_MEM_READ_ONLY, (long) chains.length * Tensority.CHAINS * MatrixCache.MATRIX_SIZE);
            cl_mem reduced = context.buffer(CL.CL_MEM_WRITE_ONLY, (long) chains.length * Tensority.REDUCED_BYTES);
            for (int n = 0; n < chains.length; n++) {
                for (int k = 0; k < Tensority.CHAINS; k++) {
                    long offset = ((long) n * Tensority.CHAINS + k) * MatrixCache.MATRIX_SIZE;
                    context.write(matrices, offset, MatrixCache.MATRIX_SIZE, Pointer.to(chains[n][k]));
                }
            }
            new ReduceKernel(context).enqueue(matrices, reduced, chains.length);
            for (int n = 0; n < chains.length; n++) {
                byte[] fromDevice = new byte[Tensority.REDUCED_BYTES];
                context.read(reduced, (long) n * Tensority.REDUCED_BYTES, Tensority.REDUCED_BYTES, Pointer.to(fromDevice));
                assertThat(fromDevice).as("nonce %d", n).isEqualTo(Tensority.reduce(chains[n]));
            }
        }
    }

    @Test
    void aBatchLargerThanTheDeviceIsNamedInTheError() {
        int huge = (int) Math.min(Integer.MAX_VALUE, device.globalMemory() / OpenClBackend.BYTES_PER_NONCE + 1);
        assertThatThrownBy(() -> new OpenClBackend(device, KernelShape.VECTOR, huge, KernelSource.BUNDLED))
                .isInstanceOf(OpenClException.class)
                .hasMessageContaining("batch size " + huge)
                .hasMessageContaining("use a smaller batch");
    }

    @Test
    void aKernelThatDoesNotBuildShowsTheBuildLog(@TempDir Path dir) throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.cl"), "__kernel void tensority_chain_vector(__global int *x) { x[0] = undeclared_name; }\n");
        assertThatThrownBy(() -> new OpenClBackend(device, KernelShape.VECTOR, 1, new KernelSource(broken, List.of())))
                .isInstanceOf(OpenClException.class)
                .hasMessageContaining("the vector kernel does not build on device " + device.label())
                .hasMessageContaining("undeclared_name");
    }

    @Test
    void automaticBatchSizeFitsTheDevice() {
        int size = BatchSizing.choose(device, KernelShape.VECTOR, KernelSource.BUNDLED);
        assertThat(size).isBetween(1, BatchSizing.memoryLimit(device));
    }
}

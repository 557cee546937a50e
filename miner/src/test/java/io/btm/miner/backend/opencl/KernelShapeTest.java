package io.btm.miner.backend.opencl;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Which kernels a device is offered, and how each is built for it: no OpenCL needed. */
class KernelShapeTest {
    private static final CpuFeatures VNNI_CPU = new CpuFeatures("amd64", Set.of("avx2", "avx512bw", "avx512_vnni"));

    private static OpenClDevice gpu(String name, String vendor, int computeCapability) {
        return new OpenClDevice(0, name, vendor, vendor + " platform", "OpenCL 3.0", 80L << 30, 20L << 30, 48 * 1024, 132, false,
                "cl_khr_fp64", computeCapability, null, null);
    }

    private static final OpenClDevice H200 = gpu("NVIDIA H200", "NVIDIA Corporation", 90);
    private static final OpenClDevice RTX_2080 = gpu("NVIDIA GeForce RTX 2080", "NVIDIA Corporation", 75);
    private static final OpenClDevice GTX_1080_TI = gpu("NVIDIA GeForce GTX 1080 Ti", "NVIDIA Corporation", 61);
    private static final OpenClDevice RX_7900 = gpu("gfx1100", "Advanced Micro Devices, Inc.", 0);
    private static final OpenClDevice POCL = new OpenClDevice(0, "pthread-skylake-avx512", "AuthenticAMD", "Portable Computing Language",
            "OpenCL 3.0 PoCL", 16L << 30, 4L << 30, 1 << 20, 2, true, "", 0, null, null);

    @Test
    void tensorCoresComeFirstOnNvidiaFromTuringOn() {
        assertThat(KernelShape.candidatesFor(H200, VNNI_CPU)).containsExactly(KernelShape.MMA, KernelShape.TILED, KernelShape.WORKGROUP);
        assertThat(KernelShape.candidatesFor(RTX_2080, VNNI_CPU)).containsExactly(KernelShape.MMA, KernelShape.TILED, KernelShape.WORKGROUP);
    }

    @Test
    void aGpuWithoutInt8MmaIsNotOfferedTheMmaKernelAndIsToldWhyWhenItAsks() {
        assertThat(KernelShape.candidatesFor(GTX_1080_TI, VNNI_CPU)).containsExactly(KernelShape.TILED, KernelShape.WORKGROUP);
        assertThat(KernelShape.MMA.unsupportedOn(GTX_1080_TI, VNNI_CPU)).contains("sm_75 or later").contains("sm_61");
        // Off NVIDIA the mma kernel is an emulation: never chosen by itself, allowed when asked for.
        assertThat(KernelShape.candidatesFor(RX_7900, VNNI_CPU)).containsExactly(KernelShape.TILED, KernelShape.WORKGROUP);
        assertThat(KernelShape.MMA.unsupportedOn(RX_7900, VNNI_CPU)).isNull();
        assertThat(KernelShape.MMA.emulatedOn(RX_7900)).isTrue();
        assertThat(KernelShape.candidatesFor(POCL, VNNI_CPU)).doesNotContain(KernelShape.MMA);
    }

    @Test
    void theMmaInstructionFollowsTheComputeCapability() {
        assertThat(options(H200, KernelShape.MMA)).contains("-DBTM_NVIDIA_PTX", "-DBTM_MMA_M16N8K32").doesNotContain("M8N8K16", "EMULATE");
        assertThat(options(RTX_2080, KernelShape.MMA)).contains("-DBTM_MMA_M8N8K16").doesNotContain("M16N8K32", "EMULATE");
        assertThat(options(POCL, KernelShape.MMA)).contains("-DBTM_MMA_EMULATE", "-DBTM_X86_CPU");
        assertThat(options(H200, KernelShape.TILED)).doesNotContain("BTM_MMA");
    }

    @Test
    void aDevelopersDefinitionsComeLastAndTheirMmaChoiceReplacesTheHosts() {
        KernelSource turingOnHopper = new KernelSource(null, List.of("BTM_MMA_M8N8K16", "N_TILES=8"));
        String options = OpenClContext.buildOptions(H200, VNNI_CPU, KernelShape.MMA, turingOnHopper);
        assertThat(options).endsWith(" -DBTM_MMA_M8N8K16 -DN_TILES=8").doesNotContain("M16N8K32");
    }

    @Test
    void theTiledBlockFitsTheLocalMemoryAndRdna3sRegisters() {
        assertThat(options(H200, KernelShape.TILED)).contains("-DTILE_ROWS=64");
        assertThat(options(RX_7900, KernelShape.TILED)).contains("-DTILE_ROWS=32");
    }

    private static String options(OpenClDevice device, KernelShape shape) {
        return OpenClContext.buildOptions(device, VNNI_CPU, shape, KernelSource.BUNDLED);
    }
}

package io.btm.miner.backend.opencl;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a shape's program is put together from the kernel files: no OpenCL needed. */
class KernelSourceTest {
    @Test
    void everyShapeGetsItsOwnFileTheSharedHeaderOnceAndTheReduction() {
        for (KernelShape shape : KernelShape.values()) {
            String[] texts = KernelSource.BUNDLED.texts(shape);
            assertThat(texts).hasSize(2);
            assertThat(texts[0]).as("%s", shape).contains("__kernel").contains(shape.kernelName).contains("#define DIM 256")
                    .doesNotContain("#include");
            assertThat(texts[1]).contains("tensority_reduce");
            // The header is pasted once in each source; its guard keeps a second paste inert.
            assertThat(texts[0].split("#define TENSORITY_H", -1)).hasSize(2);
        }
    }

    @Test
    void aDevelopersFileReadsItsIncludesBesideItThenFromTheBundledKernels(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("local.h"), "#define LOCAL_VALUE 7\n");
        Path file = Files.writeString(dir.resolve("mine.cl"), "#include \"local.h\"\n#include \"tensority.h\"\n__kernel void tensority_chain_tiled() {}\n");
        String chain = new KernelSource(file, List.of()).texts(KernelShape.TILED)[0];
        assertThat(chain).contains("#define LOCAL_VALUE 7").contains("#define MATRIX (DIM * DIM)").doesNotContain("#include");
    }

    @Test
    void definitionsBecomeBuildOptionsAndMalformedOnesAreRefusedByName() {
        assertThat(new KernelSource(null, List.of("TILE_ROWS=32", "BTM_MMA_EMULATE")).options()).isEqualTo(" -DTILE_ROWS=32 -DBTM_MMA_EMULATE");
        assertThatThrownBy(() -> new KernelSource(null, List.of("TILE_ROWS=32 -cl-fast-relaxed-math")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'TILE_ROWS=32 -cl-fast-relaxed-math'");
        assertThatThrownBy(() -> new KernelSource(Path.of("/no/such.cl"), List.of()).texts(KernelShape.TILED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/no/such.cl: no such file");
    }
}

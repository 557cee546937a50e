package io.btm.core.tensority;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ProductPathsTest {
    @Test
    void theVectorPathIsSelectedOnceItHasProvedItselfOnAVectorCpu() throws Exception {
        // CI's CPUs have AVX-512; wherever AVX2 is there, C2 compiles the Vector API to vector instructions.
        String cpuinfo = Files.isReadable(Path.of("/proc/cpuinfo")) ? Files.readString(Path.of("/proc/cpuinfo")) : "";
        org.junit.jupiter.api.Assumptions.assumeTrue(cpuinfo.contains(" avx2"), "no AVX2 on this CPU");
        // Proved here rather than awaited from the warm-up thread, whose first window may close
        // while earlier tests keep both cores (and C2's compiler threads) busy.
        assertThat(ProductPaths.proveVector(java.time.Duration.ofMinutes(3))).as(Tensority.describePath()).isTrue();
        assertThat(Tensority.path()).as(Tensority.describePath()).isEqualTo(ProductPath.VECTOR);
        assertThat(Tensority.describePath()).startsWith("vector (").contains("× the scalar loop");
    }

    @Test
    void bothPathsGiveTheSameProductOnRandomMatrices() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(9);
        short[][] rows = new short[MatrixCache.DIM][MatrixCache.DIM];
        for (short[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (short) (random.nextInt(256) - 128);
            }
        }
        short[] a = new short[MatrixCache.MATRIX_SIZE];
        for (int n = 0; n < a.length; n++) {
            a[n] = (short) (random.nextInt(256) - 128);
        }
        short[] scalar = a.clone();
        short[] vector = a.clone();
        ProductPaths.of(ProductPath.SCALAR).multiply(scalar, rows, 0, new short[MatrixCache.MATRIX_SIZE]);
        ProductPaths.of(ProductPath.VECTOR).multiply(vector, rows, 0, new short[MatrixCache.MATRIX_SIZE]);
        assertThat(vector).isEqualTo(scalar);
    }
}

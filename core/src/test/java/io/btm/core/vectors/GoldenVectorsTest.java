package io.btm.core.vectors;

import io.btm.core.tensority.MatrixCacheStore;
import io.btm.core.tensority.ProductPath;
import io.btm.core.tensority.Tensority;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every golden vector in {@code vectors/} through the reference Tensority. */
class GoldenVectorsTest {
    private static final MatrixCacheStore CACHES = new MatrixCacheStore(2);

    static Path vectorsDir() {
        return Path.of(System.getProperty("btm.vectors.dir", "../vectors"));
    }

    static List<Path> vectorFiles() throws IOException {
        try (Stream<Path> files = Files.list(vectorsDir())) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void everyVectorFileIsPresentAndRead() throws IOException {
        assertThat(vectorFiles()).extracting(p -> p.getFileName().toString())
                .contains("bytom-node-tests.json", "tensority-random.json", "genesis.json", "stratum-jobs.json");
        int total = 0;
        for (Path file : vectorFiles()) {
            total += VectorFiles.read(file).size();
        }
        assertThat(total).isEqualTo(11 + 48 + 1 + 56);
    }

    @Test
    void theVectorPathRunsInTheseTests() {
        // The build runs every test JVM with the module, as the jars run: without it this check would be skipped silently.
        assertThat(ProductPath.VECTOR.available()).as("--add-modules jdk.incubator.vector").isTrue();
    }

    @TestFactory
    Stream<DynamicTest> referencePassesEveryVectorOnEveryPath() throws IOException {
        Stream<DynamicTest> tests = Stream.empty();
        for (ProductPath path : ProductPath.values()) {
            for (Path file : vectorFiles()) {
                List<GoldenVector> vectors = VectorFiles.read(file);
                // Hash a whole file in parallel up front (one seed build each), then report per vector.
                var results = new ConcurrentHashMap<GoldenVector, byte[]>();
                vectors.parallelStream().forEach(v ->
                        results.put(v, Tensority.hash(v.headerHash().toArray(), CACHES.get(v.seed()), path)));
                tests = Stream.concat(tests, vectors.stream().map(v ->
                        DynamicTest.dynamicTest(path + " " + v.id(), () -> assertThat(v.check(results.get(v))).isEmpty())));
            }
        }
        return tests;
    }
}

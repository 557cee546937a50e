package io.btm.bench;

import io.btm.core.tensority.MatrixCache;
import io.btm.core.tensority.ProductPath;
import io.btm.core.tensority.Tensority;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The reference Tensority on each product path: milliseconds per hash on one thread and on two
 * (both cores), and per cache build. Run with {@code ci/bench.sh TensorityBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Benchmark)
public class TensorityBenchmark {
    @Param({"SCALAR", "VECTOR"})
    ProductPath path;

    @State(Scope.Benchmark)
    public static class Cache {
        MatrixCache cache;

        @Setup
        public void build() {
            cache = MatrixCache.build(new byte[32]);
        }
    }

    @State(Scope.Thread)
    public static class Header {
        final Random random = new Random(7);
        byte[] headerHash = new byte[32];

        @Setup(Level.Invocation)
        public void next() {
            random.nextBytes(headerHash);
        }
    }

    @Benchmark
    @Threads(1)
    public byte[] hashOneThread(Cache cache, Header header) {
        return Tensority.hash(header.headerHash, cache.cache, path);
    }

    @Benchmark
    @Threads(2)
    public byte[] hashTwoThreads(Cache cache, Header header) {
        return Tensority.hash(header.headerHash, cache.cache, path);
    }

    /** The cache build does not depend on the product path: measured once, under SCALAR. */
    @Benchmark
    @Threads(1)
    public MatrixCache cacheBuild(Header header) {
        return MatrixCache.build(header.headerHash);
    }
}

package io.btm.miner.cli;

import io.btm.core.tensority.MatrixCache;
import io.btm.miner.backend.TensorityBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Random;
import java.util.concurrent.Callable;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures hashes per second of a backend after a warm-up batch.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--seconds", defaultValue = "20", paramLabel = "S", description = "Measuring time (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Mixin
    ComputeOptions compute;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (seconds <= 0) {
            throw new IllegalArgumentException("--seconds: must be positive, got " + seconds);
        }
        PrintWriter out = spec.commandLine().getOut();
        MatrixCache cache = MatrixCache.build(new byte[32]);
        Random random = new Random(1);
        try (TensorityBackend b = compute.openOne()) {
            byte[][] batch = new byte[b.preferredBatchSize()][32];
            refill(batch, random);
            b.hash(cache, batch); // warm-up: cache upload, kernel compilation, JIT
            long hashes = 0;
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            long now;
            do {
                refill(batch, random);
                b.hash(cache, batch);
                hashes += batch.length;
                now = System.nanoTime();
            } while (now < end);
            double elapsed = (now - start) / 1e9;
            out.printf("%s: %.2f H/s (%d hashes in %.1f s, batch %d)%n", b.name(), hashes / elapsed, hashes, elapsed, batch.length);
        }
        out.flush();
        return 0;
    }

    private static void refill(byte[][] batch, Random random) {
        for (byte[] header : batch) {
            random.nextBytes(header);
        }
    }
}

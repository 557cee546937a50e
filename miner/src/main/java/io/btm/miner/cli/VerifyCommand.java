package io.btm.miner.cli;

import io.btm.core.tensority.MatrixCacheStore;
import io.btm.core.util.Bytes32;
import io.btm.core.vectors.GoldenVector;
import io.btm.core.vectors.VectorFiles;
import io.btm.miner.backend.TensorityBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Checks golden Tensority vectors with a backend: the regression check of kernel outputs.",
                "Prints one line per failure and last 'N passed, M failed'; exit status 0 only if none failed."})
final class VerifyCommand implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--vectors", arity = "1..*", paramLabel = "FILE",
            description = "Vector files (default: the golden vectors bundled in this jar).")
    List<Path> files;

    @Mixin
    ComputeOptions compute;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<GoldenVector> vectors = new ArrayList<>();
        for (Path file : files == null ? VectorFiles.bundled() : files) {
            vectors.addAll(VectorFiles.read(file));
        }
        PrintWriter out = spec.commandLine().getOut();
        int passed = 0;
        int failed = 0;
        MatrixCacheStore caches = new MatrixCacheStore(1);
        try (TensorityBackend b = compute.openOne()) {
            for (Map.Entry<Bytes32, List<GoldenVector>> group : bySeed(vectors).entrySet()) {
                List<GoldenVector> batch = group.getValue();
                byte[][] headerHashes = batch.stream().map(v -> v.headerHash().toArray()).toArray(byte[][]::new);
                byte[][] results = b.hash(caches.get(group.getKey()), headerHashes);
                for (int i = 0; i < batch.size(); i++) {
                    GoldenVector vector = batch.get(i);
                    List<String> failures = vector.check(results[i]);
                    if (failures.isEmpty()) {
                        passed++;
                    } else {
                        failed++;
                        failures.forEach(f -> out.println("FAIL " + vector.id() + ": " + f));
                    }
                }
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    /** Vectors grouped by seed, in file order, so each cache is built and uploaded once. */
    private static Map<Bytes32, List<GoldenVector>> bySeed(List<GoldenVector> vectors) {
        Map<Bytes32, List<GoldenVector>> groups = new LinkedHashMap<>();
        for (GoldenVector v : vectors) {
            groups.computeIfAbsent(v.seed(), s -> new ArrayList<>()).add(v);
        }
        return groups;
    }
}

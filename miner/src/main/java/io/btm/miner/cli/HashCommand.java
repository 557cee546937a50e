package io.btm.miner.cli;

import io.btm.core.tensority.MatrixCache;
import io.btm.core.util.Hex;
import io.btm.miner.backend.TensorityBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

@Command(name = "hash", mixinStandardHelpOptions = true,
        description = "Prints the Tensority result (64 hex digits) of one header hash under a seed.")
final class HashCommand implements Callable<Integer> {
    @Option(names = "--header", required = true, paramLabel = "HEX", description = "Header hash, 32 bytes of hex.")
    String header;

    @Option(names = "--seed", required = true, paramLabel = "HEX", description = "Seed, 32 bytes of hex.")
    String seed;

    @Mixin
    ComputeOptions compute;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        byte[] headerHash = Hex.decode("--header", header, 32);
        MatrixCache cache = MatrixCache.build(Hex.decode("--seed", seed, 32));
        try (TensorityBackend b = compute.openOne()) {
            spec.commandLine().getOut().println(Hex.encode(b.hash(cache, new byte[][]{headerHash})[0]));
        }
        return 0;
    }
}

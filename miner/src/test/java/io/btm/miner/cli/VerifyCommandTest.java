package io.btm.miner.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class VerifyCommandTest {
    private static final Path VECTORS = Path.of(System.getProperty("btm.vectors.dir", "../vectors"));

    @Test
    void hashPrintsTheResultOfOneHeader() {
        CliRun run = CliRun.of("hash", "--backend", "reference", "--header", "d0dad73fb2dabf3353fda15571b4e5f6ac62ff187b354fadd4840d9ff2f1afdf",
                "--seed", "0737520781345b11b7bd0f843c1bdd9aea81b6da94fd141cc9f2df53ac6744d2");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().trim()).isEqualTo(VectorsOnDisk.firstResult(VECTORS.resolve("bytom-node-tests.json")));
    }

    @Test
    void verifyPassesAGoldenFile() {
        CliRun run = CliRun.of("verify", "--backend", "reference", "--vectors", VECTORS.resolve("bytom-node-tests.json").toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("11 passed, 0 failed" + System.lineSeparator());
    }

    @Test
    @Tag("opencl")
    void verifyRunsTheSameCheckThroughTheKernels() {
        CliRun run = CliRun.of("verify", "--backend", "opencl", "--batch", "4", "--vectors",
                VECTORS.resolve("bytom-node-tests.json").toString(), VECTORS.resolve("genesis.json").toString());
        assertThat(run.out()).isEqualTo("12 passed, 0 failed" + System.lineSeparator());
        assertThat(run.exitCode()).isZero();
    }

    @Test
    @Tag("opencl")
    void hashThroughTheKernelsEqualsTheReference() {
        String header = "00".repeat(32);
        String seed = "11".repeat(32);
        String reference = CliRun.of("hash", "--backend", "reference", "--header", header, "--seed", seed).out();
        String opencl = CliRun.of("hash", "--backend", "opencl", "--batch", "1", "--header", header, "--seed", seed).out();
        assertThat(opencl).isEqualTo(reference).hasSize(64 + System.lineSeparator().length());
    }

    @Test
    void verifyReportsAWrongResultAndFails(@TempDir Path dir) throws IOException {
        String text = Files.readString(VECTORS.resolve("bytom-node-tests.json"));
        String expected = VectorsOnDisk.firstResult(VECTORS.resolve("bytom-node-tests.json"));
        String corrupted = (expected.charAt(0) == '0' ? "1" : "0") + expected.substring(1);
        Path file = dir.resolve("corrupted.json");
        Files.writeString(file, text.replaceFirst(expected, corrupted));

        CliRun run = CliRun.of("verify", "--backend", "reference", "--vectors", file.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("FAIL " + file + " vectors[0]: result: expected " + corrupted + ", got " + expected)
                .endsWith("10 passed, 1 failed" + System.lineSeparator());
    }

    @Test
    void badInputIsOneLineAndExitStatusTwo(@TempDir Path dir) throws IOException {
        assertThat(CliRun.of("verify", "--vectors", dir.resolve("missing.json").toString()))
                .satisfies(r -> assertThat(r.exitCode()).isEqualTo(2))
                .satisfies(r -> assertThat(r.err()).isEqualTo("error: " + dir.resolve("missing.json") + ": no such file" + System.lineSeparator()));

        Path malformed = Files.writeString(dir.resolve("bad.json"), "{\"vectors\": [");
        assertThat(CliRun.of("verify", "--vectors", malformed.toString()).err()).startsWith("error: " + malformed + ": not valid JSON");

        Path unknown = Files.writeString(dir.resolve("unknown.json"), "{\"rows\": []}");
        assertThat(CliRun.of("verify", "--vectors", unknown.toString()).err()).startsWith("error: " + unknown + ": unknown format");

        CliRun badHex = CliRun.of("hash", "--header", "xyz", "--seed", "00");
        assertThat(badHex.exitCode()).isEqualTo(2);
        assertThat(badHex.err()).isEqualTo("error: --header: odd number of hex digits (3)" + System.lineSeparator());

        CliRun shortSeed = CliRun.of("hash", "--header", "00".repeat(32), "--seed", "00");
        assertThat(shortSeed.err()).isEqualTo("error: --seed: expected 32 bytes (64 hex digits), got 2 digits" + System.lineSeparator());
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[]{"hash", "verify", "devices", "bench"}) {
            CliRun run = CliRun.of(command, "--help");
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("Usage: miner " + command);
        }
    }
}

package io.btm.miner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Reads expected values out of the golden files, so no test embeds one. */
final class VectorsOnDisk {
    private VectorsOnDisk() {
    }

    static String firstResult(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile()).get("vectors").get(0).get("result").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

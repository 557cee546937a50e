package io.btm.pool.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of a trace written by {@link TraceLog}: what went between a miner and a pool, when, and
 * which way. Immutable.
 *
 * @param incoming true for what the miner sent (the pool's "in"), false for what the pool sent
 */
public record TraceLine(Instant time, long session, boolean incoming, String data) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every line of a trace file, in order; an error names the file and line that cannot be read. */
    public static List<TraceLine> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("trace " + file + ": " + e.getMessage(), e);
        }
        List<TraceLine> trace = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            if (lines.get(n).isBlank()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(lines.get(n));
                String dir = node.get("dir").asText();
                if (!dir.equals("in") && !dir.equals("out")) {
                    throw new IllegalArgumentException("dir must be in or out");
                }
                trace.add(new TraceLine(Instant.parse(node.get("time").asText()), node.get("session").asLong(), dir.equals("in"),
                        node.get("data").asText()));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException("trace " + file + " line " + (n + 1) + ": not a trace line (" + e.getMessage() + ")");
            }
        }
        return trace;
    }
}

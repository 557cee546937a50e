package io.btm.core.vectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.btm.core.header.BlockHeader;
import io.btm.core.stratum.Job;
import io.btm.core.util.Bytes32;
import io.btm.core.util.JsonNumbers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads the golden-vector formats of {@code vectors/}: {@code {"vectors":[{header_hash, seed, result}]}},
 * {@code {"cases":[{job, nonce, header_hash, result, meets_share_target, meets_network_bits}]}},
 * and the genesis block file. Errors name the file, the entry and the field.
 */
public final class VectorFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BUNDLED = "vectors";

    private VectorFiles() {
    }

    public static List<GoldenVector> read(Path file) {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException(name + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": cannot read (" + e + ")");
        }
        return parse(name, text);
    }

    public static List<GoldenVector> parse(String name, String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(name + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(name + ": expected a JSON object");
        }
        if (root.has("vectors")) {
            return entries(name, root, "vectors", VectorFiles::plainVector);
        }
        if (root.has("cases")) {
            return entries(name, root, "cases", VectorFiles::stratumCase);
        }
        if (root.has("header") && root.has("result")) {
            return List.of(within(name, () -> genesis(name, root)));
        }
        throw new IllegalArgumentException(name + ": unknown format (expected \"vectors\", \"cases\" or a genesis \"header\")");
    }

    /** The golden vectors bundled in the jar, copied from {@code vectors/} at build time, by file name. */
    public static List<Path> bundled() {
        URL url = VectorFiles.class.getClassLoader().getResource(BUNDLED);
        if (url == null) {
            throw new IllegalStateException("no golden vectors bundled in this build");
        }
        try {
            URI uri = url.toURI();
            Path dir;
            if ("jar".equals(uri.getScheme())) {
                FileSystem jar;
                try {
                    jar = FileSystems.getFileSystem(uri);
                } catch (FileSystemNotFoundException e) {
                    jar = FileSystems.newFileSystem(uri, Collections.emptyMap());
                }
                dir = jar.provider().getPath(uri);
            } else {
                dir = Path.of(uri);
            }
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<GoldenVector> entries(String name, JsonNode root, String field,
                                              Function<Entry, GoldenVector> reader) {
        JsonNode array = root.get(field);
        if (!array.isArray()) {
            throw new IllegalArgumentException(name + ": \"" + field + "\" must be an array");
        }
        List<GoldenVector> vectors = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            Entry entry = new Entry(name + " " + field + "[" + i + "]", array.get(i));
            vectors.add(within(entry.id, () -> reader.apply(entry)));
        }
        return vectors;
    }

    private record Entry(String id, JsonNode node) {
    }

    private static GoldenVector plainVector(Entry entry) {
        JsonNode v = object(entry.node);
        return new GoldenVector(entry.id, hash(v, "seed"), hash(v, "header_hash"), hash(v, "result"),
                null, null, null, null, null);
    }

    private static GoldenVector stratumCase(Entry entry) {
        JsonNode c = object(entry.node);
        Job job = Job.fromJson(c.get("job"));
        BlockHeader header = job.template().withNonce(number(c, "nonce"));
        return new GoldenVector(entry.id, job.seed(), hash(c, "header_hash"), hash(c, "result"), header,
                optionalText(c, "submit_nonce_hex"), job.target(),
                bool(c, "meets_share_target"), bool(c, "meets_network_bits"));
    }

    private static GoldenVector genesis(String name, JsonNode root) {
        JsonNode h = object(root.get("header"));
        BlockHeader header = new BlockHeader(number(h, "version"), number(h, "height"), hash(h, "previous_block_hash"),
                number(h, "timestamp"), hash(h, "transactions_merkle_root"), hash(h, "transaction_status_hash"),
                number(h, "bits"), number(h, "nonce"));
        JsonNode pow = root.get("pow_check");
        Boolean holds = pow == null ? null : bool(pow, "holds");
        return new GoldenVector(name + " genesis", hash(root, "seed"), hash(root, "header_hash"), hash(root, "result"),
                header, null, null, null, holds);
    }

    private static GoldenVector within(String id, java.util.function.Supplier<GoldenVector> reader) {
        try {
            return reader.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(id + ": " + e.getMessage());
        }
    }

    private static JsonNode object(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("expected an object");
        }
        return node;
    }

    private static Bytes32 hash(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(field + ": missing or not a string");
        }
        return Bytes32.fromHex(field, value.asText());
    }

    private static long number(JsonNode node, String field) {
        return JsonNumbers.uint64(node, field, field);
    }

    private static Boolean bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw new IllegalArgumentException(field + ": expected true or false");
        }
        return value.asBoolean();
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}

package io.btm.miner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.btm.miner.support.UserError;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The {@code -c config.json} of {@code mine}: the same settings as the flags, named as the long
 * flags are, with the pools as {@code "pools":[{"url":…,"user":…,"pass":…}]}. An unknown key or a
 * value of the wrong type is an error that names it; a missing key leaves the flag's default.
 */
final class ConfigFile {
    static final Set<String> KEYS = Set.of("pools", "devices", "batch", "backend", "kernel-shape", "kernel-file", "threads",
            "api", "log-file", "retries", "retry-pause", "failback", "idle-timeout", "submit-stale", "print-time", "duration",
            "tls-ca", "tls-fingerprint");
    private static final Set<String> POOL_KEYS = Set.of("url", "user", "pass");

    private final Path file;
    private final JsonNode root;

    private ConfigFile(Path file, JsonNode root) {
        this.file = file;
        this.root = root;
    }

    static ConfigFile empty() {
        return new ConfigFile(null, new ObjectMapper().createObjectNode());
    }

    static ConfigFile read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UserError("config " + file + ": cannot read (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new UserError("config " + file + ": expected a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new UserError("config " + file + ": unknown key '" + key + "' (known: " + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        return new ConfigFile(file, root);
    }

    /** The pools as [url, user, pass] triples; empty if the file names none. */
    List<String[]> pools() {
        List<String[]> pools = new ArrayList<>();
        JsonNode array = root.get("pools");
        if (array == null) {
            return pools;
        }
        if (!array.isArray()) {
            throw error("pools", "expected an array of {\"url\",\"user\",\"pass\"}");
        }
        for (JsonNode pool : array) {
            if (!pool.isObject() || !pool.hasNonNull("url")) {
                throw error("pools", "each pool needs at least a \"url\"");
            }
            pool.fieldNames().forEachRemaining(key -> {
                if (!POOL_KEYS.contains(key)) {
                    throw error("pools", "unknown key '" + key + "' (known: url, user, pass)");
                }
            });
            pools.add(new String[]{pool.get("url").asText(), pool.path("user").asText(null), pool.path("pass").asText(null)});
        }
        return pools;
    }

    String text(String key) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            throw error(key, "expected a string");
        }
        return node.asText();
    }

    Integer integer(String key) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
            throw error(key, "expected an integer");
        }
        return node.asInt();
    }

    Double seconds(String key) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw error(key, "expected a number of seconds");
        }
        return node.asDouble();
    }

    Boolean flag(String key) {
        JsonNode node = root.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isBoolean()) {
            throw error(key, "expected true or false");
        }
        return node.asBoolean();
    }

    /** Devices as a list of indices, or the flag's "0,1" form. */
    List<Integer> devices() {
        JsonNode node = root.get("devices");
        if (node == null || node.isNull()) {
            return null;
        }
        List<Integer> devices = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode d : node) {
                if (!d.canConvertToInt() || !d.isIntegralNumber()) {
                    throw error("devices", "expected device indices");
                }
                devices.add(d.asInt());
            }
            return devices;
        }
        for (String part : node.asText().split(",")) {
            try {
                devices.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw error("devices", "expected indices like [0, 1] or \"0,1\"");
            }
        }
        return devices;
    }

    private UserError error(String key, String what) {
        return new UserError("config " + file + ": " + key + ": " + what);
    }
}

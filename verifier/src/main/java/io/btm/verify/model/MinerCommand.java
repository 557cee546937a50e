package io.btm.verify.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command that starts the miner under test, with placeholders the verifier fills in for each
 * run: {@code {url}} (the pool, e.g. {@code stratum+tcp://127.0.0.1:40123}), {@code {url2}} (a second
 * pool, for failover), {@code {user}} (the worker name), {@code {api}} (a free port for the miner's
 * status API), {@code {fingerprint}} (with TLS, the SHA-256 of the pools' certificate). Immutable.
 */
public record MinerCommand(List<String> words) {
    public static final String URL = "url";
    public static final String URL2 = "url2";
    public static final String USER = "user";
    public static final String API = "api";
    public static final String FINGERPRINT = "fingerprint";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z0-9]+)}");
    private static final List<String> KNOWN = List.of(URL, URL2, USER, API, FINGERPRINT);

    public MinerCommand {
        words = List.copyOf(words);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("miner command: empty; give it after --, e.g. -- java -jar miner.jar mine -o {url} -u {user}");
        }
        if (words.stream().noneMatch(w -> w.contains("{" + URL + "}"))) {
            throw new IllegalArgumentException("miner command: no {url} placeholder, so the miner would not find the pool");
        }
        for (String word : words) {
            Matcher m = PLACEHOLDER.matcher(word);
            while (m.find()) {
                if (!KNOWN.contains(m.group(1))) {
                    throw new IllegalArgumentException("miner command: unknown placeholder {" + m.group(1) + "} (known: {url}, {url2}, {user}, {api}, {fingerprint})");
                }
            }
        }
    }

    public static MinerCommand of(String... words) {
        return new MinerCommand(List.of(words));
    }

    public boolean uses(String placeholder) {
        return words.stream().anyMatch(w -> w.contains("{" + placeholder + "}"));
    }

    /** The command with every placeholder replaced by its value. */
    public List<String> resolve(Map<String, String> values) {
        List<String> resolved = new ArrayList<>();
        for (String word : words) {
            Matcher m = PLACEHOLDER.matcher(word);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String value = values.get(m.group(1));
                if (value == null) {
                    throw new IllegalStateException("no value for {" + m.group(1) + "}");
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            resolved.add(out.toString());
        }
        return resolved;
    }

    @Override
    public String toString() {
        return String.join(" ", words);
    }
}

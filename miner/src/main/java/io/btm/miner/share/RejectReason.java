package io.btm.miner.share;

import io.btm.core.util.Labels;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a pool rejected a share, as one of a few categories: pools word their errors freely (and a
 * hostile one could vary them without end), so counts are kept by category, never by text. Read
 * from the words real pools use (docs/real-pools.md rows 5-7, 20-27), then from the codes btmcpool and btc.com use.
 */
public enum RejectReason {
    LOW_DIFFICULTY,
    /** The pool's block moved on: btc.com's "Block expired". */
    STALE,
    DUPLICATE,
    UNKNOWN_JOB,
    /** Not logged in, a worker the pool does not know, or banned. */
    UNAUTHORIZED,
    /**
     * A submit the pool could not read: btmcpool's 32 "Invalid Submit Format", btc.com's 27 "Illegal
     * params". btmcpool also answers a stale share with 32; such a share is counted stale, not rejected.
     */
    MALFORMED,
    OTHER;

    /** A pool's code as the miner writes it after the message: {@code "Job Not Found (21)"}. */
    private static final Pattern CODE = Pattern.compile("\\((-?\\d+)\\)\\s*$");

    public String label() {
        return Labels.lowerCase(this);
    }

    /** The category of a rejection as the pool put it. */
    public static RejectReason of(String poolSaid) {
        String text = poolSaid == null ? "" : poolSaid.toLowerCase(Locale.ROOT);
        if (text.contains("low difficulty") || text.contains("low diff")) {
            return LOW_DIFFICULTY;
        }
        if (text.contains("duplicate")) {
            return DUPLICATE;
        }
        if (text.contains("expired") || text.contains("stale")) {
            return STALE;
        }
        if (text.contains("job not found") || text.contains("unknown job")) {
            return UNKNOWN_JOB;
        }
        if (text.contains("unauthori") || text.contains("banned") || text.contains("invalid username")) {
            return UNAUTHORIZED;
        }
        if (text.contains("invalid submit") || text.contains("illegal param") || text.contains("malformed")) {
            return MALFORMED;
        }
        Matcher code = CODE.matcher(text);
        return code.find() ? byCode(code.group(1)) : OTHER;
    }

    /** btmcpool's codes 21-24 and 32, btc.com's 27 and 29: for a pool that sends a code and no known words. */
    private static RejectReason byCode(String code) {
        return switch (code) {
            case "21" -> UNKNOWN_JOB;
            case "22" -> DUPLICATE;
            case "23" -> LOW_DIFFICULTY;
            case "24", "29" -> UNAUTHORIZED;
            case "27", "32" -> MALFORMED;
            default -> OTHER;
        };
    }
}

package io.btm.pool.internal.dialect;

import io.btm.core.stratum.StratumError;

/**
 * What a pool does with a request it will not serve: the error it answers with (none: it stays
 * silent), and whether it then closes the connection.
 */
public record Reaction(StratumError error, boolean close) {
    /** No answer; the connection stays open. */
    public static final Reaction IGNORE = new Reaction(null, false);
    /** No answer; the connection is closed. */
    public static final Reaction CLOSE = new Reaction(null, true);

    public static Reaction reply(StratumError error) {
        return new Reaction(error, false);
    }

    public static Reaction replyAndClose(StratumError error) {
        return new Reaction(error, true);
    }

    /** How the record describes it, e.g. {@code "answered 24 Unauthorized Worker, then closed"}. */
    public String describe() {
        String answer = error == null ? "no answer" : "answered " + error.code() + " " + error.message();
        return close ? answer + ", then closed" : answer;
    }
}

package io.btm.miner.share;

/**
 * What became of a share handed to the pool. Immutable.
 *
 * @param reason the pool's error for a rejection, or why a share was stale or lost
 * @param rttMillis from the submit to its reply, or -1 where nothing was sent
 */
public record SubmitResult(Kind kind, String reason, long rttMillis) {
    public enum Kind {
        ACCEPTED,
        /** The pool answered with an error. */
        REJECTED,
        /**
         * The job had been replaced when the share was ready, so it was not sent; or its block was
         * replaced while it was on its way, as the pool's or the node's refusal shows.
         */
        STALE,
        /** Not sent (no connection) or never answered. */
        LOST
    }

    public static SubmitResult accepted(long rttMillis) {
        return new SubmitResult(Kind.ACCEPTED, "", rttMillis);
    }

    public static SubmitResult rejected(String reason, long rttMillis) {
        return new SubmitResult(Kind.REJECTED, reason, rttMillis);
    }

    public static SubmitResult stale(String reason) {
        return new SubmitResult(Kind.STALE, reason, -1);
    }

    public static SubmitResult lost(String reason) {
        return new SubmitResult(Kind.LOST, reason, -1);
    }
}

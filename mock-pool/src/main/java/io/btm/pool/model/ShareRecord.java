package io.btm.pool.model;

import java.time.Instant;

/**
 * One submit and what the pool made of it. Immutable.
 *
 * @param session the session it came on; {@link #SOLO_SESSION} for the mock node
 * @param worker  the login of that session, or null before login
 * @param nonce   as the miner sent it
 * @param result  the Tensority result the pool computed, or null where it did not hash
 * @param micros  from the submit's arrival to its verdict
 */
public record ShareRecord(Instant time, long session, String worker, String jobId, String nonce, String result,
                          Verdict verdict, String detail, long micros) {
    /** The session id and worker name of the mock node's submit-work calls. */
    public static final long SOLO_SESSION = 0;
    public static final String SOLO_WORKER = "solo";
}

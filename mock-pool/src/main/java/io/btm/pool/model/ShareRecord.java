package io.btm.pool.model;

import java.time.Instant;
import java.util.Set;

/**
 * One submit and what the pool made of it. Immutable.
 *
 * @param session the session it came on; {@link #SOLO_SESSION} for the mock node
 * @param worker  the login of that session, or null before login
 * @param jobId   the job id as the miner sent it, or null where it could not be read
 * @param nonce   as the miner sent it
 * @param result  the Tensority result the pool computed, or null where it did not hash
 * @param detail  why, in words, for anything but a plain acceptance
 * @param micros  from the submit's arrival to its verdict
 * @param flags   what the pool noticed beyond the verdict
 */
public record ShareRecord(Instant time, long session, String worker, String jobId, String nonce, String result,
                          Verdict verdict, String detail, long micros, Set<ShareFlag> flags) {
    /** The session id and worker name of the mock node's submit-work calls. */
    public static final long SOLO_SESSION = 0;
    public static final String SOLO_WORKER = "solo";

    public ShareRecord {
        flags = Set.copyOf(flags);
    }

    public boolean flagged(ShareFlag flag) {
        return flags.contains(flag);
    }
}

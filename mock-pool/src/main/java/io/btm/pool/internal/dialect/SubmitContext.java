package io.btm.pool.internal.dialect;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/** What a dialect's submit checks may ask about the session and the pool. */
public interface SubmitContext {

    /** The session's login name, or null before login. */
    String login();

    /** The submit's params as sent, possibly null or not an object. */
    JsonNode params();

    /** A job this session was sent, by the id it was sent under, while the session remembers it. */
    Optional<SentJob> job(String wireId);

    /** Whether a newer block has replaced this job's. */
    boolean isStale(SentJob job);

    /** Whether this nonce was already submitted for this very job (the same id) on this session. */
    boolean submittedBefore(SentJob job, long nonce);

    /** Whether the session's worker is banned now (counts toward a ban as a side effect where the pool does). */
    boolean banned();
}

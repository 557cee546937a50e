package io.btm.pool.internal.stratum;

import com.fasterxml.jackson.databind.JsonNode;
import io.btm.core.stratum.Job;
import io.btm.pool.internal.dialect.DialectRules;
import io.btm.pool.model.Verdict;
import io.netty.channel.Channel;

/** What a stratum connection needs from the pool; called on the connection's event loop. */
public interface StratumService {

    /** How this pool words its replies. */
    DialectRules rules();

    /** A new connection's session, or null when the connection limit is reached. */
    Session open(Channel channel);

    void closed(Session session);

    /** The current job as this session sees it: its first nonce and target. */
    Job jobFor(Session session);

    /** Judges a submit of a logged-in session and answers it; the hashing happens off the event loop. */
    void submit(Session session, JsonNode requestId, SubmitParams params, long arrivalNanos);

    /** Records and answers a request refused before it could be judged. */
    void reject(Session session, JsonNode requestId, Verdict verdict, String detail);
}

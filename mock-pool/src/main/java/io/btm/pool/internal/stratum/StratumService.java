package io.btm.pool.internal.stratum;

import com.fasterxml.jackson.databind.JsonNode;
import io.btm.pool.internal.dialect.DialectRules;
import io.btm.pool.internal.dialect.Reaction;
import io.btm.pool.model.ProtocolEvent;
import io.netty.channel.Channel;

/** What a stratum connection needs from the pool; called on the connection's event loop. */
public interface StratumService {

    /** How the pool this one imitates behaves. */
    DialectRules rules();

    /** A new connection's session, or null when the connection limit is reached. */
    Session open(Channel channel);

    void closed(Session session);

    /** A login request, judged and answered as the dialect does. */
    void login(Session session, JsonNode requestId, JsonNode params);

    /** A submit, judged and answered as the dialect does; the hashing happens off the event loop. */
    void submit(Session session, JsonNode requestId, JsonNode params, long arrivalNanos);

    /** Sends the current job as a notification, for the pools that answer a request for work that way. */
    void sendCurrentJob(Session session);

    /** Records a request other than login and submit, and carries out the dialect's reaction to it. */
    void request(Session session, ProtocolEvent.Kind kind, JsonNode requestId, String method, Reaction reaction, String detail);

    /** Records that the pool closed a session of its own accord (idle, a line too long). */
    void closing(Session session, String why);
}

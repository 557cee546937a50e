package io.btm.pool.internal.engine;

import io.btm.pool.internal.dialect.DialectRules;
import io.btm.pool.internal.stratum.Session;
import io.btm.pool.model.PoolConfig;
import io.netty.channel.Channel;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open sessions, numbered from 1 in the order they connect. Thread-safe: sessions open and
 * close on event loops while the control API and the job timer read.
 */
final class SessionRegistry {
    private final Map<Long, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final int maxConnections;
    private final int outboundLimit;
    private final DialectRules rules;

    SessionRegistry(PoolConfig config, DialectRules rules) {
        this.maxConnections = config.maxConnections();
        this.outboundLimit = config.outboundLimit();
        this.rules = rules;
    }

    /** A session for a new connection, or null when the connection limit is reached. */
    Session open(Channel channel) {
        if (sessions.size() >= maxConnections) {
            return null;
        }
        Session session = new Session(ids.incrementAndGet(), channel, rules, maxConnections, outboundLimit);
        sessions.put(session.id(), session);
        return session;
    }

    void closed(Session session) {
        sessions.remove(session.id());
    }

    Optional<Session> find(long id) {
        return Optional.ofNullable(sessions.get(id));
    }

    Session require(long id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("no session " + id));
    }

    Collection<Session> all() {
        return List.copyOf(sessions.values());
    }

    List<Session> loggedIn() {
        return sessions.values().stream().filter(s -> s.login() != null).toList();
    }

    int size() {
        return sessions.size();
    }
}

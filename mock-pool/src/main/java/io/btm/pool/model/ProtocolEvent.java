package io.btm.pool.model;

import io.btm.core.util.Labels;

import java.time.Instant;

/**
 * Something a session did or had done to it other than a submit: a connection, a login, a request
 * the pool does not serve, a close. Immutable; with the {@link ShareRecord}s, the whole story of a
 * miner as the pool saw it.
 *
 * @param session  the session
 * @param worker   its login name, or null before login
 * @param method   the request's method where there was one, else null
 * @param reaction what the pool did: {@code "answered 24 Unauthorized Worker, then closed"}, {@code "no answer"}, …; null for plain events
 * @param detail   what happened, in words
 */
public record ProtocolEvent(Instant time, long session, String worker, Kind kind, String method, String reaction,
                            String detail) {

    public enum Kind {
        CONNECTED,
        LOGIN,
        LOGIN_REFUSED,
        /** A line that is not a JSON object of the protocol. */
        UNREADABLE_LINE,
        /** A message without a method where a request was expected. */
        NOT_A_REQUEST,
        /** A request other than login and submit: keepalived, getjob, getwork, an unknown method. */
        OTHER_METHOD,
        CLOSED;

        public String label() {
            return Labels.lowerCase(this);
        }

        public static Kind parse(String label) {
            return Labels.parse(Kind.class, Kind::label, "event kind", label);
        }
    }
}

package io.btm.pool.internal.dialect;

/** What a pool makes of a login request. */
public sealed interface LoginOutcome {

    /** Logged in as this worker; the pool answers with {@link DialectRules#loginReplies}. */
    record Accepted(String login) implements LoginOutcome {
    }

    /** Refused, with the pool's reaction and what the record says. */
    record Refused(Reaction reaction, String detail) implements LoginOutcome {
    }
}

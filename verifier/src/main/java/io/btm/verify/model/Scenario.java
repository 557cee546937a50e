package io.btm.verify.model;

import io.btm.core.util.Labels;

import java.util.Locale;

/** What the verifier judges a miner on, one fresh pool and one miner process each. */
public enum Scenario {
    /** Logs in as the dialect wants, sends well-formed submits, nothing the dialect closes the connection for. */
    PROTOCOL("login, submit shape, no request the dialect's pool closes the connection for"),
    /** Every share valid by the reference, meeting the target in force, not a duplicate, in the session's range. */
    SHARES("every share valid, meeting the target, no duplicate, in range"),
    /** A new job: how soon the first share of it comes, and no share of the old one late. */
    JOB_SWITCH("first share of a new job, no late share of the old one"),
    /** A raised target with the next job: no share meeting only the old target. */
    TARGET_CHANGE("no share below a raised target"),
    /** A new seed every 256 blocks: the first valid share of the new epoch, and how long it took. */
    EPOCH_CHANGE("a valid share of a new seed epoch in time"),
    /** The pool drops the connection: a reconnect in time, then a pause that grows, not a storm. */
    DISCONNECT("reconnect in time, growing pauses, no storm"),
    /** A garbage line, an unknown method and replies delayed by seconds: the miner mines on. */
    GARBAGE("survives garbage, unknown methods and delayed replies"),
    /** The dialect's silent close (btmcpool's ban): the miner backs off, and returns once it ends. */
    BAN("backs off from a silent ban, returns after it"),
    /** The first pool goes away: the miner moves to the second (needs {url2} in the command). */
    FAILOVER("moves to the second pool"),
    /** The hashrate the accepted shares prove, against the miner's own report where it has a known API ({api}). */
    HASHRATE("effective hashrate from accepted shares, against the miner's report"),
    /** A session recorded through the proxy, its pool lines sent again at their moments: the miner's submits judged. */
    REPLAY("a recorded session replayed, the miner's submits judged");

    private final String checks;

    Scenario(String checks) {
        this.checks = checks;
    }

    /** The command-line name: {@code job-switch}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** What it checks, in a few words. */
    public String checks() {
        return checks;
    }

    public static Scenario parse(String label) {
        return Labels.parse(Scenario.class, Scenario::label, "scenario", label);
    }
}

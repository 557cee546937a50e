package io.btm.pool.model;

import io.btm.core.difficulty.ShareTarget;
import io.btm.core.util.Bytes32;
import io.btm.pool.tls.ServerTls;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How a mock pool runs. Immutable; made with {@link #builder()}, which starts from the defaults,
 * so a test sets only what it needs. Where a field is null the pool does what the real pool of
 * its {@link Dialect} does.
 *
 * @param target        share target for every session, sent and judged as given; or null to derive it from {@code difficulty} as the dialect does
 * @param jobInterval   a new block template this often, or null for jobs on demand only
 * @param shareLog      JSON-lines file every submit is appended to, or null
 * @param traceLog      JSON-lines file every line in and out of every session is appended to, or null
 * @param maxLineBytes  the longest request line, or null for the dialect's
 * @param idleTimeout   how long a session may stay quiet, or null for the dialect's
 * @param loginTimeout  how long a connection may stay without logging in, or null for the dialect's
 * @param banPeriod     how long a worker with too many bad shares is banned, zero for never, or null for the dialect's
 * @param controlHost   the address the control API and the mock node listen on: loopback unless given, whatever {@code host} is
 * @param recordsKept   how many of the newest share records to keep in memory (the share log keeps them all)
 * @param outboundLimit bytes a session may leave unread before it is closed; reading from it pauses well before
 * @param nodePort      port of the mock node (get-work / submit-work for solo miners), or null for none
 * @param varDiff       accepted shares per minute that variable difficulty aims at per session, or null for fixed
 * @param retarget      how often variable difficulty adjusts each session's target
 * @param tls           the stratum port's TLS, or null for plain TCP
 * @param blocksMoveTheChain whether a block a miner finds moves the chain on to a new job at the next height, as on a
 *                      bytomd solonet behind the pool, where every share may be a block and the shares still on
 *                      their way to the pool become stale
 */
public record PoolConfig(String host, String controlHost, int stratumPort, int controlPort, Dialect dialect, BigInteger difficulty,
                         ShareTarget target, Duration jobInterval, Bytes32 seed, long bits, long startHeight,
                         Path shareLog, Path traceLog, Integer maxLineBytes, Duration idleTimeout, Duration loginTimeout,
                         Duration banPeriod, int maxConnections, int validationThreads, int validationQueue, int recordsKept,
                         int outboundLimit, Integer nodePort, Double varDiff, Duration retarget,
                         ServerTls tls, boolean blocksMoveTheChain) {

    /** Bytom's InitialSeed, SHA3-256 of 32 zero bytes: the seed of the chain's first epoch. */
    public static final Bytes32 INITIAL_SEED = Bytes32.fromHex("seed", "9e6291970cb44dd94008c79bcaf9d86f18b4b49ba5b2a04781db7199ed3b9e4e");
    /** The mainnet genesis bits: far harder than any test reaches, so no share is a block by chance. */
    public static final long GENESIS_BITS = 2161727821137910632L;
    /** The height of the first job unless one is given. */
    public static final long START_HEIGHT = 1000;

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: loopback, any free ports, btmcpool, difficulty 1, genesis bits at height 1000. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private String controlHost = "127.0.0.1";
        private int stratumPort;
        private int controlPort;
        private Dialect dialect = Dialect.BTMCPOOL;
        private BigInteger difficulty = BigInteger.ONE;
        private ShareTarget target;
        private Duration jobInterval;
        private Bytes32 seed = INITIAL_SEED;
        private long bits = GENESIS_BITS;
        private long startHeight = START_HEIGHT;
        private Path shareLog;
        private Path traceLog;
        private Integer maxLineBytes;
        private Duration idleTimeout;
        private Duration loginTimeout;
        private Duration banPeriod;
        private int maxConnections = 10_000;
        private int validationThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
        private int validationQueue = 1024;
        private int recordsKept = 100_000;
        private int outboundLimit = 1 << 20;
        private Integer nodePort;
        private Double varDiff;
        private Duration retarget = Duration.ofSeconds(30);
        private ServerTls tls;
        private boolean blocksMoveTheChain;

        private Builder() {
        }

        /** The address the stratum port listens on. */
        public Builder host(String value) {
            host = value;
            return this;
        }

        /** The address the control API and the mock node listen on (loopback unless given). */
        public Builder controlHost(String value) {
            controlHost = value;
            return this;
        }

        /** 0 takes any free port. */
        public Builder ports(int stratum, int control) {
            stratumPort = stratum;
            controlPort = control;
            return this;
        }

        public Builder dialect(Dialect value) {
            dialect = value;
            return this;
        }

        /** A share difficulty in the dialect's DIFF1 convention; replaces any target. */
        public Builder difficulty(BigInteger value) {
            difficulty = value;
            target = null;
            return this;
        }

        public Builder target(ShareTarget value) {
            target = value;
            return this;
        }

        public Builder jobInterval(Duration value) {
            if (value != null && (value.isNegative() || value.isZero())) {
                throw new IllegalArgumentException("job interval: must be positive, got " + value.toMillis() + " ms");
            }
            jobInterval = value;
            return this;
        }

        /** The first epoch's seed, the network bits and the first job's height. */
        public Builder chain(Bytes32 firstSeed, long networkBits, long height) {
            seed = firstSeed;
            bits = networkBits;
            startHeight = height;
            return this;
        }

        public Builder shareLog(Path value) {
            shareLog = value;
            return this;
        }

        /** Every line in and out of every session, with the time and the session, as sent. */
        public Builder traceLog(Path value) {
            traceLog = value;
            return this;
        }

        public Builder maxLineBytes(int value) {
            maxLineBytes = value;
            return this;
        }

        public Builder idleTimeout(Duration value) {
            idleTimeout = value;
            return this;
        }

        public Builder loginTimeout(Duration value) {
            loginTimeout = value;
            return this;
        }

        /** How long a worker with too many bad shares is banned where the dialect bans; zero never bans. */
        public Builder banPeriod(Duration value) {
            banPeriod = value;
            return this;
        }

        public Builder maxConnections(int value) {
            maxConnections = value;
            return this;
        }

        /** How many of the newest share records stay in memory for the control and test APIs. */
        public Builder recordsKept(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("records kept: must be at least 1, got " + value);
            }
            recordsKept = value;
            return this;
        }

        /** Bytes a session may leave unread before the pool closes it. */
        public Builder outboundLimit(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("outbound limit: must be at least 1 byte, got " + value);
            }
            outboundLimit = value;
            return this;
        }

        /** Worker threads that hash shares, and how many shares may wait for one before "busy". */
        public Builder validation(int threads, int queue) {
            validationThreads = threads;
            validationQueue = queue;
            return this;
        }

        /** Also serve the mock node's HTTP API on this port (0 = any free port). */
        public Builder node(int port) {
            nodePort = port;
            return this;
        }

        /** Variable difficulty: retarget each session every {@code every} toward this many accepted shares a minute. */
        public Builder varDiff(double sharesPerMinute, Duration every) {
            if (sharesPerMinute <= 0 || every.isNegative() || every.isZero()) {
                throw new IllegalArgumentException("vardiff: shares per minute and the retarget interval must be positive");
            }
            varDiff = sharesPerMinute;
            retarget = every;
            return this;
        }

        /** Serve the stratum port over TLS (miners connect with stratum+ssl://); null for plain TCP. */
        public Builder tls(ServerTls value) {
            tls = value;
            return this;
        }

        /** Each block found moves the chain on at once, as on a solonet behind the pool: the next job is at the next height. */
        public Builder blocksMoveTheChain() {
            blocksMoveTheChain = true;
            return this;
        }

        public PoolConfig build() {
            return new PoolConfig(host, controlHost, stratumPort, controlPort, dialect, difficulty, target, jobInterval, seed, bits,
                    startHeight, shareLog, traceLog, maxLineBytes, idleTimeout, loginTimeout, banPeriod, maxConnections,
                    validationThreads, validationQueue, recordsKept, outboundLimit, nodePort, varDiff, retarget, tls, blocksMoveTheChain);
        }
    }
}

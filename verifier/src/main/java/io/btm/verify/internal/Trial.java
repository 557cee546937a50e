package io.btm.verify.internal;

import io.btm.core.difficulty.ShareTarget;
import io.btm.pool.MockPool;
import io.btm.pool.model.Dialect;
import io.btm.pool.model.PoolConfig;
import io.btm.pool.tls.ServerTls;
import io.btm.pool.model.ProtocolEvent;
import io.btm.pool.model.ShareRecord;
import io.btm.verify.model.MinerCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * One scenario's run: a fresh pool in the dialect (two where the command names {@code {url2}}), the
 * miner started against it, and what a scenario needs to watch it from the pool side and to say
 * why it fails. Everything is judged from the pool's records and events, never from the miner.
 */
public final class Trial implements AutoCloseable {
    public static final String USER = "verify.rig";
    /** From its start, how long a miner may take to log in (a JVM, a kernel build, a device check). */
    static final Duration STARTUP = Duration.ofSeconds(90);
    /** How long after its first login a miner counts as settled, whatever it did on the way. */
    static final Duration SETTLE = Duration.ofSeconds(6);
    static final Duration PATIENCE = Duration.ofSeconds(45);

    final Dialect dialect;
    final BigInteger difficulty;
    final MockPool pool;
    final MockPool second;
    final int apiPort;
    private final MinerProcess miner;
    private final Map<String, String> measured = new LinkedHashMap<>();

    /** Thrown to end a scenario as failed, with the reason the report gives. */
    static final class Failed extends RuntimeException {
        Failed(String reason) {
            super(reason, null, false, false);
        }
    }

    /** @param tls the pools' TLS, or null for plain TCP */
    Trial(Dialect dialect, BigInteger difficulty, ServerTls tls, MinerCommand command, Path log) {
        this.dialect = dialect;
        this.difficulty = difficulty;
        this.pool = MockPool.start(poolConfig(dialect, difficulty, tls));
        this.second = command.uses(MinerCommand.URL2) ? MockPool.start(poolConfig(dialect, difficulty, tls)) : null;
        this.apiPort = freePort();
        Map<String, String> values = new LinkedHashMap<>();
        values.put(MinerCommand.URL, url(pool));
        values.put(MinerCommand.USER, USER);
        values.put(MinerCommand.API, Integer.toString(apiPort));
        if (second != null) {
            values.put(MinerCommand.URL2, url(second));
        }
        if (tls != null) {
            values.put(MinerCommand.FINGERPRINT, tls.fingerprint().hex());
        }
        this.miner = MinerProcess.start(command.resolve(values), log);
    }

    static PoolConfig poolConfig(Dialect dialect, BigInteger difficulty, ServerTls tls) {
        return PoolConfig.builder().dialect(dialect).difficulty(difficulty).ports(0, 0).tls(tls).build();
    }

    static String url(MockPool pool) {
        return (pool.config().tls() == null ? "stratum+tcp" : "stratum+ssl") + "://127.0.0.1:" + pool.stratumPort();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, String> measurements() {
        return measured;
    }

    void measure(String name, Object value) {
        measured.put(name, String.valueOf(value));
    }

    static Failed fail(String reason) {
        return new Failed(reason);
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /** Waits for a condition, polling; false if the time ran out first. */
    static boolean await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            pause(50);
        }
        return true;
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail("interrupted");
        }
    }

    /** The miner's first login, or a failure that says what the miner did instead. */
    ProtocolEvent awaitFirstLogin() {
        ProtocolEvent login = await(pool, e -> e.kind() == ProtocolEvent.Kind.LOGIN, STARTUP);
        if (login == null) {
            throw fail(miner.alive() ? "no login within " + seconds(STARTUP) + " of starting the miner (its output: " + miner.log() + ")"
                    : "the miner exited with status " + miner.exitStatus() + " before logging in (its output: " + miner.log() + ")");
        }
        return login;
    }

    /**
     * Settled: at least {@link #SETTLE} after the first login, and two shares accepted since, so
     * that a scenario's measurement starts from steady mining.
     */
    Instant awaitSteady() {
        ProtocolEvent first = awaitFirstLogin();
        Instant settled = first.time().plus(SETTLE);
        while (Instant.now().isBefore(settled)) {
            pause(50);
        }
        if (!await(() -> acceptedSince(pool, settled) >= 2, PATIENCE)) {
            throw fail("fewer than 2 accepted shares within " + seconds(PATIENCE) + " of settling (" + acceptedSince(pool, settled)
                    + "; submits " + pool.shares().size() + ")");
        }
        return Instant.now();
    }

    static long acceptedSince(MockPool on, Instant since) {
        return on.shares().stream().filter(s -> s.verdict().accepted() && !s.time().isBefore(since)).count();
    }

    static List<ShareRecord> sharesSince(MockPool on, Instant since, Predicate<ShareRecord> matching) {
        return on.shares().stream().filter(s -> !s.time().isBefore(since) && matching.test(s)).toList();
    }

    /** The first share since a moment that matches, waiting up to the timeout; null if none came. */
    static ShareRecord awaitShare(MockPool on, Instant since, Predicate<ShareRecord> matching, Duration timeout) {
        ShareRecord[] found = new ShareRecord[1];
        await(() -> {
            List<ShareRecord> shares = sharesSince(on, since, matching);
            found[0] = shares.isEmpty() ? null : shares.get(0);
            return found[0] != null;
        }, timeout);
        return found[0];
    }

    static ProtocolEvent await(MockPool on, Predicate<ProtocolEvent> matching, Duration timeout) {
        try {
            return on.awaitEvent(matching, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail("interrupted");
        }
    }

    static List<ProtocolEvent> eventsSince(MockPool on, Instant since, ProtocolEvent.Kind kind) {
        return on.events().stream().filter(e -> e.kind() == kind && !e.time().isBefore(since)).toList();
    }

    /**
     * The job ids the miner has mined by now, as far as the pool can tell: every id a share so far
     * named (a job it was sent but found no share of yet is not among them).
     */
    static Set<String> jobIdsSoFar(MockPool on) {
        Set<String> ids = new HashSet<>();
        on.shares().forEach(s -> ids.add(s.jobId()));
        return ids;
    }

    /** The expected hashes per share of the pool's target now: 2^256 / (target + 1), as the share test is hash ≤ target. */
    static double hashesPerShare(ShareTarget target) {
        return new BigDecimal(BigInteger.ONE.shiftLeft(256))
                .divide(new BigDecimal(target.value().add(BigInteger.ONE)), MathContext.DECIMAL64).doubleValue();
    }

    boolean minerAlive() {
        return miner.alive();
    }

    Path minerLog() {
        return miner.log();
    }

    @Override
    public void close() {
        miner.close();
        pool.close();
        if (second != null) {
            second.close();
        }
    }
}

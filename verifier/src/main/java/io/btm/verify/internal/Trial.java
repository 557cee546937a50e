package io.btm.verify.internal;

import io.btm.core.difficulty.ShareTarget;
import io.btm.core.util.Text;
import io.btm.pool.MockPool;
import io.btm.pool.model.Dialect;
import io.btm.pool.model.PoolConfig;
import io.btm.pool.tls.ServerTls;
import io.btm.pool.model.ProtocolEvent;
import io.btm.pool.model.ShareRecord;
import io.btm.pool.trace.TraceLine;
import io.btm.verify.model.MinerCommand;
import io.btm.verify.model.Timeline;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
    final MinerCommand command;
    private final Path poolTrace;
    /** Submits a timeline draws at most, the newest: a fast miner at a low difficulty sends thousands. */
    private static final int SUBMITS_DRAWN = 5_000;
    /** How much of the end of the miner's output the report shows. */
    private static final int OUTPUT_KEPT = 32 * 1024;

    private final MinerProcess miner;
    private final Map<String, String> measured = new LinkedHashMap<>();
    private final Instant started = Instant.now();
    private final List<Timeline.Mark> driven = new ArrayList<>();
    private final List<Timeline.Threshold> limits = new ArrayList<>();

    /** Thrown to end a scenario as failed, with the reason the report gives. */
    static final class Failed extends RuntimeException {
        Failed(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * @param tls       the pools' TLS, or null for plain TCP
     * @param log       where the miner's output goes
     * @param poolTrace where the first pool writes every message in and out, for the causes a verdict names
     */
    Trial(Dialect dialect, BigInteger difficulty, ServerTls tls, MinerCommand command, Path log, Path poolTrace) {
        this.dialect = dialect;
        this.difficulty = difficulty;
        this.poolTrace = poolTrace;
        this.pool = MockPool.start(poolConfig(dialect, difficulty, tls).traceLog(poolTrace).build());
        this.second = command.uses(MinerCommand.URL2) ? MockPool.start(poolConfig(dialect, difficulty, tls).build()) : null;
        this.apiPort = freePort();
        this.command = command;
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

    private static PoolConfig.Builder poolConfig(Dialect dialect, BigInteger difficulty, ServerTls tls) {
        return PoolConfig.builder().dialect(dialect).difficulty(difficulty).ports(0, 0).tls(tls);
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

    /** Notes something the scenario did to the miner now (a job switch, a fault, a drop), for the timeline. */
    void drove(Timeline.Lane lane, String what) {
        driven.add(new Timeline.Mark(sinceStart(Instant.now()), lane, what));
    }

    /** Notes a time limit a measurement is judged by: from this moment, at most this long. */
    void limit(String label, Instant from, Duration limit) {
        limits.add(new Timeline.Threshold(label, sinceStart(from), sinceStart(from.plus(limit))));
    }

    private long sinceStart(Instant at) {
        return Duration.between(started, at).toMillis();
    }

    /** The run so far as the pools saw it, with what the scenario did and the end of the miner's output. */
    Timeline timeline() {
        List<Timeline.Mark> marks = new ArrayList<>(driven);
        marks.addAll(seen(pool, ""));
        if (second != null) {
            marks.addAll(seen(second, "second pool: "));
        }
        marks.sort(Comparator.comparingLong(Timeline.Mark::atMillis));
        return new Timeline(marks, limits, outputTail());
    }

    private List<Timeline.Mark> seen(MockPool on, String prefix) {
        List<Timeline.Mark> marks = new ArrayList<>();
        for (ProtocolEvent e : on.events()) {
            Timeline.Lane lane = switch (e.kind()) {
                case LOGIN -> Timeline.Lane.LOGIN;
                case CLOSED -> Timeline.Lane.DROP;
                case CONNECTED -> null;
                default -> Timeline.Lane.EVENT;
            };
            if (lane != null) {
                marks.add(new Timeline.Mark(sinceStart(e.time()), lane, prefix + e.kind().label() + ": " + e.detail()));
            }
        }
        List<ShareRecord> shares = on.shares();
        for (ShareRecord share : shares.subList(Math.max(0, shares.size() - SUBMITS_DRAWN), shares.size())) {
            marks.add(new Timeline.Mark(sinceStart(share.time()), Timeline.Lane.SUBMIT, share.verdict().label()));
        }
        return marks;
    }

    private String outputTail() {
        try (RandomAccessFile file = new RandomAccessFile(miner.log().toFile(), "r")) {
            long from = Math.max(0, file.length() - OUTPUT_KEPT);
            byte[] tail = new byte[(int) (file.length() - from)];
            file.seek(from);
            file.readFully(tail);
            return (from > 0 ? "…\n" : "") + new String(tail, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(the miner's output could not be read: " + e.getMessage() + ")";
        }
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

    /** The miner's first login, measured by the name it logged in with; or a failure that says what the miner did instead. */
    ProtocolEvent awaitFirstLogin() {
        ProtocolEvent login = await(pool, e -> e.kind() == ProtocolEvent.Kind.LOGIN, STARTUP);
        if (login == null) {
            throw fail(miner.alive() ? "no login within " + seconds(STARTUP) + " of starting the miner (its output: " + miner.log() + ")"
                    : "the miner exited with status " + miner.exitStatus() + " before logging in (its output: " + miner.log() + ")");
        }
        measure("login", loginSeen(login.worker(), command));
        return login;
    }

    /**
     * The name a miner logged in with, and how it stands to {@code {user}}: a miner may ignore what
     * it is given (B3-Mimic's login is written into it), so scenarios act on the name the pool saw.
     */
    static String loginSeen(String login, MinerCommand command) {
        String shown = Text.printable(login);
        if (USER.equals(login)) {
            return shown + " ({user})";
        }
        return shown + (command.uses(MinerCommand.USER) ? " (not {user}: " + USER + ")" : " (the command has no {user})");
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

    /**
     * What the first pool sent and received so far, oldest first; empty while the trace's writer
     * is part-way through a line (it writes on a thread of its own), as a cause is only offered.
     */
    List<TraceLine> poolTrace() {
        try {
            return TraceLine.read(poolTrace);
        } catch (IllegalArgumentException | UncheckedIOException unreadableYet) {
            return List.of();
        }
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

package io.btm.pool;

import io.btm.core.difficulty.ShareTarget;
import io.btm.core.util.Bytes32;
import io.btm.pool.stratum.Dialect;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How a mock pool runs. Immutable; start from {@link #defaults()} and change what a test needs.
 *
 * @param target        share target for every session, or null to derive it from {@code difficulty}
 * @param jobInterval   a new block template this often, or null for jobs on demand only
 * @param shareLog      JSON-lines file every submit is appended to, or null
 */
public record PoolConfig(String host, int stratumPort, int controlPort, Dialect dialect, BigInteger difficulty,
                         ShareTarget target, Duration jobInterval, Bytes32 seed, long bits, long startHeight,
                         Path shareLog, int maxLineBytes, Duration idleTimeout, int maxConnections,
                         int validationThreads, int validationQueue) {

    /** Bytom's InitialSeed, SHA3-256 of 32 zero bytes: the seed of the chain's first epoch. */
    public static final Bytes32 INITIAL_SEED = Bytes32.fromHex("seed", "9e6291970cb44dd94008c79bcaf9d86f18b4b49ba5b2a04781db7199ed3b9e4e");
    /** The mainnet genesis bits: far harder than any test reaches, so no share is a block by chance. */
    public static final long GENESIS_BITS = 2161727821137910632L;

    public static PoolConfig defaults() {
        return new PoolConfig("127.0.0.1", 0, 0, Dialect.btmcpool, BigInteger.ONE, null, null, INITIAL_SEED,
                GENESIS_BITS, 1000, null, 64 * 1024, Duration.ofMinutes(10), 10_000,
                Math.max(1, Runtime.getRuntime().availableProcessors()), 1024);
    }

    /** The target sessions get unless one of theirs is set. */
    public ShareTarget effectiveTarget() {
        return target != null ? target : ShareTarget.fromDifficulty(difficulty, dialect.diff1());
    }

    public PoolConfig withHost(String address) {
        return new PoolConfig(address, stratumPort, controlPort, dialect, difficulty, target, jobInterval, seed, bits, startHeight,
                shareLog, maxLineBytes, idleTimeout, maxConnections, validationThreads, validationQueue);
    }

    public PoolConfig withPorts(int stratum, int control) {
        return new PoolConfig(host, stratum, control, dialect, difficulty, target, jobInterval, seed, bits, startHeight,
                shareLog, maxLineBytes, idleTimeout, maxConnections, validationThreads, validationQueue);
    }

    public PoolConfig withDialect(Dialect d) {
        return new PoolConfig(host, stratumPort, controlPort, d, difficulty, target, jobInterval, seed, bits, startHeight,
                shareLog, maxLineBytes, idleTimeout, maxConnections, validationThreads, validationQueue);
    }

    public PoolConfig withTarget(ShareTarget t) {
        return new PoolConfig(host, stratumPort, controlPort, dialect, difficulty, t, jobInterval, seed, bits, startHeight,
                shareLog, maxLineBytes, idleTimeout, maxConnections, validationThreads, validationQueue);
    }

    public PoolConfig withDifficulty(BigInteger d) {
        return new PoolConfig(host, stratumPort, controlPort, dialect, d, null, jobInterval, seed, bits, startHeight,
                shareLog, maxLineBytes, idleTimeout, maxConnections, validationThreads, validationQueue);
    }

    public PoolConfig withJobInterval(Duration interval) {
        return new PoolConfig(host, stratumPort, controlPort, dialect, difficulty, target, interval, seed, bits, startHeight,
                shareLog, maxLineBytes, idleTimeout, maxConnections, validationThreads, validationQueue);
    }

    public PoolConfig withChain(Bytes32 s, long b, long height) {
        return new PoolConfig(host, stratumPort, controlPort, dialect, difficulty, target, jobInterval, s, b, height,
                shareLog, maxLineBytes, idleTimeout, maxConnections, validationThreads, validationQueue);
    }

    public PoolConfig withShareLog(Path file) {
        return new PoolConfig(host, stratumPort, controlPort, dialect, difficulty, target, jobInterval, seed, bits, startHeight,
                file, maxLineBytes, idleTimeout, maxConnections, validationThreads, validationQueue);
    }

    public PoolConfig withLimits(int lineBytes, Duration idle, int connections, int threads, int queue) {
        return new PoolConfig(host, stratumPort, controlPort, dialect, difficulty, target, jobInterval, seed, bits, startHeight,
                shareLog, lineBytes, idle, connections, threads, queue);
    }
}

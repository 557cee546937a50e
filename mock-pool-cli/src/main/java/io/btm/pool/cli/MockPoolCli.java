package io.btm.pool.cli;

import io.btm.core.difficulty.ShareTarget;
import io.btm.core.launch.JvmRelaunch;
import io.btm.core.util.Bytes32;
import io.btm.pool.MockPool;
import io.btm.pool.model.Dialect;
import io.btm.pool.model.PoolConfig;
import io.btm.pool.tls.ServerTls;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "mock-pool", mixinStandardHelpOptions = true, subcommands = {VerifyMinerCommand.class, RecordCommand.class},
        description = "A BTM stratum pool for testing miners: verifies every share with the reference Tensority.")
public final class MockPoolCli implements Callable<Integer> {
    static final int EXIT_USER_ERROR = 2;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address the stratum port listens on (default: ${DEFAULT-VALUE}).")
    String host;
    @Option(names = "--control-host", defaultValue = "127.0.0.1",
            description = "Address the control API and the mock node listen on, whatever --host is: they take no login (default: ${DEFAULT-VALUE}).")
    String controlHost;
    @Option(names = "--stratum-port", defaultValue = "3333", description = "Stratum port; 0 = any free port (default: ${DEFAULT-VALUE}).")
    int stratumPort;
    @Option(names = "--control-port", defaultValue = "8080", description = "Control API port; 0 = any free port (default: ${DEFAULT-VALUE}).")
    int controlPort;
    @Option(names = "--node-port", paramLabel = "P",
            description = "Also serve a mock Bytom node (get-work[-json] / submit-work[-json] / get-block-header) for solo miners on this port; 0 = any free port.")
    Integer nodePort;
    @Option(names = "--difficulty", description = "Share difficulty, turned into a target as the dialect's pool does (default: 1).")
    BigInteger difficulty;
    @Option(names = "--target", paramLabel = "HEX", description = "Share target as pools send it, little-endian hex; ffffffff accepts every hash.")
    String target;
    @Option(names = "--vardiff", paramLabel = "N", description = "Variable difficulty: aim at N accepted shares a minute per session (default: off).")
    Double varDiff;
    @Option(names = "--retarget", paramLabel = "S", defaultValue = "30", description = "Seconds between variable-difficulty adjustments (default: ${DEFAULT-VALUE}).")
    double retarget;
    @Option(names = "--job-interval", paramLabel = "S", description = "Seconds between new block templates (default: on demand only).")
    Double jobInterval;
    @Option(names = "--blocks-move-chain", description = "Move the chain on to a new job at the next height after each block found,"
            + " as a bytomd solonet behind the pool does.")
    boolean blocksMoveTheChain;
    @Option(names = "--dialect", defaultValue = "btmcpool",
            description = "The real pool to imitate: btmcpool, btcpool (btc.com), antpool, or result-true (synthetic) (default: ${DEFAULT-VALUE}).")
    String dialect;
    @Option(names = "--seed", paramLabel = "HEX", description = "Seed of the first epoch (default: Bytom's InitialSeed).")
    String seed;
    @Option(names = "--bits", description = "Network bits of the jobs (default: the genesis block's).")
    Long bits;
    @Option(names = "--height", defaultValue = "1000", description = "Height of the first job (default: ${DEFAULT-VALUE}).")
    long height;
    @Option(names = "--share-log", paramLabel = "FILE", description = "Append every submit and its verdict to this JSON-lines file.")
    Path shareLog;
    @Option(names = "--trace-log", paramLabel = "FILE",
            description = "Append every line in and out of every session, as sent, with the time and the session, to this JSON-lines file.")
    Path traceLog;
    @Mixin
    ServerTlsOptions tlsOptions;

    public static void main(String[] args) throws Exception {
        System.exit(JvmRelaunch.run(MockPoolCli.class, args, JvmRelaunch.Needs.VECTOR_API, arguments -> commandLine().execute(arguments)));
    }

    /** The command line with its error handling: bad input is one line, {@code error: …}, and exit status 2. */
    static CommandLine commandLine() {
        return new CommandLine(new MockPoolCli()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                cmd.getErr().println("error: " + e.getMessage());
                return EXIT_USER_ERROR;
            }
            throw e;
        });
    }

    /** Every option checked before anything starts; a message names the option and the value. */
    private void validate() {
        if (difficulty != null && target != null) {
            throw new IllegalArgumentException("--difficulty and --target: give one, not both");
        }
        port("--stratum-port", stratumPort);
        port("--control-port", controlPort);
        if (nodePort != null) {
            port("--node-port", nodePort);
        }
        positive("--job-interval", jobInterval);
        positive("--retarget", retarget);
        positive("--vardiff", varDiff);
        if (difficulty != null && difficulty.signum() <= 0) {
            throw new IllegalArgumentException("--difficulty " + difficulty + ": must be positive");
        }
        if (height < 0 || height >= Long.MAX_VALUE) {
            throw new IllegalArgumentException("--height " + height + ": must be from 0 to " + (Long.MAX_VALUE - 1));
        }
    }

    private static void port(String option, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(option + " " + port + ": a port is from 0 (any free one) to 65535");
        }
    }

    private static void positive(String option, Double seconds) {
        if (seconds != null && !(seconds > 0)) {
            throw new IllegalArgumentException(option + " " + seconds + ": must be positive");
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        validate();
        PoolConfig.Builder config = PoolConfig.builder().host(host).controlHost(controlHost).ports(stratumPort, controlPort)
                .dialect(Dialect.parse(dialect)).shareLog(shareLog).traceLog(traceLog)
                .chain(seed == null ? PoolConfig.INITIAL_SEED : Bytes32.fromHex("--seed", seed),
                        bits == null ? PoolConfig.GENESIS_BITS : bits, height);
        if (difficulty != null) {
            config.difficulty(difficulty);
        }
        if (target != null) {
            config.target(ShareTarget.parseHex(target));
        }
        if (varDiff != null) {
            config.varDiff(varDiff, Duration.ofMillis((long) (retarget * 1000)));
        }
        if (nodePort != null) {
            config.node(nodePort);
        }
        if (jobInterval != null) {
            config.jobInterval(Duration.ofMillis((long) (jobInterval * 1000)));
        }
        ServerTls tls = tlsOptions.serverTls(host);
        if (blocksMoveTheChain) {
            config.blocksMoveTheChain();
        }
        MockPool pool = MockPool.start(config.tls(tls).build());
        System.out.println("stratum port " + pool.stratumPort() + " control port " + pool.controlPort()
                + (nodePort == null ? "" : " node port " + pool.nodePort()));
        if (tls != null) {
            System.out.println("TLS (stratum+ssl://) certificate SHA-256 fingerprint " + tls.fingerprint());
        }
        System.out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM and Ctrl-C: close the pool, which flushes and closes the share log.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            pool.close();
            stopped.countDown();
        }, "mock-pool-shutdown"));
        stopped.await();
        return 0;
    }
}

package io.btm.demo;

import io.btm.core.launch.JvmRelaunch;
import io.btm.miner.Miner;
import io.btm.miner.MinerConfig;
import io.btm.miner.cli.ComputeOptions;
import io.btm.miner.cli.MinerCli;
import io.btm.miner.cli.MiningRun;
import io.btm.miner.net.ClientSettings;
import io.btm.miner.net.PoolEndpoint;
import io.btm.miner.stats.MinerStats;
import io.btm.pool.MockPool;
import io.btm.pool.model.PoolConfig;
import io.btm.pool.model.PoolStats;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code java -jar demo.jar}: the main job, the miner mining against the embedded mock pool. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Starts the embedded mock pool on loopback and mines on it for a while, then prints what the",
                "miner and the pool counted. Exit status 0 when the pool accepted shares, rejected none, and",
                "both sides agree."})
public final class DemoMain implements Callable<Integer> {
    @Option(names = "--seconds", defaultValue = "30", paramLabel = "S", description = "How long to mine (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--difficulty", defaultValue = "32", paramLabel = "D",
            description = "The pool's share difficulty: one hash in D is a share (default: ${DEFAULT-VALUE}).")
    BigInteger difficulty;

    @Mixin
    ComputeOptions compute;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) throws Exception {
        System.exit(JvmRelaunch.run(DemoMain.class, args, JvmRelaunch.Needs.VECTOR_API_AND_SIGNAL_CHAINING, DemoMain::run));
    }

    static int run(String... args) {
        return MinerCli.withUserErrors(new CommandLine(new DemoMain())).execute(args);
    }

    /** The verdicts that rejected something, e.g. {@code " (low_difficulty 2, stale 1)"}; empty for none. */
    private static String rejectedByVerdict(PoolStats stats) {
        String counts = stats.rejected().entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> e.getKey().label() + " " + e.getValue()).sorted().collect(Collectors.joining(", "));
        return counts.isEmpty() ? "" : " (" + counts + ")";
    }

    @Override
    public Integer call() throws InterruptedException {
        if (!(seconds > 0)) {
            throw new IllegalArgumentException("--seconds: must be positive, got " + seconds);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (MockPool pool = MockPool.start(PoolConfig.builder().difficulty(difficulty).build())) {
            PoolEndpoint endpoint = PoolEndpoint.parse("stratum+tcp://127.0.0.1:" + pool.stratumPort(), "demo.rig", "x");
            MinerConfig config = new MinerConfig(List.of(endpoint), compute.spec(), compute.devicesOrDefault(),
                    ClientSettings.defaults(), new InetSocketAddress("127.0.0.1", 0), Duration.ofSeconds(5));
            Miner miner = Miner.start(config);
            out.printf("mining on the mock pool at %s for %.0f s (miner status: http://127.0.0.1:%d/api/v1/status, pool stats: http://127.0.0.1:%d/api/stats)%n",
                    endpoint, seconds, miner.apiPort(), pool.controlPort());
            out.flush();
            MiningRun.run(miner, Duration.ofMillis(Math.round(seconds * 1000)));

            MinerStats minerStats = miner.stats();
            PoolStats poolStats = pool.stats();
            out.println("miner: " + minerStats.toJson().get("shares") + ", hashrate " + minerStats.toJson().get("hashrate"));
            out.println("pool:  accepted " + poolStats.accepted() + ", blocks " + poolStats.blocks() + ", rejected "
                    + poolStats.rejectedTotal() + rejectedByVerdict(poolStats));
            long accepted = poolStats.accepted();
            long rejected = poolStats.rejectedTotal();
            boolean agree = accepted == minerStats.accepted() && rejected == minerStats.rejected();
            boolean ok = accepted > 0 && rejected == 0 && minerStats.computeErrors() == 0 && agree;
            out.println(ok ? "demo passed: " + accepted + " shares accepted, none rejected"
                    : "demo FAILED: accepted " + accepted + ", rejected " + rejected + ", compute errors "
                    + minerStats.computeErrors() + (agree ? "" : ", miner and pool disagree"));
            out.flush();
            return ok ? 0 : 1;
        }
    }
}

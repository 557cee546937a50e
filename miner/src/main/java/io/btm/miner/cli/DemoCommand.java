package io.btm.miner.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.btm.miner.Miner;
import io.btm.miner.MinerConfig;
import io.btm.miner.backend.BackendSpec;
import io.btm.miner.pool.ClientSettings;
import io.btm.miner.pool.PoolEndpoint;
import io.btm.pool.MockPool;
import io.btm.pool.PoolConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Starts the embedded mock pool on loopback and mines on it for a while, then prints what the",
                "miner and the pool counted. Exit status 0 when the pool accepted shares, rejected none, and",
                "both sides agree."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--seconds", defaultValue = "30", paramLabel = "S", description = "How long to mine (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--backend", defaultValue = "opencl", description = "opencl or reference (default: ${DEFAULT-VALUE}).")
    BackendSpec.Kind backend;

    @Option(names = "-d", defaultValue = "0", paramLabel = "N", description = "OpenCL device (default: ${DEFAULT-VALUE}).")
    int device;

    @Option(names = "-i", paramLabel = "NONCES", description = "Nonces per kernel launch (default: chosen for the device).")
    Integer batch;

    @Option(names = "--difficulty", defaultValue = "32", paramLabel = "D",
            description = "The pool's share difficulty: one hash in D is a share (default: ${DEFAULT-VALUE}).")
    BigInteger difficulty;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        try (MockPool pool = MockPool.start(PoolConfig.builder().difficulty(difficulty).build())) {
            PoolEndpoint endpoint = PoolEndpoint.parse("stratum+tcp://127.0.0.1:" + pool.stratumPort(), "demo.rig", "x");
            MinerConfig config = new MinerConfig(List.of(endpoint), new BackendSpec(backend, null, batch, null, null),
                    List.of(device), ClientSettings.defaults(), new InetSocketAddress("127.0.0.1", 0), Duration.ofSeconds(5));
            Miner miner = Miner.start(config);
            out.printf("mining on the mock pool at %s for %.0f s (miner status: http://127.0.0.1:%d/api/v1/status, pool stats: http://127.0.0.1:%d/api/stats)%n",
                    endpoint, seconds, miner.apiPort(), pool.controlPort());
            out.flush();
            MiningRun.run(miner, MineCommand.toDuration("--seconds", seconds));

            ObjectNode minerStatus = miner.stats().toJson();
            ObjectNode poolStats = pool.stats();
            out.println("miner: " + minerStatus.get("shares") + ", hashrate " + minerStatus.get("hashrate"));
            out.println("pool:  " + poolStats.get("shares"));
            long accepted = pool.accepted();
            long rejected = pool.rejected();
            boolean agree = accepted == miner.stats().accepted() && rejected == miner.stats().rejected();
            boolean ok = accepted > 0 && rejected == 0 && miner.stats().computeErrors() == 0 && agree;
            out.println(ok ? "demo passed: " + accepted + " shares accepted, none rejected"
                    : "demo FAILED: accepted " + accepted + ", rejected " + rejected + ", compute errors "
                    + miner.stats().computeErrors() + (agree ? "" : ", miner and pool disagree"));
            out.flush();
            return ok ? 0 : 1;
        }
    }
}

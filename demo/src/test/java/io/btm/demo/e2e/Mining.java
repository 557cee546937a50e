package io.btm.demo.e2e;

import io.btm.core.tensority.MatrixCache;
import io.btm.miner.Miner;
import io.btm.miner.MinerConfig;
import io.btm.miner.backend.TensorityBackend;
import io.btm.miner.backend.opencl.KernelSource;
import io.btm.miner.compute.BackendSpec;
import io.btm.miner.net.ClientSettings;
import io.btm.miner.net.PoolEndpoint;
import io.btm.pool.model.ShareRecord;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/** What the end-to-end tests share: a miner on the default OpenCL device (PoCL in CI) and waiting for it. */
final class Mining {
    /** Small batches keep every step short on two CPU cores. */
    static final int BATCH = 4;
    /** Reconnects after a tenth of a second, so that tests of lost pools stay short. */
    static final ClientSettings FAST = ClientSettings.defaults().withRetries(1, Duration.ofMillis(100)).withFailback(Duration.ofSeconds(1));
    /** How long a test waits for a running system before it fails. */
    static final Duration PATIENCE = Duration.ofMinutes(2);

    private Mining() {
    }

    static List<PoolEndpoint> stratum(int... ports) {
        List<PoolEndpoint> pools = new ArrayList<>();
        for (int port : ports) {
            pools.add(PoolEndpoint.parse("stratum+tcp://127.0.0.1:" + port, "e2e.rig", "x"));
        }
        return pools;
    }

    static Miner mine(List<PoolEndpoint> pools) {
        return mine(pools, FAST, backend -> backend);
    }

    /** @param wrap decorates the OpenCL backend, e.g. to corrupt or hold its results */
    static Miner mine(List<PoolEndpoint> pools, ClientSettings client, UnaryOperator<TensorityBackend> wrap) {
        BackendSpec opencl = new BackendSpec(BackendSpec.Kind.OPENCL, null, BATCH, KernelSource.BUNDLED, null);
        MinerConfig config = new MinerConfig(pools, opencl, List.of(0), client, new InetSocketAddress("127.0.0.1", 0),
                Duration.ofSeconds(5));
        return Miner.start(config, device -> wrap.apply(opencl.open(device)));
    }

    /** Shares the pool accepted. */
    static boolean accepted(ShareRecord share) {
        return share.verdict().accepted();
    }

    /** Waits for a condition of the running miner; fails, saying what, after two minutes. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(20);
        }
    }

    /** A backend that hands every call to another; tests override {@link #hash}. */
    abstract static class Wrapped implements TensorityBackend {
        final TensorityBackend inner;

        Wrapped(TensorityBackend inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public int preferredBatchSize() {
            return inner.preferredBatchSize();
        }

        @Override
        public byte[][] hash(MatrixCache cache, byte[][] headerHashes) {
            return inner.hash(cache, headerHashes);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}

package io.btm.miner.cli;

import io.btm.miner.Miner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Runs a started miner until Ctrl-C, SIGTERM or the given duration, then stops it cleanly. */
public final class MiningRun {
    private static final Logger LOG = LoggerFactory.getLogger(MiningRun.class);

    private MiningRun() {
    }

    /** @return 0: a stopped miner is a successful run */
    public static int run(Miner miner, Duration duration) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        // Signal handlers rather than a shutdown hook: the JVM then exits with our status (0),
        // not 130/143, after the devices stopped and pending submits were answered.
        for (String name : new String[]{"INT", "TERM"}) {
            Signal.handle(new Signal(name), signal -> {
                LOG.info("SIG{}: stopping", signal.getName());
                stop.countDown();
            });
        }
        if (duration == null) {
            stop.await();
        } else if (!stop.await(duration.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.info("ran for {} s: stopping", duration.toSeconds());
        }
        miner.close();
        return 0;
    }
}

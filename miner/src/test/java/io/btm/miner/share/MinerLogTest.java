package io.btm.miner.share;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.btm.core.difficulty.ShareTarget;
import io.btm.core.header.BlockHeader;
import io.btm.core.stratum.Job;
import io.btm.core.tensority.MatrixCacheStore;
import io.btm.core.tensority.Tensority;
import io.btm.core.util.Bytes32;
import io.btm.miner.stats.MinerStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** What a pool says reaches the miner's log as one line, with no control character to forge another or drive a terminal. */
class MinerLogTest {
    /** The miner's loggers, at INFO and into a list only for this test. */
    private final Logger minerLogs = (Logger) LoggerFactory.getLogger("io.btm.miner");
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void capture() {
        logged.start();
        minerLogs.addAppender(logged);
        minerLogs.setLevel(Level.INFO);
        minerLogs.setAdditive(false);
    }

    @AfterEach
    void release() {
        minerLogs.detachAppender(logged);
        minerLogs.setLevel(null);
        minerLogs.setAdditive(true);
    }

    @Test
    void aPoolsRejectionCannotForgeAnAcceptedLine() {
        MatrixCacheStore caches = new MatrixCacheStore(1);
        Job job = new Job("7\n\u001b[31m", new BlockHeader(1, 10, Bytes32.ZERO, 0, Bytes32.ZERO, Bytes32.ZERO, 1, 0), Bytes32.ZERO,
                ShareTarget.parseHex("ffffffff"));
        byte[] input = new byte[32];
        input[0] = 1;
        Bytes32 result = Bytes32.of(Tensority.hash(input, caches.get(job.seed())));
        String forged = "Low difficulty share\n12:00:00.000 INFO  ShareChecker - accepted (99/0) diff 1 (1 ms)\u001b[2J (-1)";
        MinerStats stats = new MinerStats(List.of("cpu"), System::currentTimeMillis);
        try (ShareChecker checker = new ShareChecker(caches, share -> CompletableFuture.completedFuture(SubmitResult.rejected(forged, 1)),
                stats)) {
            checker.found(new FoundShare(job, 0, input, result, 0));
            checker.close(Duration.ofSeconds(30));
        }
        assertThat(stats.rejected()).isEqualTo(1);
        assertThat(logged.list).anySatisfy(event -> assertThat(event.getFormattedMessage())
                .startsWith("rejected (0/1): Low difficulty share\\n12:00:00.000 INFO"));
        assertThat(logged.list).allSatisfy(event -> assertThat(event.getFormattedMessage()).doesNotContain("\n", "\r", "\u001b"));
    }
}

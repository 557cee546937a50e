package io.btm.miner.stats;

import com.fasterxml.jackson.databind.JsonNode;
import io.btm.core.difficulty.ShareTarget;
import io.btm.core.header.BlockHeader;
import io.btm.core.stratum.Job;
import io.btm.core.util.Bytes32;
import io.btm.miner.share.RejectReason;
import io.btm.miner.share.SubmitResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MinerStatsTest {
    private final MinerStats stats = new MinerStats(List.of("cpu"), () -> 1_000_000L);

    private static Job job(String target) {
        return new Job("1", new BlockHeader(1, 10, Bytes32.ZERO, 0, Bytes32.ZERO, Bytes32.ZERO, 1, 0), Bytes32.ZERO,
                ShareTarget.parseHex(target));
    }

    @Test
    void rejectionsAreCountedByCategoryHoweverThePoolWordsThem() {
        for (int i = 0; i < 1000; i++) {
            stats.submitted(SubmitResult.rejected("Low difficulty share #" + i + " " + "x".repeat(10_000) + " (-1)", 5));
            stats.submitted(SubmitResult.rejected("something new " + i, 5));
        }
        JsonNode shares = stats.toJson().get("shares");
        assertThat(shares.get("rejected").asLong()).isEqualTo(2000);
        assertThat(shares.get("rejected_reasons").size()).isEqualTo(RejectReason.values().length);
        assertThat(shares.get("rejected_reasons").get("low_difficulty").asLong()).isEqualTo(1000);
        assertThat(shares.get("rejected_reasons").get("other").asLong()).isEqualTo(1000);
        assertThat(shares.get("last_rejection").asText()).isEqualTo("something new 999");
        stats.submitted(SubmitResult.rejected("y".repeat(50_000), 5));
        assertThat(stats.toJson().toString().length()).as("the whole status document").isLessThan(2_000);
    }

    @Test
    void aZeroTargetIsANullDifficultyNotTheStringInfinity() {
        stats.job(job("00000000"));
        JsonNode pool = stats.toJson().get("pool");
        assertThat(pool.get("difficulty").isNull()).isTrue();
        stats.job(job("ffffffff"));
        assertThat(stats.toJson().get("pool").get("difficulty").isNumber()).isTrue();
    }

    @Test
    void theSummaryLineCountsEveryOutcome() {
        stats.submitted(SubmitResult.accepted(3));
        stats.submitted(SubmitResult.rejected("Duplicate share (22)", 3));
        stats.submitted(SubmitResult.stale("replaced"));
        stats.submitted(SubmitResult.lost("no reply"));
        stats.submitted(SubmitResult.lost("no reply"));
        stats.dropped();
        stats.computeError();
        assertThat(stats.summary()).endsWith("shares 1 accepted, 1 rejected, 1 stale, 2 lost, 1 dropped, 1 compute errors");
    }
}

package io.btm.pool.internal.engine;

import io.btm.core.header.BlockHeader;
import io.btm.core.util.Bytes32;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WorkLogTest {
    private static BlockHeader template(long height) {
        return new BlockHeader(1, height, Bytes32.ZERO, 1_700_000_000L, Bytes32.ZERO, Bytes32.ZERO, 0x1d00ffffL, 0);
    }

    @Test
    void theSameWorkUnderAnotherJobIdIsNoticed() {
        WorkLog log = new WorkLog();
        assertThat(log.firstSubmittedUnder(template(1), 7, "job-a")).isNull();
        assertThat(log.firstSubmittedUnder(template(1), 7, "job-b")).isEqualTo("job-a");
        assertThat(log.firstSubmittedUnder(template(2), 7, "job-c")).isNull();
    }

    @Test
    void pastItsBoundTheOldestTemplatesAreForgottenFirst() {
        WorkLog log = new WorkLog(10);
        for (long nonce = 0; nonce < 6; nonce++) {
            log.firstSubmittedUnder(template(1), nonce, "old");
        }
        for (long nonce = 0; nonce < 6; nonce++) {
            log.firstSubmittedUnder(template(2), nonce, "new");
        }
        assertThat(log.size()).isEqualTo(6);
        assertThat(log.firstSubmittedUnder(template(1), 0, "again")).as("forgotten").isNull();
        assertThat(log.firstSubmittedUnder(template(2), 0, "again")).isEqualTo("new");
    }

    @Test
    void oneTemplateThatFillsTheLogRecordsNoMore() {
        WorkLog log = new WorkLog(4);
        for (long nonce = 0; nonce < 100; nonce++) {
            log.firstSubmittedUnder(template(1), nonce, "flood");
        }
        assertThat(log.size()).isEqualTo(4);
        assertThat(log.firstSubmittedUnder(template(1), 3, "again")).isEqualTo("flood");
    }

    @Test
    void templatesThePoolForgetsAreDropped() {
        WorkLog log = new WorkLog();
        log.firstSubmittedUnder(template(1), 1, "a");
        log.firstSubmittedUnder(template(2), 1, "b");
        log.retain(List.of(template(2)));
        assertThat(log.size()).isEqualTo(1);
    }
}

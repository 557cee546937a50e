package io.btm.miner.share;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What real pools answer (docs/real-pools.md), as the miner writes it: the message, then the code. */
class RejectReasonTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Low Difficulty Share (23)    | LOW_DIFFICULTY", // btmcpool verifier.go:54-57
            "Low difficulty share (-1)    | LOW_DIFFICULTY", // btc.com, antpool
            "Block expired (-1)           | STALE",          // btc.com StratumMinerBytom.cc:134-148
            "Duplicate share (22)         | DUPLICATE",      // btc.com's JSON-RPC 1 array
            "Job Not Found (21)           | UNKNOWN_JOB",    // btmcpool handler.go:79-101
            "Unauthorized Worker (24)     | UNAUTHORIZED",   // btmcpool handler.go:62-72
            "Invalid username (29)        | UNAUTHORIZED",   // btc.com
            "Invalid Submit Format (32)   | MALFORMED",      // btmcpool handler.go:105-154
            "Illegal params (27)          | MALFORMED",      // btc.com
            "(21)                         | UNKNOWN_JOB",    // a code and no words
            "Something else entirely (7)  | OTHER",
            "data false                   | OTHER",
    })
    void realPoolsAnswersFallIntoTheirCategories(String poolSaid, RejectReason expected) {
        assertThat(RejectReason.of(poolSaid)).isEqualTo(expected);
    }
}

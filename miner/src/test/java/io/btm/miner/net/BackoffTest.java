package io.btm.miner.net;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {
    private static final double NO_JITTER = 0.5; // 0.8 + 0.4 · 0.5 = 1.0

    @ParameterizedTest(name = "attempt {0}: {1} ms")
    @CsvSource({"1, 2000", "2, 4000", "3, 8000", "4, 16000", "5, 32000", "6, 60000", "7, 60000", "40, 60000"})
    void thePauseDoublesPerAttemptUpToTheMaximum(int attempt, long millis) {
        Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(1), () -> NO_JITTER);
        Duration pause = Duration.ZERO;
        for (int i = 0; i < attempt; i++) {
            pause = backoff.next();
        }
        assertThat(pause).isEqualTo(Duration.ofMillis(millis));
        assertThat(backoff.attempts()).isEqualTo(attempt);
    }

    @ParameterizedTest(name = "random {0}: {1} ms")
    @CsvSource({"0.0, 1600", "0.25, 1800", "0.999, 2399"})
    void jitterStaysWithinTwentyPercent(double random, long millis) {
        assertThat(new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(1), () -> random).next()).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void aResetStartsOverFromTheFirstPause() {
        Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(1), () -> NO_JITTER);
        backoff.next();
        backoff.next();
        backoff.reset();
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aMaximumBelowTheFirstPauseIsRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), () -> NO_JITTER))
                .hasMessageContaining("0 < first <= max");
    }
}

package io.btm.pool.internal.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NewestTest {

    @Test
    void theTailIsTheLastFewOldestFirstAndNeverMoreThanAsked() {
        ArrayDeque<Integer> kept = new ArrayDeque<>(List.of(1, 2, 3, 4, 5));
        assertThat(Newest.of(kept, 3)).containsExactly(3, 4, 5);
        assertThat(Newest.of(kept, 10)).containsExactly(1, 2, 3, 4, 5);
        assertThat(Newest.of(kept, 0)).isEmpty();
        assertThat(Newest.of(new ArrayDeque<Integer>(), 3)).isEmpty();
    }
}

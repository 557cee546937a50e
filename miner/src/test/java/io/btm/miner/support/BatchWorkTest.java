package io.btm.miner.support;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.assertj.core.api.Assertions.assertThat;

class BatchWorkTest {
    @Test
    void everyNonceIsWorkedOnOnceInChunksOfOneThreadEach() {
        for (int count : new int[]{0, 1, BatchWork.CHUNK, BatchWork.CHUNK + 1, 10 * BatchWork.CHUNK + 7}) {
            AtomicIntegerArray seen = new AtomicIntegerArray(count);
            BatchWork.forEach(count, (from, to) -> {
                assertThat(to - from).isBetween(1, BatchWork.CHUNK);
                for (int i = from; i < to; i++) {
                    seen.incrementAndGet(i);
                }
            });
            for (int i = 0; i < count; i++) {
                assertThat(seen.get(i)).as("nonce %d of %d", i, count).isEqualTo(1);
            }
        }
    }

    @Test
    void aSmallBatchStaysOnTheCallingThread() {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        BatchWork.forEach(BatchWork.CHUNK, (from, to) -> threads.add(Thread.currentThread()));
        assertThat(threads).containsExactly(Thread.currentThread());
    }
}

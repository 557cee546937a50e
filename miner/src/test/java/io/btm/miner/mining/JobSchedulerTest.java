package io.btm.miner.mining;

import io.btm.core.difficulty.ShareTarget;
import io.btm.core.header.BlockHeader;
import io.btm.core.stratum.Job;
import io.btm.core.util.Bytes32;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class JobSchedulerTest {
    private static Job job(String id, long startNonce) {
        return job(id, 10, startNonce);
    }

    private static Job job(String id, long height, long startNonce) {
        BlockHeader template = new BlockHeader(1, height, Bytes32.ZERO, 0, Bytes32.ZERO, Bytes32.ZERO, 1, startNonce);
        return new Job(id, template, Bytes32.ZERO, ShareTarget.parseHex("ffffffff"));
    }

    @Test
    void devicesGetDisjointBlocksWalkingUpFromTheJobsNonce() throws Exception {
        JobScheduler scheduler = new JobScheduler();
        scheduler.newJob(job("a", 5L << 40));
        Set<Long> seen = new HashSet<>();
        List<Thread> devices = new ArrayList<>();
        for (int d = 0; d < 4; d++) {
            Thread t = new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    NonceBlock block = next(scheduler, 7);
                    synchronized (seen) {
                        for (int k = 0; k < block.count(); k++) {
                            assertThat(seen.add(block.nonce(k))).isTrue();
                        }
                    }
                }
            });
            t.start();
            devices.add(t);
        }
        for (Thread t : devices) {
            t.join();
        }
        assertThat(seen).hasSize(4 * 1000 * 7);
        assertThat(seen.stream().mapToLong(Long::longValue).min().orElseThrow()).isEqualTo(5L << 40);
        assertThat(seen.stream().mapToLong(Long::longValue).max().orElseThrow()).isEqualTo((5L << 40) + 4 * 1000 * 7 - 1);
    }

    @Test
    void aNewJobStartsAgainFromItsOwnNonce() throws Exception {
        JobScheduler scheduler = new JobScheduler();
        scheduler.newJob(job("a", 10, 100));
        assertThat(next(scheduler, 10).first()).isEqualTo(100);
        scheduler.newJob(job("b", 11, 100));
        NonceBlock block = next(scheduler, 10);
        assertThat(block.job().jobId()).isEqualTo("b");
        assertThat(block.first()).isEqualTo(100);
    }

    @Test
    void theSameWorkUnderANewIdOrTargetGoesOnWhereItWas() {
        // btmcpool pushes the login's job again; a pool re-issues a job to change its target: no nonce twice.
        JobScheduler scheduler = new JobScheduler();
        scheduler.newJob(job("a", 100));
        assertThat(next(scheduler, 10).first()).isEqualTo(100);
        scheduler.newJob(job("a", 100));
        assertThat(next(scheduler, 10).first()).isEqualTo(110);
        Job reissued = new Job("a2", job("a", 100).template(), Bytes32.ZERO, ShareTarget.parseHex("0000ffff"));
        scheduler.newJob(reissued);
        NonceBlock block = next(scheduler, 10);
        assertThat(block.first()).isEqualTo(120);
        assertThat(block.job()).isEqualTo(reissued);
    }

    @Test
    void theRangeIsNeverLeft() throws Exception {
        JobScheduler scheduler = new JobScheduler();
        long start = -JobScheduler.RANGE / 2 - 3; // half a range below 2^64, not block-aligned
        scheduler.newJob(job("top", start));
        long hashed = 0;
        NonceBlock block;
        while ((block = scheduler.next(1 << 20, 10, TimeUnit.MILLISECONDS)) != null) {
            assertThat(Long.compareUnsigned(block.first(), start)).isGreaterThanOrEqualTo(0);
            assertThat(Long.compareUnsigned(block.nonce(block.count() - 1), -1L)).isLessThanOrEqualTo(0);
            assertThat(block.first()).isEqualTo(start + hashed);
            hashed += block.count();
        }
        assertThat(hashed).isEqualTo(-start); // up to 2^64 - 1, no wrap to 0

        scheduler.newJob(job("low", 7));
        long total = 0;
        while ((block = scheduler.next(1 << 24, 10, TimeUnit.MILLISECONDS)) != null) {
            total += block.count();
        }
        assertThat(total).isEqualTo(JobScheduler.RANGE);
    }

    @Test
    void waitsForAJobAndStops() throws Exception {
        JobScheduler scheduler = new JobScheduler();
        assertThat(scheduler.next(4, 20, TimeUnit.MILLISECONDS)).isNull();
        Thread waiter = new Thread(() -> assertThat(next(scheduler, 4).job().jobId()).isEqualTo("late"));
        waiter.start();
        scheduler.newJob(job("late", 0));
        waiter.join();
        scheduler.stop();
        assertThat(scheduler.next(4, 1, TimeUnit.SECONDS)).isNull();
        assertThat(scheduler.isStopped()).isTrue();
    }

    private static NonceBlock next(JobScheduler scheduler, int count) {
        try {
            return scheduler.next(count, 10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}

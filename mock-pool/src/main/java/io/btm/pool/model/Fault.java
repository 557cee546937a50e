package io.btm.pool.model;

import io.btm.core.difficulty.ShareTarget;

import java.time.Duration;

/**
 * Something a test makes the pool do wrong to one session, to see how a miner copes.
 * Set with {@code MockPool.inject(session, fault)} or the control API's {@code faults}.
 */
public sealed interface Fault {

    /** The fault's key in the control API's {@code faults} body, and its label in the metrics. */
    String label();

    /** Drop the next {@code count} messages to the miner. */
    record DropNext(int count) implements Fault {
        @Override
        public String label() {
            return "drop";
        }
        public DropNext {
            if (count < 0) {
                throw new IllegalArgumentException("drop: must not be negative, got " + count);
            }
        }
    }

    /** Delay every message to the miner by this much; zero to stop. */
    record Delay(Duration delay) implements Fault {
        @Override
        public String label() {
            return "delay_ms";
        }
        public Delay {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay_ms: must not be negative, got " + delay.toMillis());
            }
        }
    }

    /** Send one line that is not JSON. */
    record MalformedLine() implements Fault {
        @Override
        public String label() {
            return "malformed";
        }
    }

    /** Send this text verbatim as a line of its own: an unknown method, a broken job, anything. */
    record Line(String text) implements Fault {
        @Override
        public String label() {
            return "line";
        }
        public Line {
            if (text.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("line: must be one line, without a newline");
            }
        }
    }

    /** Send the job before the current one again. */
    record OldJob() implements Fault {
        @Override
        public String label() {
            return "old_job";
        }
    }

    /** Judge this session's shares by another target than its jobs carry (a pool that moved the goalposts); null to stop. */
    record JudgeBy(ShareTarget target) implements Fault {
        @Override
        public String label() {
            return "judge_target";
        }
    }
}

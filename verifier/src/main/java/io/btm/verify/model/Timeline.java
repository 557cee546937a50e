package io.btm.verify.model;

import java.util.List;

/**
 * What happened during one scenario, on its time axis (milliseconds from the start of its run),
 * with the time limits it was judged by and the miner's output: what the HTML report draws.
 * Immutable.
 *
 * @param minerOutput the end of what the miner printed, bounded
 */
public record Timeline(List<Mark> marks, List<Threshold> thresholds, String minerOutput) {
    public static final Timeline NONE = new Timeline(List.of(), List.of(), "");

    public Timeline {
        marks = List.copyOf(marks);
        thresholds = List.copyOf(thresholds);
    }

    /** A row of the timeline. */
    public enum Lane {
        LOGIN, SUBMIT, JOB, FAULT, DROP, EVENT
    }

    /** One thing at one moment; a submit's label is its verdict. */
    public record Mark(long atMillis, Lane lane, String label) {
    }

    /** A limit in time: what was measured had to happen between {@code fromMillis} and {@code toMillis}. */
    public record Threshold(String label, long fromMillis, long toMillis) {
    }
}

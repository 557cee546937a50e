package io.btm.verify.model;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a miner did in one scenario. Immutable.
 *
 * @param reason       why it failed or was skipped, in words with the numbers; null when it passed
 * @param measurements what was measured, in order, each with its threshold where it has one
 * @param timeline     what happened during the run, for the HTML report; {@link Timeline#NONE} where nothing ran
 */
public record ScenarioResult(Scenario scenario, Outcome outcome, String reason, Map<String, String> measurements, Duration took,
                             Timeline timeline) {
    public enum Outcome {
        PASS, FAIL, SKIP
    }

    public ScenarioResult {
        measurements = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(measurements));
    }

    /** A result with no timeline: a scenario skipped, or judged without a run of its own. */
    public ScenarioResult(Scenario scenario, Outcome outcome, String reason, Map<String, String> measurements, Duration took) {
        this(scenario, outcome, reason, measurements, took, Timeline.NONE);
    }

    public boolean failed() {
        return outcome == Outcome.FAIL;
    }
}

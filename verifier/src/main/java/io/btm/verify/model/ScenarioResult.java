package io.btm.verify.model;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a miner did in one scenario. Immutable.
 *
 * @param reason       why it failed or was skipped, in words with the numbers; null when it passed
 * @param measurements what was measured, in order, each with its threshold where it has one
 */
public record ScenarioResult(Scenario scenario, Outcome outcome, String reason, Map<String, String> measurements, Duration took) {
    public enum Outcome {
        PASS, FAIL, SKIP
    }

    public ScenarioResult {
        measurements = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(measurements));
    }

    public boolean failed() {
        return outcome == Outcome.FAIL;
    }
}

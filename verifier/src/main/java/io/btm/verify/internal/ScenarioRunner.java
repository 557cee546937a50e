package io.btm.verify.internal;

import io.btm.pool.model.Dialect;
import io.btm.pool.tls.ServerTls;
import io.btm.verify.model.MinerCommand;
import io.btm.verify.model.Scenario;
import io.btm.verify.model.ScenarioResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Runs one scenario: a fresh trial (pools and a miner process), the judging, the cleanup, the result. */
public final class ScenarioRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ScenarioRunner.class);

    private final MinerCommand command;
    private final Dialect dialect;
    private final BigInteger difficulty;
    private final ServerTls tls;
    private final Path logs;
    private final Path replay;

    /** @param tls the pools' TLS, or null for plain TCP */
    public ScenarioRunner(MinerCommand command, Dialect dialect, BigInteger difficulty, ServerTls tls, Path logs, Path replay) {
        this.command = command;
        this.dialect = dialect;
        this.difficulty = difficulty;
        this.tls = tls;
        this.logs = logs;
        this.replay = replay;
    }

    public ScenarioResult run(Scenario scenario) {
        long start = System.nanoTime();
        if (scenario == Scenario.FAILOVER && !command.uses(MinerCommand.URL2)) {
            return new ScenarioResult(scenario, ScenarioResult.Outcome.SKIP, "the miner command has no {url2}, so no second pool",
                    Map.of(), Duration.ZERO);
        }
        Path log = logs.resolve(dialect.label() + "-" + scenario.label() + ".log");
        if (scenario == Scenario.REPLAY) {
            return Replay.run(command, replay, log);
        }
        Path poolTrace = logs.resolve(dialect.label() + "-" + scenario.label() + ".pool-trace.jsonl");
        LOG.info("{} in {}: starting the miner (output: {})", scenario.label(), dialect.label(), log);
        try {
            Files.deleteIfExists(poolTrace); // the pool appends, and an earlier run's sessions would share its numbers
        } catch (IOException e) {
            return new ScenarioResult(scenario, ScenarioResult.Outcome.FAIL, "the verifier could not run it: " + e, Map.of(),
                    Duration.ofNanos(System.nanoTime() - start));
        }
        try (Trial trial = new Trial(dialect, difficulty, tls, command, log, poolTrace)) {
            try {
                judge(scenario, trial);
                return result(scenario, ScenarioResult.Outcome.PASS, null, trial, start);
            } catch (Trial.Failed failed) {
                return result(scenario, ScenarioResult.Outcome.FAIL, failed.getMessage(), trial, start);
            }
        } catch (RuntimeException e) {
            return new ScenarioResult(scenario, ScenarioResult.Outcome.FAIL, "the verifier could not run it: " + e, Map.of(),
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private static ScenarioResult result(Scenario scenario, ScenarioResult.Outcome outcome, String reason, Trial trial, long start) {
        return new ScenarioResult(scenario, outcome, reason, trial.measurements(), Duration.ofNanos(System.nanoTime() - start),
                trial.timeline());
    }

    private static void judge(Scenario scenario, Trial trial) {
        switch (scenario) {
            case PROTOCOL -> Scenarios.protocol(trial);
            case SHARES -> Scenarios.shares(trial);
            case JOB_SWITCH -> Scenarios.jobSwitch(trial);
            case TARGET_CHANGE -> Scenarios.targetChange(trial);
            case EPOCH_CHANGE -> Scenarios.epochChange(trial);
            case DISCONNECT -> Scenarios.disconnect(trial);
            case GARBAGE -> Scenarios.garbage(trial);
            case BAN -> Scenarios.ban(trial);
            case FAILOVER -> Scenarios.failover(trial);
            case HASHRATE -> Scenarios.hashrate(trial);
            case REPLAY -> throw new IllegalStateException("replay runs without a trial");
        }
    }
}

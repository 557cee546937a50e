package io.btm.verify;

import io.btm.pool.model.Dialect;
import io.btm.pool.tls.ServerTls;
import io.btm.verify.internal.ScenarioRunner;
import io.btm.verify.model.MinerCommand;
import io.btm.verify.model.Scenario;
import io.btm.verify.model.ScenarioResult;
import io.btm.verify.model.VerificationReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Judges a miner, any miner, from the pool side: for each scenario, a fresh mock pool in the
 * dialect, the miner's command started against it as a child process, the pool driven through its
 * own API, the miner stopped (SIGTERM, then SIGKILL), and a verdict from what the pool saw. For
 * JUnit tests and for {@code mock-pool verify-miner}:
 *
 * <pre>{@code
 * VerificationReport report = MinerVerifier.of(MinerCommand.of("java", "-jar", "miner.jar", "mine", "-o", "{url}", "-u", "{user}"))
 *         .dialect(Dialect.BTCPOOL).run();
 * assertThat(report.passed()).as(report.summary()).isTrue();
 * }</pre>
 */
public final class MinerVerifier {
    /** One hash in 32 is a share: a share every second or two on a CPU with PoCL. */
    public static final BigInteger DEFAULT_DIFFICULTY = BigInteger.valueOf(32);

    private final MinerCommand command;
    private Dialect dialect = Dialect.BTMCPOOL;
    private List<Scenario> scenarios = defaultScenarios();
    private BigInteger difficulty = DEFAULT_DIFFICULTY;
    private Path logs;
    private Path replay;
    private ServerTls tls;
    private Consumer<ScenarioResult> progress = result -> { };

    private MinerVerifier(MinerCommand command) {
        this.command = Objects.requireNonNull(command);
    }

    public static MinerVerifier of(MinerCommand command) {
        return new MinerVerifier(command);
    }

    /** Every scenario but the replay, which needs a recorded session. */
    public static List<Scenario> defaultScenarios() {
        return List.of(Scenario.values()).stream().filter(s -> s != Scenario.REPLAY).toList();
    }

    public MinerVerifier dialect(Dialect value) {
        dialect = Objects.requireNonNull(value);
        return this;
    }

    public MinerVerifier scenarios(List<Scenario> value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("scenarios: none given");
        }
        scenarios = List.copyOf(value);
        return this;
    }

    /** The share difficulty the pools start at (default {@link #DEFAULT_DIFFICULTY}): low enough for frequent shares. */
    public MinerVerifier difficulty(BigInteger value) {
        if (value.signum() <= 0) {
            throw new IllegalArgumentException("difficulty: must be positive, got " + value);
        }
        difficulty = value;
        return this;
    }

    /** Where the miner's output goes, a file per scenario (default: a new temporary folder). */
    public MinerVerifier logs(Path folder) {
        logs = folder;
        return this;
    }

    /** A session recorded by {@code mock-pool record}, for the {@link Scenario#REPLAY} scenario. */
    public MinerVerifier replay(Path trace) {
        if (!Files.isReadable(trace)) {
            throw new IllegalArgumentException("replay: " + trace + " is not a readable file");
        }
        replay = trace;
        return this;
    }

    /**
     * The pools serve TLS with this certificate: {@code {url}} and {@code {url2}} are
     * {@code stratum+ssl://}, and {@code {fingerprint}} is the certificate's SHA-256 (for the miner's
     * {@code --tls-fingerprint}).
     */
    public MinerVerifier tls(ServerTls value) {
        tls = Objects.requireNonNull(value);
        return this;
    }

    /** Told of each scenario's result as soon as it is known, e.g. to print it. */
    public MinerVerifier onResult(Consumer<ScenarioResult> listener) {
        progress = Objects.requireNonNull(listener);
        return this;
    }

    /** Runs the scenarios one after another; a failing one does not stop the rest. */
    public VerificationReport run() {
        if (scenarios.contains(Scenario.REPLAY) && replay == null) {
            throw new IllegalArgumentException("scenario replay: needs a recorded session (--replay FILE)");
        }
        if (scenarios.contains(Scenario.REPLAY) && tls != null) {
            throw new IllegalArgumentException("scenario replay: plays a session over plain TCP only; run it without --tls");
        }
        if (command.uses(MinerCommand.FINGERPRINT) && tls == null) {
            throw new IllegalArgumentException("miner command: {fingerprint} is the pools' certificate, and needs --tls");
        }
        Path folder = logs;
        try {
            if (folder == null) {
                folder = Files.createTempDirectory("verify-miner");
            }
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("miner logs: " + e.getMessage(), e);
        }
        ScenarioRunner runner = new ScenarioRunner(command, dialect, difficulty, tls, folder, replay);
        List<ScenarioResult> results = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            ScenarioResult result = runner.run(scenario);
            progress.accept(result);
            results.add(result);
        }
        return new VerificationReport(command, dialect, results);
    }
}

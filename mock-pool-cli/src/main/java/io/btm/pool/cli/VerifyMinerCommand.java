package io.btm.pool.cli;

import io.btm.pool.model.Dialect;
import io.btm.verify.MinerVerifier;
import io.btm.verify.model.MinerCommand;
import io.btm.verify.model.Scenario;
import io.btm.verify.model.VerificationReport;
import io.btm.pool.tls.ServerTls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code mock-pool verify-miner … -- MINER COMMAND}: judges a miner, scenario by scenario, and reports. */
@Command(name = "verify-miner", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Judges a miner from the pool side: for each scenario a fresh mock pool, the miner's command started against it, "
                + "the pool driven, the miner stopped (SIGTERM, then SIGKILL), a verdict from what the pool saw.",
                "The command after -- may hold {url}, {url2} (a second pool, for failover), {user} and {api} (a free port for the miner's "
                        + "status API); e.g. -- java -jar miner.jar mine -o {url} -u {user} --api 127.0.0.1:{api}. With --tls, {url} and {url2} "
                        + "are stratum+ssl:// and {fingerprint} is the pools' certificate: add --tls-fingerprint {fingerprint}.",
                "Exit status: 0 if every scenario passed (or was skipped), 1 if one failed, 2 for bad input."})
final class VerifyMinerCommand implements Callable<Integer> {
    static final int EXIT_FAILED = 1;

    @Option(names = "--dialect", paramLabel = "D[,D…]", defaultValue = "btmcpool",
            description = "The real pools to imitate, comma-separated, or 'all' (default: ${DEFAULT-VALUE}).")
    String dialects;
    @Option(names = "--scenarios", paramLabel = "S[,S…]",
            description = "Which scenarios, comma-separated (default: all but replay): protocol, shares, job-switch, target-change, "
                    + "epoch-change, disconnect, garbage, ban, failover, hashrate, replay.")
    String scenarios;
    @Option(names = "--difficulty", paramLabel = "N", description = "Share difficulty the pools start at (default: 32, a share per 32 hashes).")
    BigInteger difficulty;
    @Option(names = "--replay", paramLabel = "TRACE", description = "A session recorded with 'record', for the replay scenario (which it adds).")
    Path replay;
    @Option(names = "--junit", paramLabel = "FILE", description = "Write a JUnit XML report: a testsuite per dialect, a testcase per scenario.")
    Path junit;
    @Option(names = "--json", paramLabel = "FILE", description = "Write a JSON report.")
    Path json;
    @Option(names = "--html", paramLabel = "FILE",
            description = "Write an HTML report, one self-contained file: the verdicts, and per scenario a timeline and the miner's output.")
    Path html;
    @Option(names = "--logs", paramLabel = "DIR", description = "Keep the miner's output here, a file per scenario (default: a temporary folder).")
    Path logs;
    @Mixin
    ServerTlsOptions tlsOptions;
    @Parameters(arity = "1..*", paramLabel = "MINER COMMAND", description = "The miner's command, after --.")
    List<String> command;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        MinerCommand miner = new MinerCommand(command);
        List<Dialect> chosenDialects = parseDialects(dialects);
        List<Scenario> chosen = scenarios == null ? new ArrayList<>(MinerVerifier.defaultScenarios()) : parseScenarios(scenarios);
        if (replay != null && !chosen.contains(Scenario.REPLAY)) {
            chosen.add(Scenario.REPLAY);
        }
        PrintWriter out = spec.commandLine().getOut();
        ServerTls tls = tlsOptions.serverTls("127.0.0.1");
        if (tls != null) {
            out.println("TLS: the pools serve stratum+ssl://, certificate SHA-256 fingerprint " + tls.fingerprint());
        }
        List<VerificationReport> reports = new ArrayList<>();
        for (Dialect dialect : chosenDialects) {
            out.printf("verify-miner, dialect %s: %s%n", dialect.label(), miner);
            out.flush();
            MinerVerifier verifier = MinerVerifier.of(miner).dialect(dialect).scenarios(chosen)
                    .onResult(result -> {
                        out.printf(Locale.ROOT, "  %-4s %-14s %5.1f s%n", result.outcome(), result.scenario().label(), result.took().toMillis() / 1000.0);
                        out.flush();
                    });
            if (difficulty != null) {
                verifier.difficulty(difficulty);
            }
            if (logs != null) {
                verifier.logs(logs);
            }
            if (replay != null) {
                verifier.replay(replay);
            }
            if (tls != null) {
                verifier.tls(tls);
            }
            reports.add(verifier.run());
        }
        out.println();
        reports.forEach(report -> out.print(report.summary()));
        out.flush();
        write(junit, VerificationReport.junitXml(reports));
        write(json, VerificationReport.json(reports));
        write(html, VerificationReport.html(reports));
        return reports.stream().allMatch(VerificationReport::passed) ? 0 : EXIT_FAILED;
    }

    private static List<Dialect> parseDialects(String text) {
        if (text.equals("all")) {
            return List.of(Dialect.values());
        }
        return Arrays.stream(text.split(",")).map(String::strip).map(Dialect::parse).toList();
    }

    private static List<Scenario> parseScenarios(String text) {
        if (text.equals("all")) {
            return new ArrayList<>(MinerVerifier.defaultScenarios());
        }
        return new ArrayList<>(Arrays.stream(text.split(",")).map(String::strip).map(Scenario::parse).toList());
    }

    private static void write(Path file, String text) {
        if (file == null) {
            return;
        }
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}

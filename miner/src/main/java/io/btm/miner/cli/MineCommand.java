package io.btm.miner.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import io.btm.core.tls.CertificateFingerprint;
import io.btm.core.tls.PoolTrust;
import io.btm.miner.Miner;
import io.btm.miner.MinerConfig;
import io.btm.miner.backend.opencl.KernelShape;
import io.btm.miner.compute.BackendSpec;
import io.btm.miner.net.ClientSettings;
import io.btm.miner.net.PoolEndpoint;
import io.btm.miner.support.UserError;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "mine", mixinStandardHelpOptions = true, modelTransformer = MineCommand.NumberedPools.class,
        description = {"Mines on a stratum pool (failover pools after it) or solo on a Bytom node.",
                "Example: mine -o stratum+tcp://btm.f2pool.com:9221 -u bm1q…address.rig1 --backend opencl -d 0,1"})
final class MineCommand implements Callable<Integer> {
    /** -o1/-u1/-p1 … -o9/-u9/-p9: failover pools in the numbered style of other miners. */
    static final int NUMBERED_POOLS = 9;

    /** One -o and the -u/-p after it. */
    static final class PoolArgs {
        @Option(names = "-o", required = true, paramLabel = "URL",
                description = "Pool: stratum+tcp://host:port, stratum+ssl://host:port, or http://node:9888 for solo. Repeat for failover pools.")
        String url;
        @Option(names = "-u", paramLabel = "USER", description = "Login, usually wallet-or-account.worker.")
        String user;
        @Option(names = "-p", paramLabel = "PASS", description = "Password (default: x).")
        String pass;
    }

    @ArgGroup(exclusive = false, multiplicity = "0..*")
    List<PoolArgs> pools = new ArrayList<>();

    @Option(names = "-c", paramLabel = "FILE", description = "JSON config with the same settings (see README); flags override it.")
    Path configFile;

    @Mixin
    ComputeOptions compute;

    @Option(names = "--api", paramLabel = "HOST:PORT", description = "Serve GET /api/v1/status (JSON) and GET /metrics (Prometheus) here, e.g. 127.0.0.1:4068.")
    String api;

    @Option(names = "--log-file", paramLabel = "FILE", description = "Also append the log to this file.")
    Path logFile;

    @Option(names = "--retries", paramLabel = "N", description = "Failed connections before the next pool (default: 3).")
    Integer retries;

    @Option(names = "--retry-pause", paramLabel = "S", description = "First pause before reconnecting, doubling per failure (default: 2).")
    Double retryPause;

    @Option(names = "--failback", paramLabel = "S", description = "On a backup pool, try the first pool again this often (default: 120).")
    Double failback;

    @Option(names = "--idle-timeout", paramLabel = "S",
            description = "Reconnect after this long without a message from the pool; 0 = never (default: 600). Nothing is sent to keep a connection up.")
    Double idleTimeout;

    @Option(names = "--submit-stale", description = "Send shares of a job the pool has replaced instead of dropping them.")
    Boolean submitStale;

    @Option(names = "--tls-ca", paramLabel = "FILE",
            description = "stratum+ssl:// pools: trust the CA certificates in this PEM file instead of the JDK's trust store"
                    + " (a self-signed pool certificate is its own CA); the certificate must name the URL's host.")
    Path tlsCa;

    @Option(names = "--tls-fingerprint", paramLabel = "HEX",
            description = "stratum+ssl:// pools: accept only the certificate with this SHA-256 fingerprint (64 hex digits, colons allowed),"
                    + " whoever signed it and whatever host it names.")
    String tlsFingerprint;

    @Option(names = "--print-time", paramLabel = "S", description = "Seconds between hashrate lines (default: 10).")
    Double printTime;

    @Option(names = "--duration", paramLabel = "S", description = "Stop after this many seconds (default: until Ctrl-C or SIGTERM).")
    Double duration;

    @Spec
    CommandSpec spec;

    /** Adds the numbered pool options, which annotations cannot declare in a loop. */
    static final class NumberedPools implements CommandLine.IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec command) {
            for (int n = 1; n <= NUMBERED_POOLS; n++) {
                command.addOption(OptionSpec.builder("-o" + n).paramLabel("URL").type(String.class).hidden(true).build());
                command.addOption(OptionSpec.builder("-u" + n).paramLabel("USER").type(String.class).hidden(true).build());
                command.addOption(OptionSpec.builder("-p" + n).paramLabel("PASS").type(String.class).hidden(true).build());
            }
            return command;
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        ConfigFile file = configFile == null ? ConfigFile.empty() : ConfigFile.read(configFile);
        Path log = logFile != null ? logFile : pathOrNull(file.text("log-file"));
        if (log != null) {
            logTo(log);
        }
        // Every option is read and checked before a device or a connection is opened.
        MinerConfig config = config(file);
        Duration stopAfter = positive("--duration", seconds("--duration", duration, file.seconds("duration"), null));
        return MiningRun.run(Miner.start(config), stopAfter);
    }

    MinerConfig config(ConfigFile file) {
        List<PoolEndpoint> endpoints = new ArrayList<>();
        for (PoolArgs p : pools) {
            endpoints.add(PoolEndpoint.parse(p.url, p.user, p.pass));
        }
        for (int n = 1; n <= NUMBERED_POOLS; n++) {
            String url = spec.findOption("-o" + n).getValue();
            if (url != null) {
                endpoints.add(PoolEndpoint.parse(url, spec.findOption("-u" + n).getValue(), spec.findOption("-p" + n).getValue()));
            }
        }
        if (endpoints.isEmpty()) {
            for (String[] p : file.pools()) {
                endpoints.add(PoolEndpoint.parse(p[0], p[1], p[2]));
            }
        }
        BackendSpec.Kind kind = compute.backend != null ? compute.backend : parseKind(file.text("backend"));
        KernelShape kernelShape = compute.shape != null ? compute.shape : parseShape(file.text("kernel-shape"));
        BackendSpec backendSpec = new BackendSpec(kind, kernelShape, first(compute.batch, file.integer("batch")),
                compute.kernelSource(compute.kernelFile != null ? compute.kernelFile : pathOrNull(file.text("kernel-file"))),
                first(compute.threads, file.integer("threads")));
        List<Integer> deviceList = compute.devices != null ? compute.devices : file.devices();
        if (deviceList == null || kind == BackendSpec.Kind.REFERENCE) {
            deviceList = List.of(0); // the reference backend is one device of many threads
        }
        ClientSettings defaults = ClientSettings.defaults();
        int retryCount = first(retries, file.integer("retries"), defaults.retries());
        if (retryCount < 1) {
            throw new UserError("--retries " + retryCount + ": must be at least 1");
        }
        ClientSettings client = defaults
                .withRetries(retryCount,
                        positive("--retry-pause", seconds("--retry-pause", retryPause, file.seconds("retry-pause"), defaults.retryPause())))
                .withFailback(positive("--failback", seconds("--failback", failback, file.seconds("failback"), defaults.failback())))
                .withIdleTimeout(seconds("--idle-timeout", idleTimeout, file.seconds("idle-timeout"), defaults.idleTimeout()))
                .withSubmitStale(first(submitStale, file.flag("submit-stale"), false))
                .withTls(poolTrust(file));
        String apiAddress = api != null ? api : file.text("api");
        return new MinerConfig(endpoints, backendSpec, deviceList, client, apiAddress == null ? null : parseAddress(apiAddress),
                positive("--print-time", seconds("--print-time", printTime, file.seconds("print-time"), Duration.ofSeconds(10))));
    }

    /** How stratum+ssl:// pools are trusted: a flag replaces the config file's choice, not only its own key. */
    private PoolTrust poolTrust(ConfigFile file) {
        boolean flagGiven = tlsCa != null || tlsFingerprint != null;
        Path ca = flagGiven ? tlsCa : pathOrNull(file.text("tls-ca"));
        String fingerprint = flagGiven ? tlsFingerprint : file.text("tls-fingerprint");
        if (ca != null && fingerprint != null) {
            throw new UserError("--tls-ca and --tls-fingerprint: give one, not both");
        }
        if (ca != null) {
            return PoolTrust.NamedCa.read(ca);
        }
        return fingerprint != null ? new PoolTrust.Pinned(CertificateFingerprint.parse(fingerprint)) : new PoolTrust.JdkTrustStore();
    }

    /** A duration that must be above zero (a period, a pause); null stays null. */
    private static Duration positive(String name, Duration value) {
        if (value != null && value.isZero()) {
            throw new UserError(name + " " + value.toMillis() / 1000.0 + ": must be more than 0 seconds");
        }
        return value;
    }

    /** A duration from the flag, else the config file, else the default. */
    private static Duration seconds(String name, Double flag, Double fromFile, Duration fallback) {
        Double given = first(flag, fromFile);
        return given == null ? fallback : toDuration(name, given);
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static BackendSpec.Kind parseKind(String text) {
        return text == null ? ComputeOptions.DEFAULT_BACKEND : BackendSpec.Kind.parse(text);
    }

    private static KernelShape parseShape(String text) {
        return text == null ? null : KernelShape.parse(text);
    }

    private static Path pathOrNull(String text) {
        return text == null ? null : Path.of(text);
    }

    static Duration toDuration(String name, double seconds) {
        if (seconds < 0 || Double.isNaN(seconds)) {
            throw new UserError(name + ": expected seconds ≥ 0, got " + seconds);
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    static InetSocketAddress parseAddress(String text) {
        int colon = text.lastIndexOf(':');
        try {
            if (colon < 0) {
                throw new NumberFormatException();
            }
            int port = Integer.parseInt(text.substring(colon + 1));
            String host = text.substring(0, colon);
            return new InetSocketAddress(host.isEmpty() ? "127.0.0.1" : host, port);
        } catch (IllegalArgumentException e) { // a bad port number, or a port out of range
            throw new UserError("--api " + text + ": expected HOST:PORT, e.g. 127.0.0.1:4068");
        }
    }

    /** Adds a file appender to the root logger, with the console's pattern. */
    private static void logTo(Path file) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{0} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setFile(file.toString());
        appender.setAppend(true);
        appender.setEncoder(encoder);
        appender.start();
        if (!appender.isStarted()) {
            throw new UserError("--log-file " + file + ": cannot open");
        }
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }
}

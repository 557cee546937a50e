package io.btm.pool.cli;

import io.btm.core.tls.PoolTrust;
import io.btm.pool.tls.ServerTls;
import io.btm.verify.RecordingProxy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code mock-pool record}: a recording proxy between a miner and a real pool. */
@Command(name = "record", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Sits between a miner and a pool and writes every message both ways to a trace (time, session, in/out, data), "
                + "so that a session on a real pool can be read, and replayed with verify-miner --replay.",
                "Point the miner at stratum+tcp://HOST:PORT of the proxy (stratum+ssl:// with --tls); stop with Ctrl-C or SIGTERM."})
final class RecordCommand implements Callable<Integer> {
    @Option(names = "--pool", required = true, paramLabel = "URL", description = "The pool: stratum+tcp://host:port or stratum+ssl://host:port.")
    String pool;
    @Option(names = "--trace", required = true, paramLabel = "FILE", description = "The trace to append to, JSON lines.")
    Path trace;
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;
    @Option(names = "--port", defaultValue = "3334", description = "Port to listen on; 0 = any free port (default: ${DEFAULT-VALUE}).")
    int port;
    @Mixin
    ServerTlsOptions tlsOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port " + port + ": a port is from 0 (any free one) to 65535");
        }
        ServerTls tls = tlsOptions.serverTls(host);
        RecordingProxy proxy = RecordingProxy.start(host, port, tls, pool, new PoolTrust.JdkTrustStore(), trace);
        spec.commandLine().getOut().printf("recording on %s://%s:%d to %s, relaying to %s%n", tls == null ? "stratum+tcp" : "stratum+ssl",
                host, proxy.port(), trace, pool);
        if (tls != null) {
            spec.commandLine().getOut().println("TLS (stratum+ssl://) certificate SHA-256 fingerprint " + tls.fingerprint());
        }
        spec.commandLine().getOut().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            proxy.close(); // writes out the trace
            stopped.countDown();
        }, "record-shutdown"));
        stopped.await();
        return 0;
    }
}

package io.btm.miner.cli;

import io.btm.core.tls.CertificateFingerprint;
import io.btm.core.tls.PoolTrust;
import io.btm.miner.MinerConfig;
import io.btm.miner.support.UserError;
import io.btm.miner.compute.BackendSpec;
import io.btm.miner.net.PoolEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How {@code mine}'s flags and config file become a {@link MinerConfig}. */
class MineCommandTest {
    @TempDir
    Path dir;

    private static MineCommand parse(String... args) {
        MineCommand command = new MineCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void repeatedAndNumberedPoolsKeepTheirOrder() {
        MinerConfig config = parse("-o", "stratum+tcp://a:1", "-u", "w.1", "-o", "stratum+ssl://b:2", "-u", "w.2", "-p", "pw",
                "-o1", "http://node:9888", "-d", "0,2", "-i", "64", "--api", "127.0.0.1:4068", "--retries", "5")
                .config(ConfigFile.empty());
        assertThat(config.pools()).extracting(PoolEndpoint::url).containsExactly("stratum+tcp://a:1", "stratum+ssl://b:2", "http://node:9888");
        assertThat(config.pools().get(1).user()).isEqualTo("w.2");
        assertThat(config.pools().get(1).pass()).isEqualTo("pw");
        assertThat(config.devices()).containsExactly(0, 2);
        assertThat(config.backend().batch()).isEqualTo(64);
        assertThat(config.backend().kind()).isEqualTo(BackendSpec.Kind.OPENCL);
        assertThat(config.api().getPort()).isEqualTo(4068);
        assertThat(config.client().retries()).isEqualTo(5);
    }

    @Test
    void theConfigFileGivesWhatFlagsDoNot() throws IOException {
        Path file = dir.resolve("miner.json");
        Files.writeString(file, """
                {"pools":[{"url":"stratum+tcp://main:3333","user":"a.rig"},{"url":"stratum+tcp://backup:3333","user":"a.rig"}],
                 "devices":[1],"batch":32,"retries":2,"retry-pause":0.5,"idle-timeout":0,"submit-stale":true,"print-time":30}
                """);
        MinerConfig config = parse("-i", "16").config(ConfigFile.read(file));
        assertThat(config.pools()).extracting(PoolEndpoint::host).containsExactly("main", "backup");
        assertThat(config.devices()).containsExactly(1);
        assertThat(config.backend().batch()).isEqualTo(16); // the flag wins
        assertThat(config.client().retries()).isEqualTo(2);
        assertThat(config.client().retryPause()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.client().idleTimeout()).isZero();
        assertThat(config.client().submitStale()).isTrue();
        assertThat(config.printInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.api()).isNull();
    }

    @Test
    void mistakesAreNamed() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"pool\":\"stratum+tcp://x:1\"}");
        assertThatThrownBy(() -> ConfigFile.read(file)).isInstanceOf(UserError.class).hasMessageContaining("unknown key 'pool'");
        Files.writeString(file, "{\"batch\":\"many\"}");
        assertThatThrownBy(() -> parse().config(ConfigFile.read(file))).hasMessageContaining("batch: expected an integer");
        assertThatThrownBy(() -> parse().config(ConfigFile.empty())).hasMessageContaining("no pool given");
        assertThatThrownBy(() -> parse("-o", "stratum+tcp://a:1", "-u", "w", "--api", "nowhere").config(ConfigFile.empty()))
                .hasMessageContaining("--api nowhere");
        for (String period : new String[]{"--print-time", "--retry-pause", "--failback", "--duration"}) {
            CliRun zero = CliRun.of("mine", "-o", "stratum+tcp://127.0.0.1:1", "-u", "w", "--backend", "reference", period, "0");
            assertThat(zero.exitCode()).isEqualTo(2);
            assertThat(zero.err().strip()).isEqualTo("error: " + period + " 0.0: must be more than 0 seconds");
        }
        assertThat(CliRun.of("mine", "-o", "stratum+tcp://127.0.0.1:1", "-u", "w", "--retries", "0").err())
                .contains("--retries 0: must be at least 1");
        assertThat(CliRun.of("mine", "-o", "stratum+tcp://127.0.0.1:99999", "-u", "w").err().strip())
                .isEqualTo("error: pool stratum+tcp://127.0.0.1:99999: port 99999 is out of range (1 to 65535)");
        CliRun run = CliRun.of("mine", "-o", "pool.example:3333");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("pool pool.example:3333: expected stratum+tcp://");
    }

    @Test
    void poolsOnTlsAreTrustedAsTheFlagsOrTheConfigFileSay() throws IOException {
        String fingerprint = "AB:".repeat(31) + "AB";
        assertThat(parse("-o", "stratum+ssl://a:1", "-u", "w").config(ConfigFile.empty()).client().tls())
                .isEqualTo(new PoolTrust.JdkTrustStore());
        assertThat(parse("-o", "stratum+ssl://a:1", "-u", "w", "--tls-fingerprint", fingerprint).config(ConfigFile.empty()).client().tls())
                .isEqualTo(new PoolTrust.Pinned(new CertificateFingerprint("ab".repeat(32))));
        Path file = dir.resolve("miner.json");
        Files.writeString(file, "{\"pools\":[{\"url\":\"stratum+ssl://a:1\",\"user\":\"w\"}],\"tls-fingerprint\":\"" + "cd".repeat(32) + "\"}");
        assertThat(parse().config(ConfigFile.read(file)).client().tls())
                .isEqualTo(new PoolTrust.Pinned(new CertificateFingerprint("cd".repeat(32))));
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, "not a certificate");
        // A flag replaces the file's choice: a CA from the flag with a fingerprint from the file is no conflict.
        assertThatThrownBy(() -> parse("--tls-ca", ca.toString()).config(ConfigFile.read(file)))
                .hasMessageStartingWith("--tls-ca " + ca + ": cannot read a PEM certificate");
        assertThat(CliRun.of("mine", "-o", "stratum+ssl://127.0.0.1:1", "-u", "w", "--tls-ca", ca.toString(), "--tls-fingerprint", fingerprint)
                .err().strip()).isEqualTo("error: --tls-ca and --tls-fingerprint: give one, not both");
        assertThat(CliRun.of("mine", "-o", "stratum+ssl://127.0.0.1:1", "-u", "w", "--tls-fingerprint", "abc").err().strip())
                .isEqualTo("error: --tls-fingerprint abc: odd number of hex digits (3)");
    }
}

package io.btm.pool.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad options are refused before anything starts, in one line that names the option and the value. */
class MockPoolCliTest {
    private record Run(int status, String err) {
    }

    private static Run run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cli = MockPoolCli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        int status = cli.execute(args);
        return new Run(status, err.toString());
    }

    @Test
    void aPortInUseIsNamedWithItsOption() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run run = run("--stratum-port", Integer.toString(taken.getLocalPort()), "--control-port", "0");
            assertThat(run.status()).isEqualTo(MockPoolCli.EXIT_USER_ERROR);
            assertThat(run.err()).startsWith("error: stratum port " + taken.getLocalPort() + " on 127.0.0.1: address already in use")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void aJobIntervalOfZeroIsRefusedByName() {
        Run run = run("--job-interval", "0", "--stratum-port", "0", "--control-port", "0");
        assertThat(run.status()).isEqualTo(MockPoolCli.EXIT_USER_ERROR);
        assertThat(run.err().strip()).isEqualTo("error: --job-interval 0.0: must be positive");
    }

    @Test
    void portsOutOfRangeAreRefusedByName() {
        Run run = run("--stratum-port", "99999");
        assertThat(run.status()).isEqualTo(MockPoolCli.EXIT_USER_ERROR);
        assertThat(run.err().strip()).isEqualTo("error: --stratum-port 99999: a port is from 0 (any free one) to 65535");
        assertThat(run("--control-port", "-1").err()).contains("--control-port -1");
    }

    @Test
    void otherBadValuesAreRefusedByName() {
        assertThat(run("--vardiff", "-5").err()).contains("--vardiff -5.0: must be positive");
        assertThat(run("--difficulty", "0").err()).contains("--difficulty 0: must be positive");
        assertThat(run("--height", "-1").err()).contains("--height -1");
        assertThat(run("--difficulty", "1", "--target", "ffffffff").err()).contains("give one, not both");
    }
}

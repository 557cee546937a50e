package io.btm.pool.junit5;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.btm.core.header.HeaderHasher;
import io.btm.core.stratum.Job;
import io.btm.core.tensority.MatrixCache;
import io.btm.core.tensority.Tensority;
import io.btm.core.util.Hex;
import io.btm.pool.MockPool;
import io.btm.pool.model.Dialect;
import io.btm.pool.model.ShareRecord;
import io.btm.pool.model.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a test author in another project uses the pool: only published API (the extension, the
 * facade, its value types, and the core's reference), a plain socket as the miner.
 */
@ExtendWith(MockPoolExtension.class)
@MockPoolSettings(target = "ffffffff")
class MockPoolExtensionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aShareTheReferenceComputedIsTakenAsAccepted(MockPool pool) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", pool.stratumPort());
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8)) {
            out.println("{\"id\":1,\"method\":\"login\",\"params\":{\"login\":\"example.rig\",\"pass\":\"x\",\"agent\":\"test/1\"}}");
            JsonNode login = JSON.readTree(in.readLine());
            Job job = Job.fromJson(login.get("result").get("job"));
            long nonce = job.startNonce() + 3;
            String result = Hex.encode(Tensority.hash(new HeaderHasher(job.template()).hash(nonce), MatrixCache.build(job.seed().toArray())));

            out.println("{\"id\":2,\"method\":\"submit\",\"params\":{\"id\":\"" + login.get("result").get("id").asText()
                    + "\",\"job_id\":\"" + job.jobId() + "\",\"nonce\":\"" + Job.formatNonce(nonce) + "\",\"result\":\"" + result + "\"}}");

            ShareRecord share = pool.takeShare(Duration.ofSeconds(30));
            assertThat(share.verdict()).isEqualTo(Verdict.ACCEPTED);
            assertThat(share.worker()).isEqualTo("example.rig");
            assertThat(share.result()).isEqualTo(result);
            JsonNode reply = JSON.readTree(in.readLine());
            while (reply.has("method")) { // btmcpool pushes the login's job once more
                reply = JSON.readTree(in.readLine());
            }
            assertThat(reply.get("result").get("status").asText()).isEqualTo("OK");
        }
    }

    @Test
    @MockPoolSettings(dialect = Dialect.ANTPOOL, difficulty = 1024)
    void theMethodsSettingsWinOverTheClasses(MockPool pool) {
        assertThat(pool.dialect()).isEqualTo(Dialect.ANTPOOL);
        assertThat(pool.target().hex()).isEqualTo("ffff3f00");
    }

    @Test
    void eachTestGetsAPoolOfItsOwnWithNothingRecorded(MockPool pool) throws InterruptedException {
        assertThat(pool.takeShare(Duration.ofMillis(50))).isNull();
        assertThat(pool.sessions()).isEmpty();
    }
}

package io.btm.pool;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.btm.pool.model.Dialect;
import io.btm.pool.model.PoolConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** What a peer sends reaches the pool's log as one line, with no control character to forge another or drive a terminal. */
class PoolLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The pool's loggers, at INFO and into a list only for this test. */
    private final Logger poolLogs = (Logger) LoggerFactory.getLogger("io.btm.pool");
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private MockPool pool;

    @BeforeEach
    void start() {
        logged.start();
        poolLogs.addAppender(logged);
        poolLogs.setLevel(Level.INFO);
        poolLogs.setAdditive(false);
        pool = MockPool.start(PoolConfig.builder().dialect(Dialect.BTMCPOOL).build());
    }

    @AfterEach
    void stop() {
        pool.close();
        poolLogs.detachAppender(logged);
        poolLogs.setLevel(null);
        poolLogs.setAdditive(true);
    }

    @Test
    void aWorkerNameCannotForgeALogLine() {
        String forged = "a.1\n12:00:00.000 INFO  PoolEngine - block found by session 7 (x.1): job 1 nonce 00\u001b[2J";
        try (StratumTestClient client = new StratumTestClient(pool.stratumPort())) {
            client.login(forged);
            client.sendLine(JSON.createObjectNode().put("id", 9).put("method", "submit").set("params", JSON.createObjectNode()
                    .put("id", client.sessionId).put("job_id", "1\n\u001b[31m").put("nonce", "00\r\nforged")).toString());
            client.replyTo(9);
        }
        assertThat(logged.list).anySatisfy(event -> assertThat(event.getFormattedMessage()).contains("logged in as a.1\\n12:00"));
        assertThat(logged.list).allSatisfy(event -> assertThat(event.getFormattedMessage()).doesNotContain("\n", "\r", "\u001b"));
    }
}

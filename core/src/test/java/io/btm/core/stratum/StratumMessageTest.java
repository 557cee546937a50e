package io.btm.core.stratum;

import com.fasterxml.jackson.databind.node.IntNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The error forms real pools send, read and written back the same. */
class StratumMessageTest {

    @Test
    void aJsonRpc1ErrorArrayKeepsItsCodeAndMessage() {
        // btc.com: src/StratumSession.cc, responseError
        StratumMessage reply = StratumMessage.parse("{\"id\":7,\"result\":null,\"error\":[22,\"Duplicate share\",null]}");
        assertThat(reply.error()).isEqualTo(StratumError.array(22, "Duplicate share"));
        assertThat(reply.error().toString()).isEqualTo("Duplicate share (22)");
        assertThat(reply.isSuccess()).isFalse();
        assertThat(reply.encode()).isEqualTo("{\"id\":7,\"result\":null,\"error\":[22,\"Duplicate share\",null]}");
    }

    @Test
    void anErrorObjectStaysAnObjectWithTheVersion() {
        StratumMessage reply = StratumMessage.parse("{\"id\":8,\"jsonrpc\":\"2.0\",\"result\":null,\"error\":{\"code\":-1, \"message\":\"Block expired\"}}");
        assertThat(reply.error()).isEqualTo(new StratumError(-1, "Block expired"));
        assertThat(StratumMessage.error(IntNode.valueOf(8), reply.error()).encode())
                .isEqualTo("{\"id\":8,\"jsonrpc\":\"2.0\",\"result\":null,\"error\":{\"code\":-1,\"message\":\"Block expired\"}}");
    }
}

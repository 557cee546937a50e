package io.btm.core.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.btm.core.header.BlockHeader;
import io.btm.core.util.Bytes32;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NodeWorkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final String C = "c".repeat(64);
    private static final String S = "d".repeat(64);

    @Test
    void parsesTheNodesGetWorkData() throws Exception {
        JsonNode data = JSON.readTree("""
                {"block_header":{"version":1,"height":1234,"previous_block_hash":"%s","timestamp":1700000000,
                 "nonce":18446744073709551615,"bits":2161727821137910632,
                 "block_commitment":{"transaction_merkle_root":"%s","transaction_status_hash":"%s"}},"seed":"%s"}
                """.formatted(A, B, C, S));

        NodeWork work = NodeWork.fromJson(data);

        assertThat(work.header()).isEqualTo(new BlockHeader(1, 1234, Bytes32.fromHex("a", A), 1700000000L,
                Bytes32.fromHex("b", B), Bytes32.fromHex("c", C), 2161727821137910632L, -1L));
        assertThat(work.seed().hex()).isEqualTo(S);
        assertThat(JSON.readTree(work.toJson().toString())).isEqualTo(data); // numbers re-read as the node writes them
    }

    @Test
    void errorsNameTheField() throws Exception {
        JsonNode negative = JSON.readTree("""
                {"block_header":{"version":1,"height":-1,"previous_block_hash":"%s","timestamp":1,"nonce":0,"bits":1,
                 "block_commitment":{"transaction_merkle_root":"%s","transaction_status_hash":"%s"}},"seed":"%s"}
                """.formatted(A, B, C, S));
        assertThatThrownBy(() -> NodeWork.fromJson(negative)).hasMessageContaining("block_header.height");
        assertThatThrownBy(() -> NodeWork.fromJson(JSON.readTree("{\"seed\":\"" + S + "\"}")))
                .hasMessageContaining("block_header");
        assertThatThrownBy(() -> NodeWork.headerFromJson(JSON.readTree("{\"version\":1}")))
                .hasMessageContaining("block_commitment");
    }

    @Test
    void bitsAboveTwoToThe53AndTheSixtyThirdAreReadExactly() throws Exception {
        // docs/bytom-node.md: solonet's bits, 2305843009214532812 (0x20000000000ccccc), a double would round.
        for (String bits : new String[]{"2305843009214532812", "9223372036854775813"}) {
            JsonNode data = JSON.readTree("""
                    {"block_header":{"version":1,"height":1,"previous_block_hash":"%s","timestamp":1795689833,"nonce":0,
                     "bits":%s,"block_commitment":{"transaction_merkle_root":"%s","transaction_status_hash":"%s"}},"seed":"%s"}
                    """.formatted(A, bits, B, C, S));
            assertThat(Long.toUnsignedString(NodeWork.fromJson(data).header().bits())).isEqualTo(bits);
        }
    }

    @Test
    void carriesTheHeaderAsBinaryHexForGetWorkAndSubmitWork() throws Exception {
        BlockHeader header = new BlockHeader(1, 1234, Bytes32.fromHex("a", A), 1700000000L, Bytes32.fromHex("b", B),
                Bytes32.fromHex("c", C), 2305843009214532812L, 0);
        NodeWork work = new NodeWork(header, Bytes32.fromHex("s", S));

        JsonNode data = JSON.readTree(work.toBinaryJson().toString());

        assertThat(data.get("block_header").isTextual()).isTrue();
        assertThat(data.get("block_header").asText()).startsWith("0101d209" + A);
        assertThat(data.get("seed").asText()).isEqualTo(S);
        assertThat(NodeWork.fromBinaryJson(data)).isEqualTo(work);
        JsonNode submission = NodeWork.binarySubmission(header.withNonce(7));
        assertThat(NodeWork.binaryHeaderFromJson(submission.get("block_header"))).isEqualTo(header.withNonce(7));
        assertThatThrownBy(() -> NodeWork.binaryHeaderFromJson(NodeWork.headerToJson(header)))
                .hasMessageContaining("block_header: expected a hex string");
        assertThatThrownBy(() -> NodeWork.fromBinaryJson(JSON.readTree("{\"block_header\":\"01\",\"seed\":\"" + S + "\"}")))
                .hasMessageContaining("block_header.version");
    }
}

package io.btm.core.header;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.btm.core.util.Sha3;
import io.btm.core.util.Bytes32;
import io.btm.core.util.Hex;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Header hashing against the mainnet genesis block, whose id is known. */
class BlockHeaderTest {
    private static JsonNode genesis() throws IOException {
        return new ObjectMapper().readTree(Path.of(System.getProperty("btm.vectors.dir", "../vectors"), "genesis.json").toFile());
    }

    private static BlockHeader genesisHeader(JsonNode g) {
        JsonNode h = g.get("header");
        return new BlockHeader(h.get("version").asLong(), h.get("height").asLong(),
                Bytes32.fromHex("prev", h.get("previous_block_hash").asText()), h.get("timestamp").asLong(),
                Bytes32.fromHex("tx", h.get("transactions_merkle_root").asText()),
                Bytes32.fromHex("status", h.get("transaction_status_hash").asText()),
                h.get("bits").asLong(), h.get("nonce").asLong());
    }

    @Test
    void serializesFieldsLittleEndianWithBitsBeforeNonce() throws IOException {
        JsonNode g = genesis();
        BlockHeader header = genesisHeader(g);
        assertThat(Hex.encode(header.serialize())).isEqualTo(g.get("header_serialization_for_hash_hex").asText());
        assertThat(Hex.encode(Sha3.sha256(header.serialize()))).isEqualTo(g.get("inner_hash").asText());
    }

    @Test
    void hashesGenesisToItsBlockId() throws IOException {
        JsonNode g = genesis();
        assertThat(genesisHeader(g).hash().hex()).isEqualTo(g.get("expected_block_hash").asText())
                .startsWith("a754834747");
    }

    @Test
    void hasherMatchesHeaderForEveryNonce() throws IOException {
        BlockHeader template = genesisHeader(genesis());
        HeaderHasher hasher = new HeaderHasher(template);
        for (long nonce : new long[]{0, 1, 9253507043297L, -1L, Long.MIN_VALUE}) {
            assertThat(Hex.encode(hasher.hash(nonce))).isEqualTo(template.withNonce(nonce).hash().hex());
        }
    }
}

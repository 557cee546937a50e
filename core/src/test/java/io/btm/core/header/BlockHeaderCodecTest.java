package io.btm.core.header;

import io.btm.core.util.Bytes32;
import io.btm.core.vectors.GoldenVector;
import io.btm.core.vectors.VectorFiles;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The node's binary header ({@code /get-work}, {@code /submit-work}) against bytes the node wrote:
 * the expected hex of bytomd v1.1.1's own tests, the mainnet genesis block with its known id, and
 * the real templates of the stratum vectors, whose header hashes the node computed.
 */
class BlockHeaderCodecTest {
    private static final Path VECTORS = Path.of(System.getProperty("btm.vectors.dir", "../vectors"));
    private static final Bytes32 PREVIOUS = Bytes32.fromHex("prev", "c34048bd60c4c13144fd34f408627d1be68f6cb4fdd34e879d6d791060ea73a0");
    private static final Bytes32 MERKLE_ROOT = Bytes32.fromHex("root", "ad9ac003d08ff305181a345d64fe0b02311cc1a6ec04ab73f3318d90139bfe03");
    private static final Bytes32 STATUS_HASH = Bytes32.fromHex("status", "b94301ea4e316bee00109f68d25beaca90aeff08e9bf439a37d91d7a3b5a1470");
    /** The header and bytes of TestBlockHeader, protocol/bc/types/block_header_test.go:17-45 at v1.1.1. */
    private static final BlockHeader NODE_TEST_HEADER = new BlockHeader(1, 432234, PREVIOUS, 1522908275, MERKLE_ROOT, STATUS_HASH,
            2305843009222082559L, 34342);
    private static final String NODE_TEST_HEX = "01" + "01" + "eab01a" + PREVIOUS.hex() + "f3f896d605" + "40" + MERKLE_ROOT.hex()
            + STATUS_HASH.hex() + "a68c02" + "ffffff838080808020";

    private static GoldenVector genesis() {
        return VectorFiles.read(VECTORS.resolve("genesis.json")).get(0);
    }

    @Test
    void writesAndReadsTheBytesOfTheNodesOwnTests() {
        assertThat(BlockHeaderCodec.toHex(NODE_TEST_HEADER)).isEqualTo(NODE_TEST_HEX);
        assertThat(BlockHeaderCodec.fromHex("h", NODE_TEST_HEX)).isEqualTo(NODE_TEST_HEADER);

        // TestMarshalBlockHeader's first case (block_header_test.go:68-93): a 6-byte nonce, solonet's bits.
        BlockHeader marshalled = new BlockHeader(1, 10000, PREVIOUS, 1528945000, MERKLE_ROOT, STATUS_HASH, 2305843009214532812L,
                9253507043297L);
        String hex = "01" + "01" + "904e" + PREVIOUS.hex() + "e8b287d905" + "40" + MERKLE_ROOT.hex() + STATUS_HASH.hex()
                + "e19f8080a88d02" + "cc99b3808080808020";
        assertThat(BlockHeaderCodec.toHex(marshalled)).isEqualTo(hex);
        assertThat(BlockHeaderCodec.fromHex("h", hex)).isEqualTo(marshalled);
    }

    @Test
    void genesisRoundTripsToItsBlockId() {
        GoldenVector genesis = genesis();
        String hex = BlockHeaderCodec.toHex(genesis.header());
        // Field by field: flags, version 1, height 0, zero previous hash, timestamp, commitment, nonce, bits.
        assertThat(hex).isEqualTo("01" + "01" + "00" + "00".repeat(32) + "e08ffbd605" + "40"
                + "58e45ceb675a0b3d7ad3ab9d4288048789de8194e9766b26d8f42fdb624d4390"
                + "c9c377e5192668bc0a367e4a4764f11e7c725ecced1d7b6a492974fab1b6d5bc"
                + "e19f8080a88d02" + "e8b68480808080801e");
        BlockHeader decoded = BlockHeaderCodec.fromHex("genesis", hex);
        assertThat(decoded).isEqualTo(genesis.header());
        assertThat(decoded.hash().hex()).isEqualTo("a75483474799ea1aa6bb910a1a5025b4372bf20bef20f246a2c2dc5e12e8a053");
    }

    @Test
    void realTemplatesKeepTheirHeaderHashThroughTheEncoding() {
        List<GoldenVector> cases = VectorFiles.read(VECTORS.resolve("stratum-jobs.json"));
        assertThat(cases).hasSizeGreaterThan(50);
        for (GoldenVector c : cases) {
            BlockHeader decoded = BlockHeaderCodec.decode(c.id(), BlockHeaderCodec.encode(c.header()));
            assertThat(decoded.hash()).as(c.id()).isEqualTo(c.headerHash());
        }
    }

    @Test
    void refusesFieldsAboveTwoToTheSixtyThreeAsTheNodeDoes() {
        // TestMarshalBlockHeader's ErrRange cases (block_header_test.go:94-150): height, timestamp, nonce, bits.
        assertThatThrownBy(() -> BlockHeaderCodec.encode(NODE_TEST_HEADER.withNonce(Long.MIN_VALUE)))
                .hasMessageContaining("nonce: 9223372036854775808 is above 2^63 - 1");
        BlockHeader highBits = new BlockHeader(1, 1, PREVIOUS, 1, MERKLE_ROOT, STATUS_HASH, -1L, 0);
        assertThatThrownBy(() -> BlockHeaderCodec.encode(highBits)).hasMessageContaining("bits:");
        String heightTwoToThe63 = "01" + "01" + "80808080808080808001";
        assertThatThrownBy(() -> BlockHeaderCodec.fromHex("block_header", heightTwoToThe63))
                .hasMessageContaining("block_header.height: 9223372036854775808 is out of range");
    }

    @Test
    void readsWhatTheNodeReadsAndNoMore() {
        // Flags 0x03 (a whole block), a longer commitment and bytes after the bits: the node reads past them.
        String fullBlockFlags = "03" + NODE_TEST_HEX.substring(2);
        assertThat(BlockHeaderCodec.fromHex("h", fullBlockFlags)).isEqualTo(NODE_TEST_HEADER);
        assertThat(BlockHeaderCodec.fromHex("h", NODE_TEST_HEX + "00ff")).isEqualTo(NODE_TEST_HEADER);
        String longerCommitment = NODE_TEST_HEX.replace("f3f896d605" + "40", "f3f896d605" + "41")
                .replace(STATUS_HASH.hex(), STATUS_HASH.hex() + "ee");
        assertThat(BlockHeaderCodec.fromHex("h", longerCommitment)).isEqualTo(NODE_TEST_HEADER);
        // A varint written longer than it needs: Go's ReadUvarint reads it.
        assertThat(BlockHeaderCodec.fromHex("h", NODE_TEST_HEX.replaceFirst("^0101", "018100")))
                .isEqualTo(NODE_TEST_HEADER);

        assertThatThrownBy(() -> BlockHeaderCodec.fromHex("block_header", "02" + NODE_TEST_HEX.substring(2)))
                .hasMessageContaining("unsupported serialization flags 0x02");
        assertThatThrownBy(() -> BlockHeaderCodec.fromHex("block_header", ""))
                .hasMessageContaining("serialization flags: the header ends before it");
        assertThatThrownBy(() -> BlockHeaderCodec.fromHex("block_header", NODE_TEST_HEX.substring(0, NODE_TEST_HEX.length() - 2)))
                .hasMessageContaining("block_header.bits: the header ends before it");
        assertThatThrownBy(() -> BlockHeaderCodec.fromHex("block_header", "0101" + "eab01a" + "00".repeat(31)))
                .hasMessageContaining("previous_block_hash: expected 32 bytes, 31 left");
        String shortCommitment = NODE_TEST_HEX.replace("f3f896d605" + "40", "f3f896d605" + "3f");
        assertThatThrownBy(() -> BlockHeaderCodec.fromHex("block_header", shortCommitment))
                .hasMessageContaining("block_commitment.transaction_status_hash: expected 32 bytes, 31 left");
        String commitmentPastTheEnd = "0101" + "eab01a" + PREVIOUS.hex() + "f3f896d605" + "40" + MERKLE_ROOT.hex();
        assertThatThrownBy(() -> BlockHeaderCodec.fromHex("block_header", commitmentPastTheEnd))
                .hasMessageContaining("block_commitment: length 64, but only 32 bytes left");
        assertThatThrownBy(() -> BlockHeaderCodec.fromHex("block_header", "01" + "ff".repeat(10) + "01"))
                .hasMessageContaining("block_header.version: varint overflows 64 bits");
        assertThatThrownBy(() -> BlockHeaderCodec.fromHex("block_header", NODE_TEST_HEX + "0"))
                .hasMessageContaining("odd number of hex digits");
        assertThatThrownBy(() -> BlockHeaderCodec.fromHex("block_header", "zz" + NODE_TEST_HEX.substring(2)))
                .hasMessageContaining("not hex at position 0");
    }
}

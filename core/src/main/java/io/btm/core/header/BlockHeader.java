package io.btm.core.header;

import io.btm.core.util.Sha3;
import io.btm.core.util.Bytes;
import io.btm.core.util.Bytes32;

import java.nio.charset.StandardCharsets;

/**
 * The block header fields that Tensority's input is hashed from (docs/tensority.md §1).
 * Immutable; {@link #withNonce} gives the header for another nonce.
 */
public record BlockHeader(long version, long height, Bytes32 previousBlockHash, long timestamp,
                          Bytes32 transactionsMerkleRoot, Bytes32 transactionStatusHash, long bits, long nonce) {

    static final int BODY_LENGTH = 136;
    static final int NONCE_OFFSET = 128;
    private static final byte[] DOMAIN = "entryid:blockheader:".getBytes(StandardCharsets.US_ASCII);

    public BlockHeader withNonce(long newNonce) {
        return new BlockHeader(version, height, previousBlockHash, timestamp, transactionsMerkleRoot,
                transactionStatusHash, bits, newNonce);
    }

    /** The hashed serialization: the little-endian fields in the node's order, bits before nonce. */
    public byte[] serialize() {
        byte[] body = new byte[BODY_LENGTH];
        Bytes.putLongLE(body, 0, version);
        Bytes.putLongLE(body, 8, height);
        previousBlockHash.copyTo(body, 16);
        Bytes.putLongLE(body, 48, timestamp);
        transactionsMerkleRoot.copyTo(body, 56);
        transactionStatusHash.copyTo(body, 88);
        Bytes.putLongLE(body, 120, bits);
        Bytes.putLongLE(body, NONCE_OFFSET, nonce);
        return body;
    }

    /** The block id, which is also Tensority's input: SHA3("entryid:blockheader:" || SHA3(body)). */
    public Bytes32 hash() {
        return Bytes32.of(hashOf(serialize()));
    }

    static byte[] hashOf(byte[] body) {
        return Sha3.sha256(DOMAIN, Sha3.sha256(body));
    }
}

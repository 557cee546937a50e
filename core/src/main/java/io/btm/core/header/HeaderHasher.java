package io.btm.core.header;

import io.btm.core.util.Bytes;

/**
 * Header hashes of one template for many nonces, serializing the template once.
 * Not thread-safe: each hashing thread keeps its own.
 */
public final class HeaderHasher {
    private final byte[] body;

    public HeaderHasher(BlockHeader template) {
        this.body = template.serialize();
    }

    public byte[] hash(long nonce) {
        Bytes.putLongLE(body, BlockHeader.NONCE_OFFSET, nonce);
        return BlockHeader.hashOf(body);
    }
}

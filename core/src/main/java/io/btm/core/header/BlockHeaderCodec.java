package io.btm.core.header;

import io.btm.core.util.Bytes32;
import io.btm.core.util.Hex;

import java.io.ByteArrayOutputStream;

/**
 * The node's binary block header, as {@code /get-work}, {@code /submit-work} and
 * {@code /get-block-header} carry it: hex of the bytes that bytomd v1.1.1's
 * {@code BlockHeader.MarshalText} writes ({@code protocol/bc/types/block_header.go:40-51, 98-131}).
 * Not the hashed form ({@link BlockHeader#serialize}): here the integers are unsigned varints and
 * the nonce comes before the bits.
 *
 * <pre>
 * 0x01 serialization flags          (SerBlockHeader, protocol/bc/types/block.go:14-19)
 * varint63 version, varint63 height, 32 bytes previous block hash, varint63 timestamp
 * varint31 length 0x40, then 32 bytes transactions merkle root, 32 bytes transaction status hash
 *                                   (the block commitment, an "extensible string")
 * varint63 nonce, varint63 bits
 * </pre>
 *
 * A varint63 is Go's unsigned LEB128 ({@code binary.PutUvarint}) of a value at most 2^63 - 1
 * ({@code encoding/blockchain/blockchain.go:73-82, 150-159}). Decoding accepts what the node's
 * {@code readFrom} accepts (block_header.go:64-96), no more and no less.
 */
public final class BlockHeaderCodec {
    /** SerBlockHeader: the flags byte of a header on its own. */
    private static final int HEADER_ONLY = 0x01;
    /** SerBlockFull: a whole block's flags, which the node's header reader also takes (block_header.go:68-72). */
    private static final int FULL_BLOCK = 0x03;
    private static final int COMMITMENT_LENGTH = 64;
    private static final int MAX_VARINT_BYTES = 10;

    private BlockHeaderCodec() {
    }

    /** The node's bytes for this header; a field above 2^63 - 1 cannot be written, as on the node (ErrRange). */
    public static byte[] encode(BlockHeader header) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        out.write(HEADER_ONLY);
        writeVarint63(out, "version", header.version());
        writeVarint63(out, "height", header.height());
        out.writeBytes(header.previousBlockHash().toArray());
        writeVarint63(out, "timestamp", header.timestamp());
        writeUvarint(out, COMMITMENT_LENGTH);
        out.writeBytes(header.transactionsMerkleRoot().toArray());
        out.writeBytes(header.transactionStatusHash().toArray());
        writeVarint63(out, "nonce", header.nonce());
        writeVarint63(out, "bits", header.bits());
        return out.toByteArray();
    }

    public static String toHex(BlockHeader header) {
        return Hex.encode(encode(header));
    }

    /** Reads a header from hex, as the node's {@code UnmarshalText} does; errors name the field. */
    public static BlockHeader fromHex(String field, String hex) {
        return decode(field, Hex.decode(field, hex));
    }

    /**
     * Reads a header as the node does: flags 0x01 or 0x03; bytes after the bits, and after the two
     * hashes inside the commitment, are left unread rather than refused (block_header.go:86,
     * blockchain.go:125-137), so such a header is the same header to the node.
     */
    public static BlockHeader decode(String field, byte[] bytes) {
        Cursor in = new Cursor(field, bytes);
        int flags = in.readByte("serialization flags");
        if (flags != HEADER_ONLY && flags != FULL_BLOCK) {
            throw new IllegalArgumentException(String.format(
                    "%s: unsupported serialization flags 0x%02x (the node reads 0x01, a header, or 0x03, a block)", field, flags));
        }
        long version = in.readVarint63("version");
        long height = in.readVarint63("height");
        Bytes32 previous = in.readHash("previous_block_hash");
        long timestamp = in.readVarint63("timestamp");
        Cursor commitment = in.readExtensibleString("block_commitment");
        Bytes32 merkleRoot = commitment.readHash("block_commitment.transaction_merkle_root");
        Bytes32 statusHash = commitment.readHash("block_commitment.transaction_status_hash");
        long nonce = in.readVarint63("nonce");
        long bits = in.readVarint63("bits");
        return new BlockHeader(version, height, previous, timestamp, merkleRoot, statusHash, bits, nonce);
    }

    private static void writeVarint63(ByteArrayOutputStream out, String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + ": " + Long.toUnsignedString(value)
                    + " is above 2^63 - 1, which the node's binary header cannot hold");
        }
        writeUvarint(out, value);
    }

    private static void writeUvarint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7fL) != 0) {
            out.write((int) (value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }

    /** Reads forward through a byte array; every read checks what is left, so no input can overrun it. */
    private static final class Cursor {
        private final String field;
        private final byte[] bytes;
        private final int end;
        private int position;

        Cursor(String field, byte[] bytes) {
            this(field, bytes, 0, bytes.length);
        }

        private Cursor(String field, byte[] bytes, int start, int end) {
            this.field = field;
            this.bytes = bytes;
            this.position = start;
            this.end = end;
        }

        int readByte(String name) {
            if (position == end) {
                throw new IllegalArgumentException(field + "." + name + ": the header ends before it");
            }
            return bytes[position++] & 0xff;
        }

        Bytes32 readHash(String name) {
            if (end - position < 32) {
                throw new IllegalArgumentException(field + "." + name + ": expected 32 bytes, " + (end - position) + " left");
            }
            byte[] hash = new byte[32];
            System.arraycopy(bytes, position, hash, 0, 32);
            position += 32;
            return Bytes32.of(hash);
        }

        /** Go's binary.ReadUvarint: at most 10 bytes, the 10th at most 1; longer-than-needed forms are read too. */
        long readUvarint(String name) {
            long value = 0;
            for (int i = 0; i < MAX_VARINT_BYTES; i++) {
                int b = readByte(name);
                if (b < 0x80) {
                    if (i == MAX_VARINT_BYTES - 1 && b > 1) {
                        break;
                    }
                    return value | (long) b << (7 * i);
                }
                value |= (long) (b & 0x7f) << (7 * i);
            }
            throw new IllegalArgumentException(field + "." + name + ": varint overflows 64 bits");
        }

        long readVarint63(String name) {
            long value = readUvarint(name);
            if (value < 0) {
                throw new IllegalArgumentException(field + "." + name + ": " + Long.toUnsignedString(value)
                        + " is out of range (the node reads at most 2^63 - 1)");
            }
            return value;
        }

        /** A varint31 length and that many bytes (blockchain.go:84-98, 122-137), read by a cursor of their own. */
        Cursor readExtensibleString(String name) {
            long length = readUvarint(name + " length");
            if (length < 0 || length > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(field + "." + name + ": length " + Long.toUnsignedString(length)
                        + " is out of range (the node reads at most 2^31 - 1)");
            }
            if (length > end - position) {
                throw new IllegalArgumentException(field + "." + name + ": length " + length + ", but only "
                        + (end - position) + " bytes left");
            }
            Cursor inner = new Cursor(field, bytes, position, position + (int) length);
            position += (int) length;
            return inner;
        }
    }
}

package io.btm.core.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.btm.core.header.BlockHeader;
import io.btm.core.header.BlockHeaderCodec;
import io.btm.core.util.Bytes32;
import io.btm.core.util.JsonNumbers;

import java.math.BigInteger;

/**
 * The work of a Bytom node's get-work API (docs/stratum-btm.md, solo mining): a block header and the
 * seed of its matrix cache. The JSON of {@code /get-work-json} and {@code /submit-work-json}, and of
 * {@code /get-work} and {@code /submit-work}, where the header is one hex string in the node's binary
 * encoding ({@link BlockHeaderCodec}); shared by the solo miner and the mock node. Immutable.
 */
public record NodeWork(BlockHeader header, Bytes32 seed) {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Parses the {@code data} of a get-work-json reply; errors name the field. */
    public static NodeWork fromJson(JsonNode data) {
        if (data == null || !data.isObject()) {
            throw new IllegalArgumentException("data: expected an object");
        }
        JsonNode seed = data.get("seed");
        if (seed == null || !seed.isTextual()) {
            throw new IllegalArgumentException("data.seed: expected a hex string");
        }
        return new NodeWork(headerFromJson(data.get("block_header")), Bytes32.fromHex("data.seed", seed.asText()));
    }

    public ObjectNode toJson() {
        ObjectNode data = NODES.objectNode();
        data.set("block_header", headerToJson(header));
        data.put("seed", seed.hex());
        return data;
    }

    /** The {@code data} of a get-work reply: {@code {"block_header":"<binary hex>","seed":…}} (api/miner.go:132-135). */
    public ObjectNode toBinaryJson() {
        ObjectNode data = NODES.objectNode();
        data.put("block_header", BlockHeaderCodec.toHex(header));
        data.put("seed", seed.hex());
        return data;
    }

    /** Parses the {@code data} of a get-work reply; errors name the field. */
    public static NodeWork fromBinaryJson(JsonNode data) {
        if (data == null || !data.isObject()) {
            throw new IllegalArgumentException("data: expected an object");
        }
        JsonNode seed = data.get("seed");
        if (seed == null || !seed.isTextual()) {
            throw new IllegalArgumentException("data.seed: expected a hex string");
        }
        return new NodeWork(binaryHeaderFromJson(data.get("block_header")), Bytes32.fromHex("data.seed", seed.asText()));
    }

    /** The body of {@code /submit-work}: {@code {"block_header":"<binary hex>"}} (api/miner.go:96-98). */
    public static ObjectNode binarySubmission(BlockHeader solved) {
        ObjectNode body = NODES.objectNode();
        body.put("block_header", BlockHeaderCodec.toHex(solved));
        return body;
    }

    /** A {@code block_header} in the binary encoding: a JSON string of hex. */
    public static BlockHeader binaryHeaderFromJson(JsonNode json) {
        if (json == null || !json.isTextual()) {
            throw new IllegalArgumentException("block_header: expected a hex string");
        }
        return BlockHeaderCodec.fromHex("block_header", json.asText());
    }

    /** The body of {@code /submit-work-json}: this header with the nonce found. */
    public static ObjectNode submission(BlockHeader solved) {
        ObjectNode body = NODES.objectNode();
        body.set("block_header", headerToJson(solved));
        return body;
    }

    public static ObjectNode headerToJson(BlockHeader header) {
        ObjectNode json = NODES.objectNode();
        json.put("version", unsigned(header.version()));
        json.put("height", unsigned(header.height()));
        json.put("previous_block_hash", header.previousBlockHash().hex());
        json.put("timestamp", unsigned(header.timestamp()));
        json.put("nonce", unsigned(header.nonce()));
        json.put("bits", unsigned(header.bits()));
        json.putObject("block_commitment")
                .put("transaction_merkle_root", header.transactionsMerkleRoot().hex())
                .put("transaction_status_hash", header.transactionStatusHash().hex());
        return json;
    }

    public static BlockHeader headerFromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("block_header: expected an object");
        }
        JsonNode commitment = json.get("block_commitment");
        if (commitment == null || !commitment.isObject()) {
            throw new IllegalArgumentException("block_header.block_commitment: expected an object");
        }
        return new BlockHeader(uint64(json, "version"), uint64(json, "height"), hash(json, "previous_block_hash"),
                uint64(json, "timestamp"), hash(commitment, "transaction_merkle_root"),
                hash(commitment, "transaction_status_hash"), uint64(json, "bits"), uint64(json, "nonce"));
    }

    private static BigInteger unsigned(long value) {
        return JsonNumbers.unsigned(value);
    }

    private static long uint64(JsonNode json, String field) {
        return JsonNumbers.uint64(json, field, "block_header." + field);
    }

    private static Bytes32 hash(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException("block_header." + field + ": expected a hex string");
        }
        return Bytes32.fromHex("block_header." + field, node.asText());
    }
}

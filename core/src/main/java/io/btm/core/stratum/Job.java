package io.btm.core.stratum;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.btm.core.difficulty.ShareTarget;
import io.btm.core.header.BlockHeader;
import io.btm.core.util.Bytes32;
import io.btm.core.util.Hex;

/**
 * A pool job (docs/stratum-btm.md): a header template whose nonce is the first nonce of the miner's
 * range, the seed of its matrix cache and the share target. Immutable.
 */
public record Job(String jobId, BlockHeader template, Bytes32 seed, ShareTarget target) {

    /** The same job under another id, as a pool numbers it for one session. */
    public Job withId(String id) {
        return new Job(id, template, seed, target);
    }

    public long startNonce() {
        return template.nonce();
    }

    public long height() {
        return template.height();
    }

    /** Parses the JOB object of a login reply or job notification; errors name the field. */
    public static Job fromJson(JsonNode job) {
        if (job == null || !job.isObject()) {
            throw new IllegalArgumentException("job: expected an object");
        }
        BlockHeader template = new BlockHeader(
                le64(job, "version"), le64(job, "height"), hash(job, "previous_block_hash"), le64(job, "timestamp"),
                hash(job, "transactions_merkle_root"), hash(job, "transaction_status_hash"),
                le64(job, "bits"), le64(job, "nonce"));
        return new Job(text(job, "job_id"), template, hash(job, "seed"), ShareTarget.parseHex(text(job, "target")));
    }

    public ObjectNode toJson() {
        ObjectNode job = JsonNodeFactory.instance.objectNode();
        job.put("version", Hex.encodeLittleEndian64(template.version()));
        job.put("height", Hex.encodeLittleEndian64(template.height()));
        job.put("previous_block_hash", template.previousBlockHash().hex());
        job.put("timestamp", Hex.encodeLittleEndian64(template.timestamp()));
        job.put("transactions_merkle_root", template.transactionsMerkleRoot().hex());
        job.put("transaction_status_hash", template.transactionStatusHash().hex());
        job.put("nonce", Hex.encodeLittleEndian64(template.nonce()));
        job.put("bits", Hex.encodeLittleEndian64(template.bits()));
        job.put("job_id", jobId);
        job.put("seed", seed.hex());
        job.put("target", target.hex());
        return job;
    }

    /** The nonce as submitted: 16 hex digits, most significant first. */
    public static String formatNonce(long nonce) {
        return String.format("%016x", nonce);
    }

    /** Parses a submitted nonce: 1 to 16 hex digits, most significant first, as pools accept it. */
    public static long parseNonce(String hex) {
        if (hex == null || hex.isEmpty() || hex.length() > 16) {
            throw new IllegalArgumentException("nonce: expected 1 to 16 hex digits, got " + (hex == null ? "none" : "'" + hex + "'"));
        }
        for (int i = 0; i < hex.length(); i++) {
            if (Character.digit(hex.charAt(i), 16) < 0) {
                throw new IllegalArgumentException("nonce: not hex at position " + i + " in '" + hex + "'");
            }
        }
        return Long.parseUnsignedLong(hex, 16);
    }

    private static String text(JsonNode job, String field) {
        JsonNode node = job.get(field);
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException("job." + field + ": missing");
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException("job." + field + ": expected a string, got " + node.getNodeType().name().toLowerCase());
        }
        return node.asText();
    }

    private static long le64(JsonNode job, String field) {
        return Hex.decodeLittleEndian64("job." + field, text(job, field));
    }

    private static Bytes32 hash(JsonNode job, String field) {
        return Bytes32.fromHex("job." + field, text(job, field));
    }
}

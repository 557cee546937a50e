package io.btm.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.btm.core.difficulty.Difficulty;
import io.btm.core.header.BlockHeader;
import io.btm.core.header.BlockHeaderCodec;
import io.btm.core.node.NodeWork;
import io.btm.core.tensority.MatrixCache;
import io.btm.core.tensority.Tensority;
import io.btm.core.util.Hex;
import io.btm.pool.model.PoolConfig;
import io.btm.pool.model.ShareRecord;
import io.btm.pool.model.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node's own miner protocol on the mock node: {@code /get-work}, {@code /submit-work} and
 * {@code /get-block-header} with the header as hex of the node's binary encoding, spoken by a
 * client that does what bytomd v1.1.1's {@code cmd/miner/main.go:67-95} does, and judged, recorded
 * and answered like the JSON forms (docs/bytom-node.md).
 */
class NodeGetWorkTest {
    /** Exponent 32, mantissa 2^23: a network target of 2^255, so about one hash in two is a block. */
    private static final long HALF_THE_HASHES = 32L << 56 | 0x800000L;
    /** consensus/general.go:22, the subsidy of every block below height 840000 but the first. */
    private static final long BASE_SUBSIDY = 41_250_000_000L;
    private static final String FAIL = "{\"status\":\"fail\",\"code\":\"BTM000\",\"msg\":\"Bytom API Error\",\"error_detail\":\"%s\"}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private MockPool pool;

    @AfterEach
    void stop() {
        pool.close();
    }

    private void start(long bits) {
        pool = MockPool.start(PoolConfig.builder().chain(PoolConfig.INITIAL_SEED, bits, 300).node(0).validation(1, 8).build());
    }

    /** As the node's rpc client calls: POST, a JSON body or none (blockchain/rpc/rpc.go:80-99). */
    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pool.nodePort() + path)).POST(publisher).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode call(String path, String body) throws IOException, InterruptedException {
        return JSON.readTree(post(path, body).body());
    }

    private NodeWork getWork() throws IOException, InterruptedException {
        JsonNode reply = call("/get-work", null);
        assertThat(reply.get("status").asText()).isEqualTo("success");
        assertThat(reply.at("/data/block_header").isTextual()).as("the header is one hex string").isTrue();
        return NodeWork.fromBinaryJson(reply.get("data"));
    }

    private JsonNode submitWork(BlockHeader solved) throws IOException, InterruptedException {
        return call("/submit-work", NodeWork.binarySubmission(solved).toString());
    }

    /** cmd/miner's doWork (main.go:28-42): nonces upward from 0 until the reference hash meets the bits, or misses them. */
    private static long firstNonce(NodeWork work, MatrixCache cache, boolean meetsBits) {
        for (long nonce = 0; ; nonce++) {
            if (Difficulty.meetsBits(result(work, cache, nonce), work.header().bits()) == meetsBits) {
                return nonce;
            }
        }
    }

    private static byte[] result(NodeWork work, MatrixCache cache, long nonce) {
        return Tensority.hash(work.header().withNonce(nonce).hash().toArray(), cache);
    }

    private static JsonNode fail(String errorDetail) throws IOException {
        return JSON.readTree(FAIL.formatted(errorDetail));
    }

    @Test
    void theNodesOwnMinerLoopMinesABlockAndReadsItsReward() throws Exception {
        start(HALF_THE_HASHES);
        NodeWork work = getWork();
        assertThat(work.header().height()).isEqualTo(300);
        assertThat(work.header().nonce()).isZero();
        assertThat(work.seed()).isEqualTo(PoolConfig.INITIAL_SEED);
        // The same work as the JSON form gives: only the header's encoding differs.
        assertThat(NodeWork.fromJson(call("/get-work-json", "{}").get("data"))).isEqualTo(work);
        MatrixCache cache = MatrixCache.build(work.seed().toArray());
        long nonce = firstNonce(work, cache, true);
        BlockHeader solved = work.header().withNonce(nonce);

        assertThat(submitWork(solved)).isEqualTo(JSON.readTree("{\"status\":\"success\",\"data\":true}"));

        ShareRecord record = pool.shares().get(0);
        assertThat(record.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(record.worker()).isEqualTo(ShareRecord.SOLO_WORKER);
        assertThat(record.result()).isEqualTo(Hex.encode(result(work, cache, nonce)));

        JsonNode header = call("/get-block-header", "{\"block_height\":300}");
        assertThat(header.get("status").asText()).isEqualTo("success");
        assertThat(BlockHeaderCodec.fromHex("block_header", header.at("/data/block_header").asText())).isEqualTo(solved);
        assertThat(header.at("/data/reward").asLong()).isEqualTo(BASE_SUBSIDY);
        JsonNode byHash = call("/get-block-header", "{\"block_hash\":\"" + solved.hash().hex() + "\"}");
        assertThat(byHash).isEqualTo(header);

        NodeWork next = getWork();
        assertThat(next.header().height()).isEqualTo(301);
        assertThat(next.header().previousBlockHash()).isNotEqualTo(work.header().previousBlockHash());
    }

    @Test
    void aWrongNonceAStaleHeaderAndMalformedOnesAreRefusedAsTheNodeDoes() throws Exception {
        start(HALF_THE_HASHES);
        NodeWork work = getWork();
        MatrixCache cache = MatrixCache.build(work.seed().toArray());

        JsonNode wrong = submitWork(work.header().withNonce(firstNonce(work, cache, false)));
        assertThat(wrong).isEqualTo(fail("invalid difficulty proof of work: invalid block"));

        HttpResponse<String> badHex = post("/submit-work", "{\"block_header\":\"01zz\"}");
        assertThat(badHex.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badHex.body()).get("code").asText()).isEqualTo("BTM000");
        assertThat(JSON.readTree(badHex.body()).get("error_detail").asText()).isEqualTo("block_header: not hex at position 2 ('z')");
        String truncated = BlockHeaderCodec.toHex(work.header()).substring(0, 40);
        assertThat(JSON.readTree(post("/submit-work", "{\"block_header\":\"" + truncated + "\"}").body()).get("error_detail").asText())
                .isEqualTo("block_header.previous_block_hash: expected 32 bytes, 16 left");
        // The JSON form's header object is not the binary form's string.
        HttpResponse<String> fields = post("/submit-work", NodeWork.submission(work.header()).toString());
        assertThat(fields.statusCode()).isEqualTo(400);
        assertThat(call("/submit-work", "{}")).isEqualTo(fail("can't submit empty block"));

        long nonce = firstNonce(work, cache, true);
        assertThat(submitWork(work.header().withNonce(nonce)).get("status").asText()).isEqualTo("success");
        // Another solution of the height just solved: the chain has moved on.
        assertThat(submitWork(work.header().withNonce(nonce + 1))).isEqualTo(fail("pending mining block has been changed"));

        assertThat(pool.shares().stream().map(ShareRecord::verdict).toList()).isEqualTo(List.of(Verdict.LOW_DIFFICULTY,
                Verdict.MALFORMED, Verdict.MALFORMED, Verdict.MALFORMED, Verdict.MALFORMED, Verdict.BLOCK, Verdict.STALE));
    }

    @Test
    void getBlockHeaderAnswersOnlyForBlocksTheNodeAccepted() throws Exception {
        start(HALF_THE_HASHES);
        assertThat(call("/get-block-header", "{\"block_height\":299}")).isEqualTo(fail("can't find block in given height"));
        assertThat(call("/get-block-header", "{}")).isEqualTo(fail("can't find block in given height"));
        String unknownHash = "ab".repeat(32);
        assertThat(call("/get-block-header", "{\"block_hash\":\"" + unknownHash + "\"}"))
                .isEqualTo(fail("There are no block with given hash " + unknownHash));
        assertThat(post("/get-block-header", "{\"block_height\":-1}").statusCode()).isEqualTo(400);
        assertThat(post("/get-block-header", "{\"block_hash\":7}").statusCode()).isEqualTo(400);
        assertThat(post("/get-block-header", "{\"block_hash\":\"xy\"}").statusCode()).isEqualTo(400);
        assertThat(post("/get-work", "").statusCode()).isEqualTo(200);
        assertThat(pool.shares()).as("look-ups are not submissions").isEmpty();
    }
}

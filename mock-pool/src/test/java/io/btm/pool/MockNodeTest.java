package io.btm.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.btm.core.difficulty.Difficulty;
import io.btm.core.header.BlockHeader;
import io.btm.core.node.NodeWork;
import io.btm.core.tensority.MatrixCache;
import io.btm.core.tensority.Tensority;
import io.btm.core.util.Hex;
import io.btm.pool.model.PoolConfig;
import io.btm.pool.model.ShareFlag;
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
 * The mock node's get-work / submit-work, judged like shares, recorded with them, and answered in
 * the shapes of bytomd v1.1.1 (docs/bytom-node.md).
 */
class MockNodeTest {
    /** Exponent 32, full mantissa: a network target above 2^256, so every hash is a block. */
    static final long EVERY_HASH_A_BLOCK = 32L << 56 | 0x007fffffffffffffL;
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

    private HttpResponse<String> call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + pool.nodePort() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private NodeWork getWork() throws IOException, InterruptedException {
        JsonNode reply = JSON.readTree(call("POST", "/get-work-json", "{}").body());
        assertThat(reply.get("status").asText()).isEqualTo("success");
        return NodeWork.fromJson(reply.get("data"));
    }

    private JsonNode submit(BlockHeader solved) throws IOException, InterruptedException {
        return JSON.readTree(call("POST", "/submit-work-json", NodeWork.submission(solved).toString()).body());
    }

    private static byte[] referenceResult(NodeWork work, long nonce) {
        return Tensority.hash(work.header().withNonce(nonce).hash().toArray(), MatrixCache.build(work.seed().toArray()));
    }

    @Test
    void aBlockIsAcceptedAndMovesTheChainOn() throws Exception {
        start(EVERY_HASH_A_BLOCK);
        NodeWork work = getWork();
        assertThat(work.header().height()).isEqualTo(300);
        assertThat(work.header().nonce()).isZero();
        assertThat(work.seed()).isEqualTo(PoolConfig.INITIAL_SEED);

        JsonNode reply = submit(work.header().withNonce(42));

        assertThat(reply).isEqualTo(JSON.readTree("{\"status\":\"success\",\"data\":true}"));
        ShareRecord record = pool.shares().get(0);
        assertThat(record.verdict()).isEqualTo(Verdict.BLOCK);
        assertThat(record.worker()).isEqualTo(ShareRecord.SOLO_WORKER);
        assertThat(record.result()).isEqualTo(Hex.encode(referenceResult(work, 42)));
        assertThat(getWork().header().height()).isEqualTo(301);

        // A second solution for a height whose block was just accepted: the node's exact refusal.
        JsonNode stale = submit(work.header().withNonce(43));
        assertThat(stale).isEqualTo(JSON.readTree("{\"status\":\"fail\",\"code\":\"BTM000\",\"msg\":\"Bytom API Error\","
                + "\"error_detail\":\"pending mining block has been changed\"}"));
        assertThat(pool.shares().get(1).verdict()).isEqualTo(Verdict.STALE);
    }

    @Test
    void aHashAboveTheBitsDuplicatesAndUnknownTemplatesFail() throws Exception {
        start(PoolConfig.GENESIS_BITS);
        NodeWork work = getWork();
        assertThat(Difficulty.meetsBits(referenceResult(work, 7), PoolConfig.GENESIS_BITS)).isFalse();

        JsonNode miss = submit(work.header().withNonce(7));
        assertThat(miss).isEqualTo(JSON.readTree("{\"status\":\"fail\",\"code\":\"BTM000\",\"msg\":\"Bytom API Error\","
                + "\"error_detail\":\"invalid difficulty proof of work: invalid block\"}"));
        // The node has no duplicate check: the same miss again is the same answer, and the record says what it was.
        assertThat(submit(work.header().withNonce(7))).isEqualTo(miss);
        BlockHeader other = new BlockHeader(1, 300, work.header().transactionsMerkleRoot(), 0, work.header().previousBlockHash(),
                work.header().transactionStatusHash(), work.header().bits(), 7);
        assertThat(submit(other).get("error_detail").asText()).isEqualTo("pending mining block has been changed");

        HttpResponse<String> malformed = call("POST", "/submit-work-json", "{\"block_header\":{\"version\":\"one\"}}");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(malformed.body()).get("code").asText()).isEqualTo("BTM000");
        assertThat(JSON.readTree(malformed.body()).get("error_detail").asText()).contains("block_header");
        assertThat(call("GET", "/get-work-json", "").statusCode()).isEqualTo(405);
        assertThat(call("POST", "/nothing", "{}").statusCode()).isEqualTo(404);

        assertThat(pool.shares().stream().map(ShareRecord::verdict).toList()).isEqualTo(
                List.of(Verdict.LOW_DIFFICULTY, Verdict.LOW_DIFFICULTY, Verdict.UNKNOWN_JOB, Verdict.MALFORMED));
        assertThat(pool.shares().get(1).flags()).containsExactly(ShareFlag.DUPLICATE);
        assertThat(getWork().header().height()).isEqualTo(300);
    }
}

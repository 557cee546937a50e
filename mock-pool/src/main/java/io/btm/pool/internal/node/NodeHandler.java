package io.btm.pool.internal.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.btm.core.header.BlockHeader;
import io.btm.core.http.HttpJson;
import io.btm.core.header.BlockHeaderCodec;
import io.btm.core.node.NodeWork;
import io.btm.core.util.Bytes32;
import io.btm.core.util.Hex;
import io.btm.core.util.JsonNumbers;
import io.btm.core.util.Text;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The mock node: the calls of a Bytom node's API that solo miners use, answered in the shapes
 * bytomd v1.1.1 answers them (docs/bytom-node.md): {@code {"status":"success","data":…}}, or
 * {@code {"status":"fail","code":"BTM000","msg":"Bytom API Error","error_detail":…}}.
 * {@code POST /get-work-json} and {@code /submit-work-json} carry the header as JSON fields;
 * {@code /get-work} and {@code /submit-work}, which the node's own {@code cmd/miner} and pools'
 * node syncers call, carry it as hex of the node's binary encoding (api/api.go:299-303,
 * api/miner.go:55-62, 96-106; {@link BlockHeaderCodec}); {@code /get-block-header} gives an
 * accepted block's header that way, with its reward. A submitted header is judged by the pool's
 * validation workers, in either form alike; the reply is written from there.
 */
public final class NodeHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(NodeHandler.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The node's refusal of a submit-work without a header (mining/miningpool/miningpool.go:96-99). */
    private static final String NO_HEADER = "can't submit empty block";

    private final SoloNode node;

    public NodeHandler(SoloNode node) {
        this.node = node;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = HttpJson.path(request);
        if (!request.method().equals(HttpMethod.POST)) {
            HttpJson.respond(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, fail("use POST for " + path));
            return;
        }
        switch (path) {
            case "/get-work-json" -> HttpJson.respond(ctx, HttpResponseStatus.OK, success(node.work().toJson()));
            case "/get-work" -> getWork(ctx);
            case "/submit-work-json" -> submitWork(ctx, request, false);
            case "/submit-work" -> submitWork(ctx, request, true);
            case "/get-block-header" -> getBlockHeader(ctx, request);
            default -> HttpJson.respond(ctx, HttpResponseStatus.NOT_FOUND, fail("no such endpoint: " + path));
        }
    }

    private void getWork(ChannelHandlerContext ctx) {
        try {
            HttpJson.respond(ctx, HttpResponseStatus.OK, success(node.work().toBinaryJson()));
        } catch (IllegalArgumentException e) {
            // Bits above 2^63 - 1, set through the control API, have no binary form; the JSON form still serves them.
            HttpJson.respond(ctx, HttpResponseStatus.OK, fail(e.getMessage()));
        }
    }

    /** @param binaryHeader the header is hex of the node's binary encoding ({@code /submit-work}), not JSON fields */
    private void submitWork(ChannelHandlerContext ctx, FullHttpRequest request, boolean binaryHeader) {
        BlockHeader solved;
        try {
            JsonNode header = HttpJson.body(request).get("block_header");
            if (binaryHeader && (header == null || header.isNull())) {
                // The node reads a missing header as nil and refuses it as a failed call, not a bad request.
                node.rejectWork(NO_HEADER, () -> HttpJson.respond(ctx, HttpResponseStatus.OK, fail(NO_HEADER)));
                return;
            }
            solved = binaryHeader ? NodeWork.binaryHeaderFromJson(header) : NodeWork.headerFromJson(header);
        } catch (IllegalArgumentException e) {
            node.rejectWork(e.getMessage(), () -> HttpJson.respond(ctx, HttpResponseStatus.BAD_REQUEST, fail(e.getMessage())));
            return;
        }
        node.submitWork(solved, answer -> HttpJson.respond(ctx, HttpResponseStatus.OK,
                answer == NodeAnswer.ACCEPTED ? success(NODES.booleanNode(true)) : fail(answer.errorDetail())));
    }

    /**
     * {@code {"block_height":N}} or {@code {"block_hash":"…"}}, as api/block_retrieve.go:40-44,
     * 150-176 reads them: a hash of 32 bytes is looked up by hash, anything else by height (0 when
     * absent). The reply is {@code {"block_header":"<binary hex>","reward":…}}; a block the mock
     * does not hold gets the node's refusal (protocol/block.go:32-37, database/cache.go:41-43).
     */
    private void getBlockHeader(ChannelHandlerContext ctx, FullHttpRequest request) {
        Optional<BlockHeader> block;
        String notFound;
        try {
            JsonNode body = HttpJson.body(request);
            byte[] id = blockHash(body.get("block_hash"));
            if (id.length == 32) {
                block = node.block(Bytes32.of(id));
                notFound = "There are no block with given hash " + Hex.encode(id);
            } else {
                long height = body.hasNonNull("block_height") ? JsonNumbers.uint64(body, "block_height", "block_height") : 0;
                block = node.block(height);
                notFound = "can't find block in given height";
            }
        } catch (IllegalArgumentException e) {
            HttpJson.respond(ctx, HttpResponseStatus.BAD_REQUEST, fail(e.getMessage()));
            return;
        }
        HttpJson.respond(ctx, HttpResponseStatus.OK, block.map(NodeHandler::headerWithReward).map(NodeHandler::success)
                .orElseGet(() -> fail(notFound)));
    }

    private static byte[] blockHash(JsonNode hash) {
        if (hash == null || hash.isNull()) {
            return new byte[0];
        }
        if (!hash.isTextual()) {
            throw new IllegalArgumentException("block_hash: expected a hex string");
        }
        return Hex.decode("block_hash", hash.asText());
    }

    private static ObjectNode headerWithReward(BlockHeader block) {
        return NODES.objectNode().put("block_header", BlockHeaderCodec.toHex(block))
                .put("reward", JsonNumbers.unsigned(BlockSubsidy.at(block.height())));
    }

    private static ObjectNode success(JsonNode data) {
        ObjectNode reply = NODES.objectNode().put("status", "success");
        reply.set("data", data);
        return reply;
    }

    /** The node's one failure shape: the reason is in {@code error_detail}, {@code msg} is always the same. */
    private static ObjectNode fail(String errorDetail) {
        return NODES.objectNode().put("status", "fail").put("code", "BTM000").put("msg", "Bytom API Error")
                .put("error_detail", errorDetail);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("mock node connection from {}: {}, closing", ctx.channel().remoteAddress(), Text.printable(cause.toString()));
        ctx.close();
    }
}

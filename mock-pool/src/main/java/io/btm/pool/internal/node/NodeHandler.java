package io.btm.pool.internal.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.btm.core.header.BlockHeader;
import io.btm.core.http.HttpJson;
import io.btm.core.node.NodeWork;
import io.btm.core.util.Text;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mock node: the two calls of a Bytom node's API that solo miners use, {@code POST /get-work-json}
 * and {@code POST /submit-work-json}, answered in the shapes bytomd v1.1.1 answers them
 * (docs/bytom-node.md): {@code {"status":"success","data":…}}, or
 * {@code {"status":"fail","code":"BTM000","msg":"Bytom API Error","error_detail":…}}. A submitted
 * header is judged by the pool's validation workers; the reply is written from there.
 */
public final class NodeHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(NodeHandler.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

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
            case "/submit-work-json" -> submitWork(ctx, request);
            default -> HttpJson.respond(ctx, HttpResponseStatus.NOT_FOUND, fail("no such endpoint: " + path));
        }
    }

    private void submitWork(ChannelHandlerContext ctx, FullHttpRequest request) {
        BlockHeader solved;
        try {
            solved = NodeWork.headerFromJson(HttpJson.body(request).get("block_header"));
        } catch (IllegalArgumentException e) {
            node.rejectWork(e.getMessage(), () -> HttpJson.respond(ctx, HttpResponseStatus.BAD_REQUEST, fail(e.getMessage())));
            return;
        }
        node.submitWork(solved, answer -> HttpJson.respond(ctx, HttpResponseStatus.OK,
                answer == NodeAnswer.ACCEPTED ? success(NODES.booleanNode(true)) : fail(answer.errorDetail())));
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

package io.btm.pool.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.btm.core.header.BlockHeader;
import io.btm.core.node.NodeWork;
import io.btm.pool.MockPool;
import io.btm.pool.http.HttpJson;
import io.btm.pool.validation.Verdict;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;

/**
 * The mock node: the two calls of a Bytom node's API that solo miners use (stratum-btm.md),
 * {@code POST /get-work-json} and {@code POST /submit-work-json}, answered as the node does:
 * {@code {"status":"success","data":…}} or {@code {"status":"fail","msg":…}}. A submitted header
 * is judged by the pool's validation workers; the reply is written from there.
 */
public final class NodeHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final MockPool pool;

    public NodeHandler(MockPool pool) {
        this.pool = pool;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        String path = request.uri().replaceFirst("\\?.*$", "");
        if (!request.method().equals(HttpMethod.POST)) {
            HttpJson.respond(ctx, keepAlive, HttpResponseStatus.METHOD_NOT_ALLOWED, fail("use POST for " + path));
            return;
        }
        switch (path) {
            case "/get-work-json" -> HttpJson.respond(ctx, keepAlive, HttpResponseStatus.OK, success(pool.work().toJson()));
            case "/submit-work-json" -> submitWork(ctx, keepAlive, request);
            default -> HttpJson.respond(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, fail("no such endpoint: " + path));
        }
    }

    private void submitWork(ChannelHandlerContext ctx, boolean keepAlive, FullHttpRequest request) {
        BlockHeader solved;
        try {
            solved = NodeWork.headerFromJson(HttpJson.body(request).get("block_header"));
        } catch (IllegalArgumentException e) {
            pool.rejectWork(e.getMessage(), (verdict, detail) ->
                    HttpJson.respond(ctx, keepAlive, HttpResponseStatus.BAD_REQUEST, fail(detail)));
            return;
        }
        pool.submitWork(solved, (verdict, detail) -> HttpJson.respond(ctx, keepAlive, HttpResponseStatus.OK,
                verdict == Verdict.BLOCK ? success(NODES.booleanNode(true)) : fail(verdict.reason() + ": " + detail)));
    }

    private static ObjectNode success(JsonNode data) {
        ObjectNode reply = NODES.objectNode().put("status", "success");
        reply.set("data", data);
        return reply;
    }

    private static ObjectNode fail(String message) {
        return NODES.objectNode().put("status", "fail").put("msg", message);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}

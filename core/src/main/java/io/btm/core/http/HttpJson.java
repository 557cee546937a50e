package io.btm.core.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The common parts of the project's HTTP listeners (the pool's control API and mock node, the
 * miner's status API): whole requests in, JSON out, keep-alive by Netty's handler. A connection
 * that sends nothing for {@link #READ_TIMEOUT_SECONDS} is closed, so a client that never finishes
 * its request holds nothing for long, and never holds up anyone else: nothing here blocks.
 */
public final class HttpJson {
    private static final int MAX_BODY = 64 * 1024;
    public static final int READ_TIMEOUT_SECONDS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Closes a connection quietly once its idle timeout fires: an idle keep-alive client is no error. */
    private static final ChannelHandler CLOSE_WHEN_IDLE = new CloseWhenIdle();

    private HttpJson() {
    }

    @ChannelHandler.Sharable
    private static final class CloseWhenIdle extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof IdleStateEvent) {
                ctx.close();
            } else {
                super.userEventTriggered(ctx, event);
            }
        }
    }

    /** A pipeline that hands whole requests to a new handler per connection. */
    public static ChannelInitializer<SocketChannel> initializer(Supplier<ChannelHandler> handler) {
        return initializer(handler, null);
    }

    /** A pipeline of two handlers per connection: the first serves what it knows and passes the rest on to the second. */
    public static ChannelInitializer<SocketChannel> initializer(Supplier<ChannelHandler> first, Supplier<ChannelHandler> then) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline()
                        .addLast(new IdleStateHandler(READ_TIMEOUT_SECONDS, 0, 0), CLOSE_WHEN_IDLE)
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpServerKeepAliveHandler())
                        .addLast(new HttpObjectAggregator(MAX_BODY))
                        .addLast(first.get());
                if (then != null) {
                    ch.pipeline().addLast(then.get());
                }
            }
        };
    }

    /** The request's path, without query or trailing slashes. */
    public static String path(FullHttpRequest request) {
        String path = new QueryStringDecoder(request.uri()).path();
        int end = path.length();
        while (end > 1 && path.charAt(end - 1) == '/') {
            end--;
        }
        return path.substring(0, end);
    }

    /** The request body as a JSON object; an empty body is an empty object. */
    public static JsonNode body(FullHttpRequest request) {
        String text = request.content().toString(StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (!node.isObject()) {
                throw new IllegalArgumentException("body: expected a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("body: not valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    /** Writes a JSON response. Safe from any thread, so a reply may come from a validation worker. */
    public static void respond(ChannelHandlerContext ctx, HttpResponseStatus status, JsonNode reply) {
        respond(ctx, status, HttpHeaderValues.APPLICATION_JSON, reply.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Writes a response of any type: a page, a script, the metrics' text. Safe from any thread. */
    public static void respond(ChannelHandlerContext ctx, HttpResponseStatus status, CharSequence contentType, byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        HttpUtil.setContentLength(response, body.length);
        ctx.writeAndFlush(response);
    }
}

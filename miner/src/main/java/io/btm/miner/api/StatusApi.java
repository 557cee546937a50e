package io.btm.miner.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.btm.core.http.HttpJson;
import io.btm.core.http.PrometheusText;
import io.btm.miner.stats.MinerStats;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The miner's HTTP API: {@code GET /api/v1/status}, a read of counters per request as JSON, and
 * {@code GET /metrics}, the same counters for Prometheus ({@link MinerMetrics}). Served by
 * Netty on one event loop of its own, which never blocks: a client that sends half a request and
 * waits holds up no one else, and is closed after {@link HttpJson#READ_TIMEOUT_SECONDS}.
 */
public final class StatusApi implements AutoCloseable {
    public static final String PATH = "/api/v1/status";
    public static final String METRICS_PATH = "/metrics";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final EventLoopGroup loop = new NioEventLoopGroup(1, new DefaultThreadFactory("status-api", true));
    private final Channel listener;

    public StatusApi(InetSocketAddress address, MinerStats stats) {
        MinerMetrics metrics = new MinerMetrics(stats);
        var bound = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                .childHandler(HttpJson.initializer(() -> new Handler(stats, metrics)))
                .bind(address).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalArgumentException("--api " + address.getHostString() + ":" + address.getPort()
                    + ": cannot listen (" + bound.cause().getMessage() + ")");
        }
        listener = bound.channel();
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final MinerStats stats;
        private final MinerMetrics metrics;

        Handler(MinerStats stats, MinerMetrics metrics) {
            this.stats = stats;
            this.metrics = metrics;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String path = HttpJson.path(request);
            if (!request.method().equals(HttpMethod.GET)) {
                HttpJson.respond(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, NODES.objectNode().put("error", "use GET"));
            } else if (path.equals(PATH)) {
                HttpJson.respond(ctx, HttpResponseStatus.OK, stats.toJson());
            } else if (path.equals(METRICS_PATH)) {
                HttpJson.respond(ctx, HttpResponseStatus.OK, PrometheusText.CONTENT_TYPE, metrics.text());
            } else {
                HttpJson.respond(ctx, HttpResponseStatus.NOT_FOUND, NODES.objectNode().put("error", "no such endpoint: " + path));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a broken request or a reset: only this connection is concerned
        }
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}

package io.btm.pool.internal.web;

import io.btm.core.http.HttpJson;
import io.btm.pool.internal.control.PoolControl;
import io.btm.pool.internal.metrics.PoolMetrics;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * What the control port serves to people and to Prometheus rather than to tests: {@code GET /metrics}.
 * Read-only. Every other request passes on to the control API.
 */
public final class WebHandler extends ChannelInboundHandlerAdapter {
    private final PoolControl pool;

    public WebHandler(PoolControl pool) {
        this.pool = pool;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (!(message instanceof FullHttpRequest request) || !request.method().equals(HttpMethod.GET)) {
            ctx.fireChannelRead(message);
            return;
        }
        String path = HttpJson.path(request);
        if (path.equals("/metrics")) {
            request.release();
            HttpJson.respond(ctx, HttpResponseStatus.OK, PoolMetrics.contentType(), pool.metrics().text());
        } else {
            ctx.fireChannelRead(message);
        }
    }
}

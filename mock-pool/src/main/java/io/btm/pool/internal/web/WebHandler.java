package io.btm.pool.internal.web;

import io.btm.core.http.HttpJson;
import io.btm.core.http.PrometheusText;
import io.btm.pool.internal.control.PoolControl;
import io.btm.pool.internal.metrics.PoolMetrics;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * What the control port serves to people and to Prometheus rather than to tests: the live page
 * ({@code GET /} and its files), its feed ({@code GET /api/live}) and {@code GET /metrics}. All
 * read-only. Every other request passes on to the control API.
 */
public final class WebHandler extends ChannelInboundHandlerAdapter {
    /** The page may load and connect to nothing but this port. */
    private static final String SAME_ORIGIN_ONLY = "default-src 'self'";

    private final PoolControl pool;
    private final LiveFeed feed;
    private final StaticAssets assets;

    private WebHandler(PoolControl pool, LiveFeed feed, StaticAssets assets) {
        this.pool = pool;
        this.feed = feed;
        this.assets = assets;
    }

    /** Serves one pool's page and metrics; {@link #handler()} makes the handler of each connection. */
    public static final class Site {
        private final PoolControl pool;
        private final LiveFeed feed;
        private final StaticAssets assets = new StaticAssets();

        public Site(PoolControl pool, LiveFeed feed) {
            this.pool = pool;
            this.feed = feed;
        }

        public WebHandler handler() {
            return new WebHandler(pool, feed, assets);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (!(message instanceof FullHttpRequest request) || !request.method().equals(HttpMethod.GET)) {
            ctx.fireChannelRead(message);
            return;
        }
        String path = HttpJson.path(request);
        StaticAssets.Asset asset = assets.at(path);
        if (asset != null) {
            request.release();
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(asset.bytes()).asReadOnly());
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, asset.contentType())
                    .set(HttpHeaderNames.CONTENT_SECURITY_POLICY, SAME_ORIGIN_ONLY);
            HttpUtil.setContentLength(response, asset.bytes().length);
            ctx.writeAndFlush(response);
        } else if (path.equals("/api/live")) {
            request.release();
            feed.subscribe(ctx);
        } else if (path.equals("/metrics")) {
            request.release();
            HttpJson.respond(ctx, HttpResponseStatus.OK, PrometheusText.CONTENT_TYPE, pool.metrics().text());
        } else {
            ctx.fireChannelRead(message);
        }
    }
}

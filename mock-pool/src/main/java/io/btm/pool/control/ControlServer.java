package io.btm.pool.control;

import io.btm.pool.MockPool;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

/** The control API listener's pipeline: HTTP with whole requests, JSON bodies. */
public final class ControlServer {
    private static final int MAX_BODY = 64 * 1024;

    private ControlServer() {
    }

    public static ChannelInitializer<SocketChannel> pipeline(MockPool pool) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(MAX_BODY))
                        .addLast(new ControlHandler(pool));
            }
        };
    }
}

package io.btm.pool.stratum;

import io.btm.pool.MockPool;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import io.netty.handler.timeout.IdleStateHandler;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The stratum listener: newline-framed JSON, one {@link StratumSessionHandler} per connection. */
public final class StratumServer {
    private StratumServer() {
    }

    public static Channel bind(MockPool pool, EventLoopGroup boss, EventLoopGroup workers) throws InterruptedException {
        var config = pool.config();
        return new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                // Fail fast: a line over the limit closes its connection, never buffers on.
                                .addLast(new LineBasedFrameDecoder(config.maxLineBytes(), true, true))
                                .addLast(new StringDecoder(StandardCharsets.UTF_8))
                                .addLast(new StringEncoder(StandardCharsets.UTF_8))
                                .addLast(new IdleStateHandler(config.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                                .addLast(new StratumSessionHandler(pool));
                    }
                })
                .bind(new InetSocketAddress(config.host(), config.stratumPort())).sync().channel();
    }
}

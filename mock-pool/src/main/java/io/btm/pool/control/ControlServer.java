package io.btm.pool.control;

import io.btm.pool.MockPool;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

import java.net.InetSocketAddress;

/** The control API's HTTP listener, on its own port (loopback by default). */
public final class ControlServer {
    private static final int MAX_BODY = 64 * 1024;

    private ControlServer() {
    }

    public static Channel bind(MockPool pool, EventLoopGroup boss, EventLoopGroup workers) throws InterruptedException {
        return new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpObjectAggregator(MAX_BODY))
                                .addLast(new ControlHandler(pool));
                    }
                })
                .bind(new InetSocketAddress(pool.config().host(), pool.config().controlPort())).sync().channel();
    }
}

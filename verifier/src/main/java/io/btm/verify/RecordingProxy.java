package io.btm.verify;

import io.btm.core.stratum.wire.JsonFrameDecoder;
import io.btm.core.tls.ClientTls;
import io.btm.core.tls.PoolTrust;
import io.btm.pool.tls.ServerTls;
import io.btm.pool.trace.TraceLog;
import io.btm.verify.model.Scenario;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sits between a miner and a pool ({@code stratum+tcp://} or {@code stratum+ssl://}; to the miner,
 * plain TCP or TLS of its own) and writes the
 * conversation to a trace ({@link TraceLog}'s format: time, session, {@code in} for the miner's
 * messages, {@code out} for the pool's), so that a session on a real pool can be read, and replayed
 * as a scenario ({@link Scenario#REPLAY}). Bytes pass through unchanged; the trace holds each JSON
 * message as framed by structure, in plain text whichever side speaks TLS. A side that does not read is not read for: the other side's reads
 * pause until it drains.
 */
public final class RecordingProxy implements AutoCloseable {
    private static final int MAX_MESSAGE = 1 << 20;
    private final EventLoopGroup loop = new NioEventLoopGroup(1, new DefaultThreadFactory("recording-proxy", true));
    private final TraceLog trace;
    private final Channel listener;
    private final AtomicLong sessions = new AtomicLong();

    private RecordingProxy(String host, int port, ServerTls minerSide, URI upstream, PoolTrust poolTrust, Path traceFile) {
        ClientTls tls = "stratum+ssl".equals(upstream.getScheme()) ? ClientTls.trusting(poolTrust) : null;
        this.trace = new TraceLog(traceFile);
        var bound = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel miner) {
                        long session = sessions.incrementAndGet();
                        if (minerSide != null) {
                            miner.pipeline().addLast(minerSide.newHandler(miner.alloc()));
                        }
                        new Bootstrap().group(miner.eventLoop()).channel(NioSocketChannel.class)
                                .option(ChannelOption.AUTO_READ, false)
                                .handler(new ChannelInitializer<SocketChannel>() {
                                    @Override
                                    protected void initChannel(SocketChannel pool) {
                                        if (tls != null) {
                                            pool.pipeline().addLast(tls.newHandler(pool.alloc(), upstream.getHost(), upstream.getPort()));
                                        }
                                        pool.pipeline().addLast(new Relay(miner, session, false));
                                        miner.pipeline().addLast(new Relay(pool, session, true));
                                    }
                                })
                                .connect(upstream.getHost(), upstream.getPort())
                                .addListener((ChannelFutureListener) connected -> {
                                    if (connected.isSuccess()) {
                                        miner.config().setAutoRead(true);
                                        connected.channel().config().setAutoRead(true);
                                    } else {
                                        miner.close();
                                    }
                                });
                    }
                })
                .bind(new InetSocketAddress(host, port)).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            trace.close();
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new IllegalArgumentException("record: cannot listen on " + host + ":" + port + " (" + bound.cause().getMessage() + ")");
        }
        this.listener = bound.channel();
    }

    /**
     * Listens on {@code host:port} (0 for any free port) and relays each connection to the pool.
     *
     * @param pool {@code stratum+tcp://host:port} or {@code stratum+ssl://host:port}
     */
    public static RecordingProxy start(String host, int port, String pool, Path traceFile) {
        return start(host, port, null, pool, new PoolTrust.JdkTrustStore(), traceFile);
    }

    /**
     * @param minerSide the TLS served to the miner, or null for plain TCP
     * @param poolTrust which certificates a {@code stratum+ssl://} pool may present
     */
    public static RecordingProxy start(String host, int port, ServerTls minerSide, String pool, PoolTrust poolTrust, Path traceFile) {
        return new RecordingProxy(host, port, minerSide, parse(pool), poolTrust, traceFile);
    }

    private static URI parse(String pool) {
        try {
            URI uri = new URI(pool);
            if (!"stratum+tcp".equals(uri.getScheme()) && !"stratum+ssl".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1) {
                throw new URISyntaxException(pool, "expected stratum+tcp://host:port or stratum+ssl://host:port");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("pool " + pool + ": " + e.getReason());
        }
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** One direction: what arrives is passed on as it is, and framed into messages for the trace. */
    private final class Relay extends ChannelInboundHandlerAdapter {
        private final Channel to;
        private final long session;
        private final boolean fromMiner;
        private final EmbeddedChannel framer = new EmbeddedChannel(new JsonFrameDecoder(MAX_MESSAGE));

        Relay(Channel to, long session, boolean fromMiner) {
            this.to = to;
            this.session = session;
            this.fromMiner = fromMiner;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf bytes = (ByteBuf) msg;
            try {
                framer.writeInbound(bytes.retainedDuplicate());
                for (ByteBuf frame = framer.readInbound(); frame != null; frame = framer.readInbound()) {
                    trace.record(session, fromMiner, frame.toString(StandardCharsets.UTF_8).strip());
                    frame.release();
                }
            } catch (RuntimeException e) {
                framer.releaseInbound(); // an oversized or broken message is relayed, not traced
            }
            to.writeAndFlush(bytes);
            if (!to.isWritable()) {
                ctx.channel().config().setAutoRead(false); // resumed when the other side drains
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            to.config().setAutoRead(ctx.channel().isWritable());
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            framer.finishAndReleaseAll();
            to.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        trace.close();
    }
}

package io.btm.pool.internal;

import io.btm.core.http.HttpJson;
import io.btm.pool.internal.control.ControlHandler;
import io.btm.pool.internal.control.PoolControl;
import io.btm.pool.internal.dialect.DialectRules;
import io.btm.pool.internal.node.NodeHandler;
import io.btm.pool.internal.node.SoloNode;
import io.btm.pool.internal.stratum.StratumServerInitializer.Timeouts;
import io.btm.pool.internal.stratum.StratumServerInitializer;
import io.btm.pool.internal.stratum.StratumService;
import io.btm.pool.model.PoolConfig;
import io.btm.pool.internal.web.LiveFeed;
import io.btm.pool.internal.web.WebHandler;
import io.btm.pool.trace.TraceLog;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** The pool's listeners (stratum, control API, mock node) and the event loops they run on. */
public final class PoolServer implements AutoCloseable {
    /** A session stops being read from once this much of its answers is unread, and is read again below the low mark. */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 64 * 1024);

    private final EventLoopGroup boss = new NioEventLoopGroup(1, new DefaultThreadFactory("pool-accept", true));
    private TraceLog trace;
    private final EventLoopGroup workers = new NioEventLoopGroup(0, new DefaultThreadFactory("pool-io", true));
    private Channel stratum;
    private Channel control;
    private Channel node;
    private LiveFeed feed;

    private PoolServer() {
    }

    /** Binds every listener the config asks for; on failure closes what was bound and rethrows. */
    public static PoolServer bind(PoolConfig config, StratumService stratumService, PoolControl controls, SoloNode soloNode) {
        PoolServer server = new PoolServer();
        try {
            DialectRules rules = stratumService.rules();
            Timeouts timeouts = new Timeouts(orElse(config.loginTimeout(), rules.loginTimeout()),
                    orElse(config.idleTimeout(), rules.idleTimeout()), rules.jobsKeepSessionsAlive());
            server.feed = new LiveFeed(controls, server.workers.next());
            server.trace = config.traceLog() == null ? null : new TraceLog(config.traceLog());
            server.stratum = server.listen("stratum", config.host(), config.stratumPort(), new StratumServerInitializer(stratumService,
                    orElse(config.maxLineBytes(), rules.maxLineBytes()), timeouts, server.trace, config.tls()));
            server.control = server.listen("control", config.controlHost(), config.controlPort(),
                    HttpJson.initializer(new WebHandler.Site(controls, server.feed)::handler, () -> new ControlHandler(controls)));
            if (config.nodePort() != null) {
                server.node = server.listen("node", config.controlHost(), config.nodePort(),
                        HttpJson.initializer(() -> new NodeHandler(soloNode)));
            }
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static <T> T orElse(T given, T dialectDefault) {
        return given != null ? given : dialectDefault;
    }

    /** Binds one listener; a failure says which port and why, e.g. that it is in use. */
    private Channel listen(String name, String host, int port, ChannelInitializer<SocketChannel> pipeline) {
        var bound = new ServerBootstrap().group(boss, workers).channel(NioServerSocketChannel.class).childHandler(pipeline)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .bind(new InetSocketAddress(host, port)).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            Throwable cause = bound.cause();
            String why = cause instanceof BindException ? "address already in use or not available" : cause.toString();
            throw new IllegalArgumentException(name + " port " + port + " on " + host + ": " + why + " (" + cause.getMessage() + ")");
        }
        return bound.channel();
    }

    public int stratumPort() {
        return port(stratum);
    }

    public int controlPort() {
        return port(control);
    }

    /** Where the control API listens. */
    public InetSocketAddress controlAddress() {
        return (InetSocketAddress) control.localAddress();
    }

    /** The mock node's port, or -1 without one. */
    public int nodePort() {
        return node == null ? -1 : port(node);
    }

    private static int port(Channel listener) {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Stops listening and closes every connection. */
    @Override
    public void close() {
        for (Channel listener : new Channel[]{stratum, control, node}) {
            if (listener != null) {
                listener.close().syncUninterruptibly();
            }
        }
        if (feed != null) {
            feed.close();
        }
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        if (trace != null) {
            trace.close();
        }
    }
}

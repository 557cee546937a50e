package io.btm.pool.internal.stratum;

import io.btm.core.stratum.wire.StratumDecoder;
import io.btm.core.stratum.wire.StratumEncoder;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.timeout.IdleStateHandler;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The stratum listener's pipeline: lines in (as real pools read them), {@link io.btm.core.stratum.StratumFrame}s
 * to the session handler, stratum messages out through the encoder.
 */
public final class StratumServerInitializer extends ChannelInitializer<SocketChannel> {
    private final StratumService pool;
    private final int maxLineBytes;
    private final Duration idleTimeout;

    public StratumServerInitializer(StratumService pool, int maxLineBytes, Duration idleTimeout) {
        this.pool = pool;
        this.maxLineBytes = maxLineBytes;
        this.idleTimeout = idleTimeout;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                // Fail fast: a line over the limit closes its connection, never buffers on.
                .addLast(new LineBasedFrameDecoder(maxLineBytes, true, true))
                .addLast(StratumDecoder.INSTANCE)
                .addLast(StratumEncoder.LINES)
                .addLast(new IdleStateHandler(idleTimeout.toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                .addLast(new StratumSessionHandler(pool));
    }
}

package io.btm.pool.internal.stratum;

import io.btm.core.stratum.wire.StratumDecoder;
import io.btm.core.stratum.wire.StratumEncoder;
import io.btm.pool.internal.dialect.DialectRules;
import io.btm.pool.internal.trace.TraceHandler;
import io.btm.pool.tls.ServerTls;
import io.btm.pool.trace.TraceLog;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.timeout.IdleStateHandler;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The stratum listener's pipeline, as the dialect's pool reads and writes: lines in (a line over
 * the pool's limit closes the connection), {@link io.btm.core.stratum.StratumFrame}s to the session
 * handler, messages out through an encoder that ends each one as the pool does; the raw trace
 * between the framing and the codec where one is kept; and the pool's timeouts. With TLS, the
 * TLS handler comes first, so that the framing, the trace and the session see the plain text.
 */
public final class StratumServerInitializer extends ChannelInitializer<SocketChannel> {
    static final String IDLE = "idle";

    private final StratumService pool;
    private final Timeouts timeouts;
    private final int maxLineBytes;
    private final StratumEncoder encoder;
    private final TraceLog trace;
    private final ServerTls tls;

    /**
     * The pool's session timeouts: until login, and after it.
     *
     * @param countJobs whether job pushes keep a session alive too (a deadline on the connection), or only what the miner sends (a read timeout)
     */
    public record Timeouts(Duration login, Duration idle, boolean countJobs) {

        ChannelHandler handler(Duration timeout) {
            long millis = timeout.toMillis();
            return countJobs ? new IdleStateHandler(0, 0, millis, TimeUnit.MILLISECONDS)
                    : new IdleStateHandler(millis, 0, 0, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * @param trace where to copy the traffic, or null for no trace
     * @param tls   the port's TLS, or null for plain TCP
     */
    public StratumServerInitializer(StratumService pool, int maxLineBytes, Timeouts timeouts, TraceLog trace, ServerTls tls) {
        this.pool = pool;
        this.maxLineBytes = maxLineBytes;
        this.timeouts = timeouts;
        DialectRules rules = pool.rules();
        this.encoder = new StratumEncoder(rules::endsWithNewline);
        this.trace = trace;
        this.tls = tls;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline pipeline = ch.pipeline();
        if (tls != null) {
            pipeline.addLast(tls.newHandler(ch.alloc()));
        }
        // Fail fast: a line over the limit closes its connection, never buffers on.
        pipeline.addLast(new LineBasedFrameDecoder(maxLineBytes, true, true));
        if (trace != null) {
            pipeline.addLast(new TraceHandler(trace));
        }
        pipeline.addLast(StratumDecoder.BLANK_LINES_UNREADABLE)
                .addLast(encoder)
                .addLast(IDLE, timeouts.handler(timeouts.login()))
                .addLast(new StratumSessionHandler(pool, timeouts));
    }
}

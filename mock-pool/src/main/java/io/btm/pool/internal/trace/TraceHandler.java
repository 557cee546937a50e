package io.btm.pool.internal.trace;

import io.btm.pool.trace.TraceLog;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.AttributeKey;

import java.nio.charset.StandardCharsets;

/**
 * Copies a connection's traffic to the {@link TraceLog}: incoming framed lines, outgoing bytes as
 * written. It sits between the line decoder and the stratum codec, so it sees each line whole and
 * each message exactly as encoded. The session number comes from the channel attribute the session
 * handler sets once the session exists.
 */
public final class TraceHandler extends ChannelDuplexHandler {
    /** The session a channel carries, set by whoever opens the session. */
    public static final AttributeKey<Long> SESSION = AttributeKey.valueOf("btm.session");

    private final TraceLog log;

    public TraceHandler(TraceLog log) {
        this.log = log;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof ByteBuf line) {
            log.record(session(ctx), true, line.toString(StandardCharsets.UTF_8));
        }
        ctx.fireChannelRead(message);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
        if (message instanceof ByteBuf bytes) {
            log.record(session(ctx), false, bytes.toString(StandardCharsets.UTF_8));
        }
        ctx.write(message, promise);
    }

    private static long session(ChannelHandlerContext ctx) {
        Long id = ctx.channel().attr(SESSION).get();
        return id == null ? -1 : id;
    }
}

package io.btm.core.stratum.wire;

import io.btm.core.stratum.StratumMessage;
import io.btm.core.stratum.UnreadableFrame;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns each frame (a line, or one JSON value) into a {@link io.btm.core.stratum.StratumFrame}: a
 * {@link StratumMessage}, or an {@link UnreadableFrame} saying what is wrong with it. Stateless, so
 * one instance serves every channel.
 */
@Sharable
public final class StratumDecoder extends MessageToMessageDecoder<ByteBuf> {
    /** Drops blank frames: a client reading whatever a pool sends. */
    public static final StratumDecoder INSTANCE = new StratumDecoder(true);
    /** Reports a blank line as unreadable: a pool that fails on one, as btmcpool's decoder does. */
    public static final StratumDecoder BLANK_LINES_UNREADABLE = new StratumDecoder(false);

    private final boolean dropBlank;

    private StratumDecoder(boolean dropBlank) {
        this.dropBlank = dropBlank;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        String text = frame.toString(StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            if (!dropBlank) {
                out.add(new UnreadableFrame(text, "an empty line"));
            }
            return;
        }
        try {
            out.add(StratumMessage.parse(text));
        } catch (IllegalArgumentException e) {
            out.add(new UnreadableFrame(text, e.getMessage()));
        }
    }
}

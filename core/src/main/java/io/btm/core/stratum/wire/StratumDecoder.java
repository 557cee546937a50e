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
 * {@link StratumMessage}, or an {@link UnreadableFrame} saying what is wrong with it. Blank frames
 * are dropped. Stateless, so one instance serves every channel.
 */
@Sharable
public final class StratumDecoder extends MessageToMessageDecoder<ByteBuf> {
    public static final StratumDecoder INSTANCE = new StratumDecoder();

    private StratumDecoder() {
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        String text = frame.toString(StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return;
        }
        try {
            out.add(StratumMessage.parse(text));
        } catch (IllegalArgumentException e) {
            out.add(new UnreadableFrame(text, e.getMessage()));
        }
    }
}

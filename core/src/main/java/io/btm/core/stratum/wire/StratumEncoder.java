package io.btm.core.stratum.wire;

import io.btm.core.stratum.StratumMessage;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * Writes a {@link StratumMessage} as one JSON object, followed by a newline unless the framing
 * says otherwise: btc.com's pool ends its job objects without one, and a mock of it must too.
 * The only place that knows how messages end on the wire. Stateless, so one instance serves every
 * channel with the same framing.
 */
@Sharable
public final class StratumEncoder extends MessageToByteEncoder<StratumMessage> {
    /** Every message on a line of its own, as miners write and most pools do. */
    public static final StratumEncoder LINES = new StratumEncoder(message -> true);

    private final Predicate<StratumMessage> endsWithNewline;

    public StratumEncoder(Predicate<StratumMessage> endsWithNewline) {
        this.endsWithNewline = endsWithNewline;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, StratumMessage message, ByteBuf out) {
        out.writeCharSequence(message.encode(), StandardCharsets.UTF_8);
        if (endsWithNewline.test(message)) {
            out.writeByte('\n');
        }
    }
}

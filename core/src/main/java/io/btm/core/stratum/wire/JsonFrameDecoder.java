package io.btm.core.stratum.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;

import java.util.List;

/**
 * Frames a stream by JSON structure as well as by line: each top-level object or array is a frame
 * as soon as its closing bracket arrives, with or without a newline after it, however many arrive
 * in one read. Real pools need this: btc.com's pool ends its job objects without a newline
 * ({@code src/bytom/StratumSessionBytom.cc}, {@code sendMiningNotify}). A raw newline, which JSON
 * never holds inside a string and pools never put inside an object, also ends a frame: so garbage,
 * even garbage that opens a bracket it never closes, is a line of its own that the
 * {@link StratumDecoder} reports as unreadable, and the next message is read whole. A frame longer
 * than the limit fails the channel rather than buffer without bound.
 *
 * <p>The scan resumes where the last read stopped, so a frame arriving in many pieces costs one
 * pass. One instance per channel.
 */
public final class JsonFrameDecoder extends ByteToMessageDecoder {
    private final int maxFrameBytes;
    /** Bytes of the current frame already scanned, and the scanner's state there. */
    private int scanned;
    private int depth;
    private boolean inString;
    private boolean escaped;
    private boolean garbage;

    public JsonFrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws TooLongFrameException {
        while (in.isReadable()) {
            if (scanned == 0 && !startFrame(in)) {
                return;
            }
            int start = in.readerIndex();
            int end = scan(in, start + scanned, in.writerIndex());
            if (end < 0) {
                scanned = in.writerIndex() - start;
                if (scanned > maxFrameBytes) {
                    in.skipBytes(in.readableBytes());
                    reset();
                    throw new TooLongFrameException("a frame longer than " + maxFrameBytes + " bytes");
                }
                return;
            }
            out.add(in.retainedSlice(start, end - start));
            in.readerIndex(end);
            reset();
        }
    }

    /** Skips whitespace before a frame; false when nothing but whitespace is left. */
    private boolean startFrame(ByteBuf in) {
        while (in.isReadable()) {
            byte b = in.getByte(in.readerIndex());
            if (b == '{' || b == '[') {
                return true;
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                garbage = true;
                return true;
            }
            in.skipBytes(1);
        }
        return false;
    }

    /** Scans [from, to); the index just past the frame's end, or -1 if it has not ended yet. */
    private int scan(ByteBuf in, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = in.getByte(i);
            if (b == '\n') {
                return i + 1;
            }
            if (garbage) {
                continue;
            }
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if ((b == '}' || b == ']') && --depth == 0) {
                return i + 1;
            }
        }
        return -1;
    }

    private void reset() {
        scanned = 0;
        depth = 0;
        inString = false;
        escaped = false;
        garbage = false;
    }
}

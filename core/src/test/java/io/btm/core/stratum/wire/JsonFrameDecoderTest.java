package io.btm.core.stratum.wire;

import io.btm.core.stratum.StratumFrame;
import io.btm.core.stratum.StratumMessage;
import io.btm.core.stratum.UnreadableFrame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The miner's framing of what pools send: by JSON structure, and by line where there is no structure. */
class JsonFrameDecoderTest {

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new JsonFrameDecoder(1024), StratumDecoder.INSTANCE);
    }

    private static List<StratumFrame> read(EmbeddedChannel channel, String... chunks) {
        for (String chunk : chunks) {
            channel.writeInbound(Unpooled.copiedBuffer(chunk, StandardCharsets.UTF_8));
        }
        List<StratumFrame> frames = new ArrayList<>();
        for (Object frame; (frame = channel.readInbound()) != null; ) {
            frames.add((StratumFrame) frame);
        }
        return frames;
    }

    @Test
    void anObjectWithoutANewlineIsAFrameAsSoonAsItCloses() {
        // btc.com's login: the status reply with its newline, then the job object without one.
        List<StratumFrame> frames = read(channel(), "{\"id\":1,\"result\":{\"status\":\"OK\"},\"error\":null}\n"
                + "{\"id\": 1, \"jsonrpc\": \"2.0\", \"result\": {\"id\": \"a\", \"job\": {}, \"status\": \"OK\"}, \"error\": null}");
        assertThat(frames).hasSize(2);
        assertThat(((StratumMessage) frames.get(1)).result().get("id").asText()).isEqualTo("a");
    }

    @Test
    void objectsGluedTogetherOrSplitAcrossReadsAreFramedOneByOne() {
        EmbeddedChannel channel = channel();
        List<StratumFrame> frames = read(channel, "{\"jsonrpc\":\"2.0\",\"method\":\"job\",\"params\":{\"a\":\"}{\"}}{\"id\":3,",
                "\"result\":true,\"error\":null}", "\n\n{\"id\":4,\"result\":{\"status\":\"OK\"},\"error\":null}\n");
        assertThat(frames).hasSize(3);
        assertThat(((StratumMessage) frames.get(0)).params().get("a").asText()).isEqualTo("}{");
        assertThat(((StratumMessage) frames.get(1)).id().asInt()).isEqualTo(3);
        assertThat(((StratumMessage) frames.get(2)).id().asInt()).isEqualTo(4);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void garbageIsALineOfItsOwnEvenWhenItOpensABracketItNeverCloses() {
        List<StratumFrame> frames = read(channel(), "this is no json\n{this is not json\n[1,\n{\"id\":5,\"result\":true,\"error\":null}\n");
        assertThat(frames).hasSize(4);
        assertThat(frames.subList(0, 3)).allMatch(frame -> frame instanceof UnreadableFrame);
        assertThat(((UnreadableFrame) frames.get(1)).text()).isEqualTo("{this is not json");
        assertThat(((StratumMessage) frames.get(3)).id().asInt()).isEqualTo(5);
    }

    @Test
    void aFrameLongerThanTheLimitFailsRatherThanBuffersOn() {
        EmbeddedChannel channel = channel();
        ByteBuf endless = Unpooled.copiedBuffer("{\"a\":\"" + "x".repeat(2000), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> channel.writeInbound(endless)).isInstanceOf(TooLongFrameException.class)
                .hasMessageContaining("longer than 1024 bytes");
    }
}

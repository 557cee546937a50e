package io.btm.pool.stratum;

import io.btm.pool.MockPool;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import io.netty.handler.timeout.IdleStateHandler;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The stratum listener's pipeline: newline-framed JSON, one {@link StratumSessionHandler} per connection. */
public final class StratumServer {
    private StratumServer() {
    }

    public static ChannelInitializer<SocketChannel> pipeline(MockPool pool) {
        var config = pool.config();
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline()
                        // Fail fast: a line over the limit closes its connection, never buffers on.
                        .addLast(new LineBasedFrameDecoder(config.maxLineBytes(), true, true))
                        .addLast(new StringDecoder(StandardCharsets.UTF_8))
                        .addLast(new StringEncoder(StandardCharsets.UTF_8))
                        .addLast(new IdleStateHandler(config.idleTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                        .addLast(new StratumSessionHandler(pool));
            }
        };
    }
}

package io.btm.miner.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.btm.core.stratum.Job;
import io.btm.core.stratum.StratumError;
import io.btm.core.stratum.StratumFrame;
import io.btm.core.stratum.StratumMessage;
import io.btm.core.stratum.UnreadableFrame;
import io.btm.core.stratum.wire.StratumDecoder;
import io.btm.core.stratum.wire.StratumEncoder;
import io.btm.miner.share.FoundShare;
import io.btm.miner.share.SubmitResult;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A stratum connection to one pool (docs/stratum-btm.md): login, job notifications, submits matched to
 * their replies by id, keepalive. Tolerant of every variant real pools send: a target of any
 * length, success as {@code {"status":"OK"}} or {@code true}, numeric or -1 error codes; a line
 * that is not a message, or an unknown method, is logged and skipped. All state is confined to
 * the client event loop, which runs every callback of this class.
 */
final class StratumConnection extends PoolConnection {
    private static final Logger LOG = LoggerFactory.getLogger(StratumConnection.class);
    private static final int MAX_LINE = 64 * 1024;
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final long LOGIN_TIMEOUT_SECONDS = 15;

    private final Map<Long, Pending> pending = new HashMap<>();
    private Channel channel;
    private String loginId;
    private long nextId = 1;
    private boolean closing;

    /** A request waiting for its reply: what to do with the reply, or if none will come. */
    private record Pending(Consumer<StratumMessage> onReply, Runnable onLost) {
    }

    StratumConnection(PoolEndpoint endpoint, ClientSettings settings, EventLoop loop, Events events) {
        super(endpoint, settings, loop, events);
    }

    @Override
    CompletableFuture<Void> open() {
        SslContext tls;
        try {
            tls = endpoint.protocol() == PoolEndpoint.Protocol.STRATUM_TLS ? SslContextBuilder.forClient().build() : null;
        } catch (SSLException e) {
            ready.completeExceptionally(e);
            return ready;
        }
        new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc(), endpoint.host(), endpoint.port()));
                        }
                        long keepalive = settings.keepalive().toMillis();
                        ch.pipeline()
                                .addLast(new IdleStateHandler(3 * keepalive, keepalive, 0, TimeUnit.MILLISECONDS))
                                .addLast(new LineBasedFrameDecoder(MAX_LINE))
                                .addLast(StratumDecoder.INSTANCE)
                                .addLast(StratumEncoder.LINES)
                                .addLast(new Handler());
                    }
                })
                .connect(endpoint.host(), endpoint.port())
                .addListener(connected -> {
                    if (!connected.isSuccess()) {
                        ready.completeExceptionally(connected.cause());
                    }
                });
        loop.schedule(() -> {
            if (!ready.isDone()) {
                ready.completeExceptionally(new IllegalStateException("no job within " + LOGIN_TIMEOUT_SECONDS + " s of connecting"));
                close();
            }
        }, LOGIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return ready;
    }

    private final class Handler extends SimpleChannelInboundHandler<StratumFrame> {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            channel = ctx.channel();
            if (closing) {
                ctx.close(); // closed (e.g. timed out) while the connect was still under way
                return;
            }
            ObjectNode params = StratumMessage.object().put("login", endpoint.user()).put("pass", endpoint.pass())
                    .put("agent", settings.agent());
            request("login", params, this::loggedIn, () -> { });
        }

        private void loggedIn(StratumMessage reply) {
            if (reply.error() != null || reply.result() == null) {
                ready.completeExceptionally(new IllegalStateException("login refused: " + describe(reply)));
                close();
                return;
            }
            JsonNode result = reply.result();
            loginId = result.hasNonNull("id") ? result.get("id").asText() : endpoint.user();
            if (result.hasNonNull("job")) {
                newJob(result.get("job"));
            } else {
                request("getjob", StratumMessage.object().put("id", loginId), r -> newJob(r.result()), () -> { });
            }
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, StratumFrame frame) {
            if (frame instanceof UnreadableFrame unreadable) {
                LOG.warn("{}: skipped a line that is not a stratum message ({}): {}", endpoint, unreadable.reason(),
                        abbreviate(unreadable.text()));
                return;
            }
            StratumMessage message = (StratumMessage) frame;
            if (message.isRequest()) {
                if (message.method().equals("job")) {
                    newJob(message.params());
                } else {
                    LOG.warn("{}: skipped unknown method '{}'", endpoint, message.method());
                }
                return;
            }
            Pending request = message.id() != null && message.id().canConvertToLong() ? pending.remove(message.id().asLong()) : null;
            if (request == null) {
                LOG.warn("{}: skipped a reply to no request of ours: {}", endpoint, abbreviate(message.encode()));
                return;
            }
            request.onReply().accept(message);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (!(event instanceof IdleStateEvent idle) || loginId == null) {
                return;
            }
            if (idle.state() == IdleState.WRITER_IDLE) {
                request("keepalived", StratumMessage.object().put("id", loginId), reply -> { }, () -> { });
            } else if (idle.state() == IdleState.READER_IDLE) {
                LOG.warn("{}: nothing received for {} ms, reconnecting", endpoint, 3 * settings.keepalive().toMillis());
                ctx.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            for (Pending p : List.copyOf(pending.values())) {
                p.onLost().run();
            }
            pending.clear();
            if (!ready.isDone()) {
                ready.completeExceptionally(new IllegalStateException("connection closed before the first job"));
            } else if (!closing) {
                events.lost(StratumConnection.this, "connection closed by the pool");
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.warn("{}: {}, closing", endpoint, cause.toString());
            ctx.close();
        }
    }

    private void newJob(JsonNode json) {
        Job parsed;
        try {
            parsed = Job.fromJson(json);
        } catch (IllegalArgumentException e) {
            LOG.warn("{}: skipped a job that cannot be mined: {}", endpoint, e.getMessage());
            return;
        }
        jobArrived(parsed);
    }

    @Override
    void submit(FoundShare share, CompletableFuture<SubmitResult> reply) {
        if (channel == null || !channel.isActive() || loginId == null) {
            reply.complete(SubmitResult.lost("not connected"));
            return;
        }
        ObjectNode params = StratumMessage.object().put("id", loginId).put("job_id", share.job().jobId())
                .put("nonce", Job.formatNonce(share.nonce()));
        long sent = System.nanoTime();
        long id = nextId;
        ScheduledFuture<?> timeout = loop.schedule(() -> {
            if (pending.remove(id) != null) {
                reply.complete(SubmitResult.lost("no reply within " + settings.submitTimeout().toSeconds() + " s"));
            }
        }, settings.submitTimeout().toMillis(), TimeUnit.MILLISECONDS);
        request("submit", params, answer -> {
            timeout.cancel(false);
            long rtt = (System.nanoTime() - sent) / 1_000_000;
            reply.complete(answer.isSuccess() ? SubmitResult.accepted(rtt) : SubmitResult.rejected(describe(answer), rtt));
        }, () -> {
            timeout.cancel(false);
            reply.complete(SubmitResult.lost("connection closed before the reply"));
        });
    }

    private void request(String method, JsonNode params, Consumer<StratumMessage> onReply, Runnable onLost) {
        long id = nextId++;
        pending.put(id, new Pending(onReply, onLost));
        channel.writeAndFlush(StratumMessage.request(id, method, params));
    }

    /** A rejection as the pool put it: its message and code, whichever style it uses. */
    private static String describe(StratumMessage reply) {
        StratumError error = reply.error();
        if (error != null) {
            return error.toString();
        }
        return "result " + reply.result();
    }

    private static String abbreviate(String line) {
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }

    @Override
    void close() {
        closing = true;
        if (channel != null) {
            channel.close();
        }
    }
}

package io.btm.miner.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.btm.core.stratum.Job;
import io.btm.core.stratum.StratumError;
import io.btm.core.stratum.StratumFrame;
import io.btm.core.stratum.StratumMessage;
import io.btm.core.stratum.UnreadableFrame;
import io.btm.core.stratum.wire.JsonFrameDecoder;
import io.btm.core.stratum.wire.StratumDecoder;
import io.btm.core.stratum.wire.StratumEncoder;
import io.btm.core.tls.ClientTls;
import io.btm.core.util.Text;
import io.btm.miner.share.FoundShare;
import io.btm.miner.share.RejectReason;
import io.btm.miner.share.SubmitResult;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A stratum connection to one pool (docs/stratum-btm.md, docs/real-pools.md): login, job
 * notifications, submits matched to their replies by id. Tolerant of every variant real pools
 * send: JSON framed by structure, with or without a newline after it and several in one read
 * (btc.com); a first job that comes in a reply of its own, under an id the miner never sent;
 * a target of any length; success as {@code {"status":"OK"}} or {@code true}; error objects and
 * JSON-RPC 1 error arrays. It sends nothing but login and submit, since btmcpool closes the
 * connection on anything else; TCP keepalive keeps the connection up, and only a long silence
 * (several BTM blocks) makes it reconnect. On stratum+ssl:// the TLS handler comes first, and a
 * failed handshake fails the connection with {@link ClientTls#explain}'s words. All state is
 * confined to the client event loop, which runs every callback of this class.
 */
final class StratumConnection extends PoolConnection {
    private static final Logger LOG = LoggerFactory.getLogger(StratumConnection.class);
    private static final int MAX_FRAME = 64 * 1024;
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final long LOGIN_TIMEOUT_SECONDS = 15;

    /**
     * How long a refusal that may mean stale waits for the job that would show it so. btmcpool
     * answers from its new block template, but pushes the new job from other goroutines
     * ({@code stratum/server.go:82-117}; {@code tcpsession.go:195-201} signals {@code scheduleJobs}, :405), so the answer can come first.
     */
    static final long STALE_GRACE_MILLIS = 2_000;

    private final Map<Long, Pending> pending = new HashMap<>();
    /** The TLS of a stratum+ssl:// pool, or null for stratum+tcp://. */
    private final ClientTls tls;
    private final List<HeldRefusal> held = new ArrayList<>();
    private Channel channel;
    private String loginId;
    private long nextId = 1;
    private boolean closing;
    /** Whether any byte came from the pool: one that closes without a word may speak TLS on a stratum+tcp:// URL. */
    private boolean heardFromPool;

    /** A request waiting for its reply: its method, what to do with the reply, or if none will come. */
    private record Pending(String method, Consumer<StratumMessage> onReply, Runnable onLost) {
    }

    /** A refusal of a share of {@code job} that is stale if the pool's block has moved on, waiting to see. */
    private record HeldRefusal(Job job, CompletableFuture<SubmitResult> reply, String reason, long rttMillis) {
    }

    StratumConnection(PoolEndpoint endpoint, ClientSettings settings, EventLoop loop, Events events, ClientTls tls) {
        super(endpoint, settings, loop, events);
        this.tls = tls;
    }

    @Override
    CompletableFuture<Void> open() {
        new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc(), endpoint.host(), endpoint.port()));
                        }
                        ch.pipeline().addLast(new FirstAnswer());
                        long idle = settings.idleTimeout().toMillis();
                        if (idle > 0) {
                            ch.pipeline().addLast(new IdleStateHandler(idle, 0, 0, TimeUnit.MILLISECONDS));
                        }
                        ch.pipeline()
                                .addLast(new JsonFrameDecoder(MAX_FRAME))
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

    /**
     * Looks at the pool's first bytes, then steps aside: on a stratum+tcp:// URL, a TLS record there
     * (a TLS port that answered the login with an alert) is named as such, not read as garbage.
     */
    private final class FirstAnswer extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            heardFromPool = true;
            ctx.pipeline().remove(this);
            if (tls == null && looksLikeTlsRecord((ByteBuf) msg)) {
                ReferenceCountUtil.release(msg);
                ready.completeExceptionally(new IllegalStateException(
                        "the pool answered in TLS: this port speaks TLS; connect with stratum+ssl://" + endpoint.host() + ":" + endpoint.port()));
                close();
                return;
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** A TLS record starts with its content type (20 to 23: change cipher spec, alert, handshake, data) and major version 3. */
    private static boolean looksLikeTlsRecord(ByteBuf bytes) {
        int at = bytes.readerIndex();
        if (bytes.readableBytes() < 2) {
            return false;
        }
        int type = bytes.getUnsignedByte(at);
        return type >= 20 && type <= 23 && bytes.getUnsignedByte(at + 1) == 3;
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

        /**
         * The login's reply. The job usually comes with it; btc.com's pool sends it next, in a
         * reply of its own (see {@link #channelRead0}), so a reply without one waits for it.
         */
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
            }
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, StratumFrame frame) {
            if (frame instanceof UnreadableFrame unreadable) {
                LOG.warn("{}: skipped something that is not a stratum message ({}): {}", endpoint,
                        Text.printable(unreadable.reason()), Text.printable(unreadable.text(), 200));
                return;
            }
            StratumMessage message = (StratumMessage) frame;
            if (message.isRequest()) {
                if (message.method().equals("job")) {
                    newJob(message.params());
                } else {
                    LOG.warn("{}: skipped unknown method '{}'", endpoint, Text.printable(message.method()));
                }
                return;
            }
            Pending request = message.id() != null && message.id().canConvertToLong() ? pending.remove(message.id().asLong()) : null;
            if (request != null) {
                request.onReply().accept(message);
            } else if (message.result() != null && message.result().hasNonNull("job")) {
                // btc.com's pool sends the first job as a reply under id 1, after the login's own reply.
                if (loginId == null && message.result().hasNonNull("id")) {
                    loginId = message.result().get("id").asText();
                }
                newJob(message.result().get("job"));
            } else {
                LOG.warn("{}: skipped a reply to no request of ours: {}", endpoint, Text.printable(message.encode(), 200));
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
                ready.completeExceptionally(new IllegalStateException(ClientTls.explain(handshake.cause())));
                close();
            } else if (event instanceof IdleStateEvent) {
                LOG.warn("{}: nothing received for {} s, reconnecting", endpoint, settings.idleTimeout().toSeconds());
                ctx.close();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            String likely = likelyReason();
            for (Pending p : List.copyOf(pending.values())) {
                p.onLost().run();
            }
            pending.clear();
            for (HeldRefusal refusal : List.copyOf(held)) {
                refusal.reply().complete(SubmitResult.rejected(refusal.reason(), refusal.rttMillis()));
            }
            held.clear();
            if (!ready.isDone()) {
                ready.completeExceptionally(new IllegalStateException("connection closed before the first job" + likely));
            } else if (!closing) {
                events.lost(StratumConnection.this, "connection closed by the pool" + likely);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (ready.isCompletedExceptionally()) {
                close(); // already said why (a failed TLS handshake also ends up here)
                return;
            }
            LOG.warn("{}: {}, closing", endpoint, Text.printable(cause.toString()));
            ctx.close();
        }
    }

    /**
     * Why a pool may have closed the connection, from what was waiting for a reply: pools close
     * without a word on a ban or a login they refuse, and btmcpool also on a submit naming another
     * worker.
     */
    private String likelyReason() {
        boolean login = pending.values().stream().anyMatch(p -> p.method().equals("login"));
        boolean submit = pending.values().stream().anyMatch(p -> p.method().equals("submit"));
        if (login && !heardFromPool && tls == null) {
            return " right after the login, without a word: the pool may refuse this login, or have banned this worker;"
                    + " or this port speaks TLS, then connect with stratum+ssl://" + endpoint.host() + ":" + endpoint.port();
        }
        if (login) {
            return " right after the login: the pool may refuse this login, or have banned this worker";
        }
        if (submit) {
            return " right after a submit: the pool may have banned this worker for too many bad shares"
                    + " (btmcpool bans for 20 minutes after 100 submits with half of them rejected), or refused its worker id";
        }
        return "";
    }

    private void newJob(JsonNode json) {
        Job parsed;
        try {
            parsed = Job.fromJson(json);
        } catch (IllegalArgumentException e) {
            LOG.warn("{}: skipped a job that cannot be mined: {}", endpoint, Text.printable(e.getMessage()));
            return;
        }
        jobArrived(parsed);
        for (Iterator<HeldRefusal> it = held.iterator(); it.hasNext(); ) {
            HeldRefusal refusal = it.next();
            if (blockMovedOn(refusal.job())) {
                it.remove();
                refusal.reply().complete(stale(refusal.reason()));
            }
        }
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
        long id = request("submit", params, answer -> {
            long rtt = (System.nanoTime() - sent) / 1_000_000;
            if (answer.isSuccess()) {
                reply.complete(SubmitResult.accepted(rtt));
            } else {
                refused(share.job(), reply, describe(answer), rtt);
            }
        }, () -> reply.complete(SubmitResult.lost("connection closed before the reply")));
        ScheduledFuture<?> timeout = loop.schedule(() -> {
            if (pending.remove(id) != null) {
                reply.complete(SubmitResult.lost("no reply within " + settings.submitTimeout().toSeconds() + " s"));
            }
        }, settings.submitTimeout().toMillis(), TimeUnit.MILLISECONDS);
        reply.whenComplete((result, error) -> timeout.cancel(false));
    }

    /**
     * A share refused. Where the pool's words are those it uses for a share of a block gone by
     * (btmcpool's {@code 32 Invalid Submit Format}, {@code stratum/btmc/handler.go:138-154}; btc.com's
     * {@code Block expired}), and the block has moved on since the share was sent, it is stale, as
     * the node's "block changed" is: the share was good when it left. The miner's submits are well
     * formed, so a 32 means nothing else. Where no new block has come yet, the verdict waits
     * {@link #STALE_GRACE_MILLIS} for one.
     */
    private void refused(Job job, CompletableFuture<SubmitResult> reply, String reason, long rtt) {
        RejectReason category = RejectReason.of(reason);
        if (category != RejectReason.MALFORMED && category != RejectReason.STALE) {
            reply.complete(SubmitResult.rejected(reason, rtt));
        } else if (blockMovedOn(job)) {
            reply.complete(stale(reason));
        } else {
            HeldRefusal refusal = new HeldRefusal(job, reply, reason, rtt);
            held.add(refusal);
            loop.schedule(() -> {
                if (held.remove(refusal)) {
                    reply.complete(SubmitResult.rejected(reason, rtt));
                }
            }, STALE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Whether the newest job is of another block than this one: another height or previous block. */
    private boolean blockMovedOn(Job job) {
        Job current = currentJob();
        return current.height() != job.height() || !current.template().previousBlockHash().equals(job.template().previousBlockHash());
    }

    private static SubmitResult stale(String poolSaid) {
        return SubmitResult.stale("the pool's block moved on while the share was on its way (" + poolSaid + ")");
    }

    /** Sends a request and remembers it under its id until its reply; returns the id. */
    private long request(String method, JsonNode params, Consumer<StratumMessage> onReply, Runnable onLost) {
        long id = nextId++;
        pending.put(id, new Pending(method, onReply, onLost));
        channel.writeAndFlush(StratumMessage.request(id, method, params));
        return id;
    }

    /** A rejection as the pool put it: its message and code, whichever style it uses. */
    private static String describe(StratumMessage reply) {
        StratumError error = reply.error();
        if (error != null) {
            return error.toString();
        }
        return "result " + reply.result();
    }

    @Override
    void close() {
        closing = true;
        if (channel != null) {
            channel.close();
        }
    }
}

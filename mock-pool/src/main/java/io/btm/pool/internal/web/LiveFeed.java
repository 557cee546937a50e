package io.btm.pool.internal.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.btm.core.http.HttpJson;
import io.btm.pool.internal.control.PoolControl;
import io.btm.pool.internal.json.PoolJson;
import io.btm.pool.internal.metrics.PoolMetrics;
import io.btm.pool.model.ProtocolEvent;
import io.btm.pool.model.SessionInfo;
import io.btm.pool.model.ShareRecord;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The live page's feed, {@code GET /api/live}: server-sent events, one snapshot of the pool a
 * second, the same for every page. At most {@link #MAX_CLIENTS} pages listen at once (one more is
 * a 503), a page that reads slower than the feed comes misses snapshots instead of queueing them
 * (its channel is not writable), and a snapshot holds a bounded tail of the record: what a peer
 * does never grows what the feed keeps. Ticks run on one event loop and only read.
 */
public final class LiveFeed implements AutoCloseable {
    public static final int MAX_CLIENTS = 8;
    /** Share records and events in a snapshot's tail of the trace. */
    static final int TAIL = 200;
    /** Accepted shares a session's effective hashrate is worked out from, at most. */
    private static final int RATE_SHARES = 5_000;
    private static final Duration RATE_WINDOW = Duration.ofSeconds(60);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final PoolControl pool;
    private final ChannelGroup clients;
    private final ScheduledFuture<?> ticks;
    private final Instant started = Instant.now();

    public LiveFeed(PoolControl pool, EventExecutor loop) {
        this.pool = pool;
        this.clients = new DefaultChannelGroup("live-page", loop);
        this.ticks = loop.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /** Answers a page's request with the event stream's head and the current snapshot, or a 503 when the feed is full. */
    void subscribe(ChannelHandlerContext ctx) {
        if (clients.size() >= MAX_CLIENTS) {
            HttpJson.respond(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE,
                    NODES.objectNode().put("error", MAX_CLIENTS + " pages are already listening"));
            return;
        }
        // The page sends nothing after its request: the read timeout would close a healthy stream.
        if (ctx.pipeline().get(IdleStateHandler.class) != null) {
            ctx.pipeline().remove(IdleStateHandler.class);
        }
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        HttpUtil.setTransferEncodingChunked(head, true);
        ctx.write(head);
        ctx.writeAndFlush(new DefaultHttpContent(event(snapshot())));
        clients.add(ctx.channel()); // a closed channel leaves the group by itself
    }

    private void tick() {
        if (clients.isEmpty()) {
            return;
        }
        ByteBuf frame = event(snapshot());
        try {
            for (Channel client : clients) {
                if (client.isWritable()) {
                    client.writeAndFlush(new DefaultHttpContent(frame.retainedDuplicate()));
                }
            }
        } finally {
            frame.release();
        }
    }

    private static ByteBuf event(ObjectNode snapshot) {
        return Unpooled.wrappedBuffer(("data: " + snapshot + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    /** What the page shows, as of now; see the README's live page section. */
    ObjectNode snapshot() {
        Instant now = Instant.now();
        ObjectNode node = NODES.objectNode().put("time", now.toEpochMilli());
        node.set("stats", PoolJson.stats(pool.stats()));
        PoolMetrics metrics = pool.metrics();
        node.put("job_switches", metrics.jobSwitches()).put("faults_injected", metrics.faultsInjected());
        PoolMetrics.FirstShares first = metrics.firstShares();
        node.putObject("first_shares").put("count", first.count()).put("seconds", first.seconds());
        Map<Long, Long> accepted = acceptedSince(now.minus(RATE_WINDOW));
        double window = Math.max(1, Math.min(RATE_WINDOW.toSeconds(), Duration.between(started, now).toSeconds()));
        ArrayNode sessions = node.putArray("sessions");
        for (SessionInfo session : pool.sessions()) {
            double difficulty = session.target().displayDifficulty();
            double hashrate = Double.isFinite(difficulty) ? accepted.getOrDefault(session.id(), 0L) * difficulty / window : 0;
            sessions.add(PoolJson.session(session).put("hashrate", hashrate));
        }
        node.set("tail", tail());
        return node;
    }

    /** Accepted shares per session since this time, from the newest records. */
    private Map<Long, Long> acceptedSince(Instant since) {
        Map<Long, Long> bySession = new HashMap<>();
        for (ShareRecord record : pool.newestShares(RATE_SHARES)) {
            if (record.verdict().accepted() && record.time().isAfter(since)) {
                bySession.merge(record.session(), 1L, Long::sum);
            }
        }
        return bySession;
    }

    /** The newest shares and events, merged in time order, at most {@link #TAIL}. */
    private ArrayNode tail() {
        record Line(Instant time, ObjectNode json) {
        }
        List<Line> lines = new ArrayList<>();
        for (ShareRecord r : pool.newestShares(TAIL)) {
            String text = "job " + r.jobId() + " nonce " + r.nonce() + (r.flags().isEmpty() ? "" : " flags " + r.flags())
                    + (r.detail().isEmpty() ? "" : ": " + r.detail());
            lines.add(new Line(r.time(), line(r.time(), r.session(), r.worker(), "submit", r.verdict().label(), text)));
        }
        for (ProtocolEvent e : pool.newestEvents(TAIL)) {
            String text = e.detail() + (e.reaction() == null ? "" : " (" + e.reaction() + ")");
            lines.add(new Line(e.time(), line(e.time(), e.session(), e.worker(), e.method(), e.kind().label(), text)));
        }
        lines.sort(Comparator.comparing(Line::time));
        ArrayNode array = NODES.arrayNode();
        lines.subList(Math.max(0, lines.size() - TAIL), lines.size()).forEach(l -> array.add(l.json()));
        return array;
    }

    private static ObjectNode line(Instant time, long session, String worker, String method, String kind, String text) {
        return NODES.objectNode().put("time", time.toEpochMilli()).put("session", session).put("worker", worker)
                .put("method", method).put("kind", kind).put("text", text);
    }

    @Override
    public void close() {
        ticks.cancel(false);
        clients.close();
    }
}

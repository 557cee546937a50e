package io.btm.miner.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.btm.core.difficulty.Difficulty;
import io.btm.core.difficulty.ShareTarget;
import io.btm.core.node.NodeWork;
import io.btm.core.stratum.Job;
import io.btm.core.util.Text;
import io.btm.miner.share.FoundShare;
import io.btm.miner.share.SubmitResult;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Solo mining on a Bytom node (docs/stratum-btm.md, docs/bytom-node.md): polls
 * {@code /get-work-json} and starts over when the height or previous hash changes; a nonce whose
 * result meets the bits goes to {@code /submit-work-json}. As the node's own miner does, it asks
 * for new work as soon as a block is accepted, and a solution the node no longer wants because its
 * pending block changed counts as stale, not rejected. The share target is the network target.
 * HTTP replies arrive on the client's threads and are handed to the event loop, which owns all
 * state.
 */
final class NodeConnection extends PoolConnection {
    private static final Logger LOG = LoggerFactory.getLogger(NodeConnection.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** bytomd's {@code error_detail} for a solution of a block it no longer mines (docs/bytom-node.md). */
    static final String BLOCK_CHANGED = "pending mining block has been changed";

    private final HttpClient http;
    private ScheduledFuture<?> nextPoll;
    private boolean polling;
    private boolean closing;

    NodeConnection(PoolEndpoint endpoint, ClientSettings settings, EventLoop loop, Events events, HttpClient http) {
        super(endpoint, settings, loop, events);
        this.http = http;
    }

    @Override
    CompletableFuture<Void> open() {
        poll();
        return ready;
    }

    /** Asks for work now, unless a request is already out; the next one is scheduled when it answers. */
    private void poll() {
        if (closing || polling) {
            return;
        }
        polling = true;
        if (nextPoll != null) {
            nextPoll.cancel(false);
        }
        call("/get-work-json", "{}", reply -> {
            polling = false;
            if (closing) {
                return;
            }
            if (reply.failure() != null) {
                if (!ready.isDone()) {
                    ready.completeExceptionally(new IllegalStateException("get-work: " + reply.failure()));
                } else {
                    closing = true;
                    events.lost(this, "get-work: " + reply.failure());
                }
                return;
            }
            try {
                NodeWork work = NodeWork.fromJson(reply.data());
                Job job = currentJob();
                if (job == null || job.height() != work.header().height()
                        || !job.template().previousBlockHash().equals(work.header().previousBlockHash())) {
                    jobArrived(new Job(work.header().height() + "-" + work.header().previousBlockHash().hex().substring(0, 16),
                            work.header(), work.seed(), ShareTarget.of(Difficulty.compactToBig(work.header().bits()))));
                }
            } catch (IllegalArgumentException e) {
                if (!ready.isDone()) {
                    ready.completeExceptionally(new IllegalStateException("get-work: " + e.getMessage()));
                    return;
                }
                LOG.warn("{}: skipped work that cannot be mined: {}", endpoint, Text.printable(e.getMessage()));
            }
            nextPoll = loop.schedule(this::poll, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    @Override
    void submit(FoundShare share, CompletableFuture<SubmitResult> result) {
        long sent = System.nanoTime();
        String body = NodeWork.submission(share.job().template().withNonce(share.nonce())).toString();
        call("/submit-work-json", body, reply -> {
            long rtt = (System.nanoTime() - sent) / 1_000_000;
            if (reply.transportFailed()) {
                result.complete(SubmitResult.lost(reply.failure()));
            } else if (reply.failure() == null) {
                result.complete(reply.data().asBoolean(false) ? SubmitResult.accepted(rtt) : SubmitResult.rejected("data " + reply.data(), rtt));
                poll(); // a block is in: the node's next block is new work, so ask for it now
            } else if (reply.failure().contains(BLOCK_CHANGED)) {
                result.complete(SubmitResult.stale("the node's block changed first (" + reply.failure() + ")"));
                poll();
            } else {
                result.complete(SubmitResult.rejected(reply.failure(), rtt));
            }
        });
    }

    /**
     * What the node said: its {@code data}, or why there is none: no connection (a transport
     * failure), an HTTP error, or the node's refusal as its {@code error_detail} says it.
     */
    private record NodeReply(JsonNode data, String failure, boolean transportFailed) {
    }

    /** POSTs to the node; hands its reply over on the event loop. */
    private void call(String path, String body, Consumer<NodeReply> then) {
        HttpRequest request = HttpRequest.newBuilder(endpoint.nodeUri(path)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            NodeReply reply = error != null
                    ? new NodeReply(null, (error.getCause() != null ? error.getCause() : error).toString(), true)
                    : read(response);
            loop.execute(() -> then.accept(reply));
        });
    }

    /**
     * {@code {"status":"success","data":…}}, or {@code {"status":"fail","code":"BTM000","msg":"Bytom API Error",
     * "error_detail":…}}: {@code msg} is the same for every failure, the reason is in {@code error_detail}.
     */
    private static NodeReply read(HttpResponse<String> response) {
        try {
            JsonNode reply = JSON.readTree(response.body());
            if ("success".equals(reply.path("status").asText())) {
                return new NodeReply(reply.path("data"), null, false);
            }
            String detail = reply.path("error_detail").asText("");
            String message = reply.path("msg").asText("HTTP " + response.statusCode());
            String code = reply.path("code").asText("");
            return new NodeReply(null, (detail.isEmpty() ? message : detail) + (code.isEmpty() ? "" : " (" + code + ")"), false);
        } catch (IOException e) {
            return new NodeReply(null, "HTTP " + response.statusCode() + ", not JSON", false);
        }
    }

    @Override
    void close() {
        closing = true;
        if (nextPoll != null) {
            nextPoll.cancel(false);
        }
    }
}

package io.btm.miner.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.btm.core.difficulty.Difficulty;
import io.btm.core.difficulty.ShareTarget;
import io.btm.core.node.NodeWork;
import io.btm.core.stratum.Job;
import io.btm.miner.share.FoundShare;
import io.btm.miner.share.SubmitResult;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Solo mining on a Bytom node (docs/stratum-btm.md): polls {@code /get-work-json} and starts over when
 * the height or previous hash changes, as the node's own miner does; a nonce whose result meets
 * the bits goes to {@code /submit-work-json}. The share target is the network target. HTTP
 * replies arrive on the client's threads and are handed to the event loop, which owns all state.
 */
final class NodeConnection extends PoolConnection {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private ScheduledFuture<?> nextPoll;
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

    private void poll() {
        call("/get-work-json", "{}", (data, failure) -> {
            if (closing) {
                return;
            }
            if (failure != null) {
                if (!ready.isDone()) {
                    ready.completeExceptionally(new IllegalStateException("get-work: " + failure));
                } else {
                    closing = true;
                    events.lost(this, "get-work: " + failure);
                }
                return;
            }
            try {
                NodeWork work = NodeWork.fromJson(data);
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
            }
            nextPoll = loop.schedule(this::poll, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        });
    }

    @Override
    void submit(FoundShare share, CompletableFuture<SubmitResult> reply) {
        long sent = System.nanoTime();
        String body = NodeWork.submission(share.job().template().withNonce(share.nonce())).toString();
        call("/submit-work-json", body, (data, failure) -> {
            long rtt = (System.nanoTime() - sent) / 1_000_000;
            if (failure != null) {
                reply.complete(SubmitResult.rejected(failure, rtt));
            } else {
                reply.complete(data.asBoolean(false) ? SubmitResult.accepted(rtt) : SubmitResult.rejected("data " + data, rtt));
            }
        });
    }

    /**
     * POSTs to the node; on the event loop, hands over the reply's {@code data}, or why there is
     * none: no connection, an HTTP error, or {@code {"status":"fail","msg":…}}.
     */
    private void call(String path, String body, BiConsumer<JsonNode, String> then) {
        HttpRequest request = HttpRequest.newBuilder(endpoint.nodeUri(path)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            JsonNode data = null;
            String failure = null;
            if (error != null) {
                failure = error.getCause() != null ? error.getCause().toString() : error.toString();
            } else {
                try {
                    JsonNode reply = JSON.readTree(response.body());
                    if ("success".equals(reply.path("status").asText())) {
                        data = reply.path("data");
                    } else {
                        failure = reply.path("msg").asText("HTTP " + response.statusCode() + " " + response.body());
                    }
                } catch (IOException e) {
                    failure = "HTTP " + response.statusCode() + ", not JSON";
                }
            }
            JsonNode finalData = data;
            String finalFailure = failure;
            loop.execute(() -> then.accept(finalData, finalFailure));
        });
    }

    @Override
    void close() {
        closing = true;
        if (nextPoll != null) {
            nextPoll.cancel(false);
        }
    }
}

package io.btm.pool.internal.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.btm.core.difficulty.ShareTarget;
import io.btm.core.http.HttpJson;
import io.btm.core.util.Bytes32;
import io.btm.core.util.Text;
import io.btm.pool.internal.json.PoolJson;
import io.btm.pool.model.Fault;
import io.btm.pool.model.PoolJob;
import io.btm.pool.model.ProtocolEvent;
import io.btm.pool.model.SessionInfo;
import io.btm.pool.model.ShareRecord;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The control API: JSON over HTTP for tests to read the pool's record and drive it. Every
 * operation only reads counters or queues writes, so it runs on the event loop directly.
 */
public final class ControlHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(ControlHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PoolControl pool;

    public ControlHandler(PoolControl pool) {
        this.pool = pool;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        JsonNode reply;
        HttpResponseStatus status = HttpResponseStatus.OK;
        try {
            reply = route(request.method(), HttpJson.path(request), HttpJson.body(request));
            if (reply == null) {
                status = HttpResponseStatus.NOT_FOUND;
                reply = error("no such endpoint: " + request.method() + " " + request.uri());
            }
        } catch (IllegalArgumentException e) {
            status = HttpResponseStatus.BAD_REQUEST;
            reply = error(e.getMessage());
        }
        HttpJson.respond(ctx, status, reply);
    }

    private JsonNode route(HttpMethod method, String path, JsonNode body) {
        String[] parts = path.split("/");
        if (parts.length < 3 || !parts[1].equals("api")) {
            return null;
        }
        if (method.equals(HttpMethod.GET)) {
            return switch (path) {
                case "/api/stats" -> PoolJson.stats(pool.stats());
                case "/api/shares" -> shares();
                case "/api/sessions" -> sessions();
                case "/api/events" -> events();
                default -> null;
            };
        }
        if (!method.equals(HttpMethod.POST)) {
            return null;
        }
        if (path.equals("/api/jobs")) {
            Body.onlyKeys(body, "height", "seed", "bits", "reissue");
            PoolJob job = Body.flag(body, "reissue") ? pool.reissueJob()
                    : pool.newJob(Body.height(body), optionalSeed(body), Body.uint64(body, "bits"));
            return ok().put("job_id", job.id()).put("height", job.height()).put("seed", job.seed().hex());
        }
        if (path.equals("/api/difficulty")) {
            Body.onlyKeys(body, "difficulty", "target", "reissue");
            ShareTarget sent = body.hasNonNull("target") ? pool.setTarget(hexTarget(body)) : pool.setDifficulty(difficulty(body));
            reissueIfAsked(body);
            return ok().put("target", sent.hex());
        }
        if (path.equals("/api/sessions/disconnect")) {
            pool.disconnectAll();
            return ok();
        }
        if (parts.length == 5 && parts[2].equals("sessions")) {
            long id = parseSessionId(parts[3]);
            switch (parts[4]) {
                case "disconnect" -> pool.disconnect(id);
                case "difficulty" -> {
                    Body.onlyKeys(body, "difficulty", "target", "reissue");
                    if (body.hasNonNull("target")) {
                        pool.setTarget(id, hexTarget(body));
                    } else {
                        pool.setDifficulty(id, difficulty(body));
                    }
                    if (Body.flag(body, "reissue")) {
                        pool.resendCurrentJob(id);
                    }
                }
                case "faults" -> faults(id, body);
                default -> {
                    return null;
                }
            }
            return ok();
        }
        return null;
    }

    /** Every fault of the body, each checked first: a typo or a wrong type is a 400 that names it, never a silent no-op. */
    private void faults(long session, JsonNode body) {
        Body.onlyKeys(body, "drop", "delay_ms", "malformed", "line", "judge_target", "old_job");
        if (body.isEmpty()) {
            throw new IllegalArgumentException("no fault given (drop, delay_ms, malformed, line, judge_target, old_job)");
        }
        List<Fault> faults = new ArrayList<>();
        if (body.has("drop")) {
            faults.add(new Fault.DropNext(Body.count(body, "drop")));
        }
        if (body.has("delay_ms")) {
            faults.add(new Fault.Delay(Duration.ofMillis(Body.count(body, "delay_ms"))));
        }
        if (Body.flag(body, "malformed")) {
            faults.add(new Fault.MalformedLine());
        }
        if (body.has("line")) {
            faults.add(new Fault.Line(Body.text(body, "line")));
        }
        if (body.has("judge_target")) {
            JsonNode target = body.get("judge_target");
            faults.add(new Fault.JudgeBy(target.isNull() ? null : ShareTarget.parseHex(Body.text(body, "judge_target"))));
        }
        if (Body.flag(body, "old_job")) {
            faults.add(new Fault.OldJob());
        }
        faults.forEach(fault -> pool.inject(session, fault));
    }

    /** A new target goes out with the next block, as on a real pool, unless {@code "reissue": true} sends the current one again now, under a new id. */
    private void reissueIfAsked(JsonNode body) {
        if (Body.flag(body, "reissue")) {
            pool.reissueJob();
        }
    }

    private static ShareTarget hexTarget(JsonNode body) {
        return ShareTarget.parseHex(Body.text(body, "target"));
    }

    private static BigInteger difficulty(JsonNode body) {
        if (!body.hasNonNull("difficulty")) {
            throw new IllegalArgumentException("expected {\"difficulty\": N} or {\"target\": \"hex\"}");
        }
        try {
            return new BigInteger(body.get("difficulty").asText());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("difficulty: not a whole number");
        }
    }

    private ArrayNode shares() {
        ArrayNode array = JSON.createArrayNode();
        for (ShareRecord record : pool.shares()) {
            array.add(PoolJson.record(record));
        }
        return array;
    }

    private ArrayNode events() {
        ArrayNode array = JSON.createArrayNode();
        for (ProtocolEvent event : pool.events()) {
            array.add(PoolJson.event(event));
        }
        return array;
    }

    private ArrayNode sessions() {
        ArrayNode array = JSON.createArrayNode();
        for (SessionInfo session : pool.sessions()) {
            array.add(PoolJson.session(session));
        }
        return array;
    }

    private static long parseSessionId(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("session id: not a number: " + text);
        }
    }

    private static Bytes32 optionalSeed(JsonNode body) {
        return body.hasNonNull("seed") ? Bytes32.fromHex("seed", Body.text(body, "seed")) : null;
    }

    private static ObjectNode ok() {
        return JSON.createObjectNode().put("status", "OK");
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("control API connection from {}: {}, closing", ctx.channel().remoteAddress(), Text.printable(cause.toString()));
        ctx.close();
    }
}

package io.btm.pool.internal.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.btm.core.difficulty.ShareTarget;
import io.btm.core.util.Bytes32;
import io.btm.pool.internal.http.HttpJson;
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
            PoolJob job = body.path("reissue").asBoolean(false) ? pool.reissueJob()
                    : pool.newJob(optionalLong(body, "height"), optionalSeed(body), optionalLong(body, "bits"));
            return ok().put("job_id", job.id()).put("height", job.height()).put("seed", job.seed().hex());
        }
        if (path.equals("/api/difficulty")) {
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
                    if (body.hasNonNull("target")) {
                        pool.setTarget(id, hexTarget(body));
                    } else {
                        pool.setDifficulty(id, difficulty(body));
                    }
                    reissueIfAsked(body);
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

    private void faults(long session, JsonNode body) {
        if (body.has("drop")) {
            pool.inject(session, new Fault.DropNext(body.get("drop").asInt()));
        }
        if (body.has("delay_ms")) {
            pool.inject(session, new Fault.Delay(Duration.ofMillis(body.get("delay_ms").asLong())));
        }
        if (body.path("malformed").asBoolean(false)) {
            pool.inject(session, new Fault.MalformedLine());
        }
        if (body.hasNonNull("line")) {
            pool.inject(session, new Fault.Line(body.get("line").asText()));
        }
        if (body.has("judge_target")) {
            JsonNode target = body.get("judge_target");
            pool.inject(session, new Fault.JudgeBy(target.isNull() ? null : ShareTarget.parseHex(target.asText())));
        }
        if (body.path("old_job").asBoolean(false)) {
            pool.inject(session, new Fault.OldJob());
        }
    }

    /** A new target goes out with the next block, as on a real pool, unless {@code "reissue": true} sends the current one again now. */
    private void reissueIfAsked(JsonNode body) {
        if (body.path("reissue").asBoolean(false)) {
            pool.reissueJob();
        }
    }

    private static ShareTarget hexTarget(JsonNode body) {
        return ShareTarget.parseHex(body.get("target").asText());
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

    private static Long optionalLong(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToLong()) {
            throw new IllegalArgumentException(field + ": expected an integer");
        }
        return value.asLong();
    }

    private static Bytes32 optionalSeed(JsonNode body) {
        return body.hasNonNull("seed") ? Bytes32.fromHex("seed", body.get("seed").asText()) : null;
    }

    private static ObjectNode ok() {
        return JSON.createObjectNode().put("status", "OK");
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("error", message);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("control API connection from {}: {}, closing", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}

package io.btm.pool.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.btm.core.difficulty.ShareTarget;
import io.btm.core.util.Bytes32;
import io.btm.pool.MockPool;
import io.btm.pool.http.HttpJson;
import io.btm.pool.jobs.PoolJob;
import io.btm.pool.record.ShareBook;
import io.btm.pool.record.ShareRecord;
import io.btm.pool.stratum.Session;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;

import java.math.BigInteger;

/**
 * The control API: JSON over HTTP for tests to read the pool's record and drive it. Every
 * operation only reads counters or queues writes, so it runs on the event loop directly.
 */
public final class ControlHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockPool pool;

    public ControlHandler(MockPool pool) {
        this.pool = pool;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        JsonNode reply;
        HttpResponseStatus status = HttpResponseStatus.OK;
        try {
            reply = route(request.method(), request.uri().replaceFirst("\\?.*$", ""), HttpJson.body(request));
            if (reply == null) {
                status = HttpResponseStatus.NOT_FOUND;
                reply = error("no such endpoint: " + request.method() + " " + request.uri());
            }
        } catch (IllegalArgumentException e) {
            status = HttpResponseStatus.BAD_REQUEST;
            reply = error(e.getMessage());
        }
        HttpJson.respond(ctx, HttpUtil.isKeepAlive(request), status, reply);
    }

    private JsonNode route(HttpMethod method, String path, JsonNode body) {
        String[] parts = path.replaceAll("/+$", "").split("/");
        if (parts.length < 3 || !parts[1].equals("api")) {
            return null;
        }
        if (method.equals(HttpMethod.GET)) {
            return switch (path) {
                case "/api/stats" -> pool.stats();
                case "/api/shares" -> shares();
                case "/api/sessions" -> sessions();
                default -> null;
            };
        }
        if (!method.equals(HttpMethod.POST)) {
            return null;
        }
        if (path.equals("/api/jobs")) {
            PoolJob job = pool.newJob(optionalLong(body, "height"), optionalSeed(body), optionalLong(body, "bits"));
            return ok().put("job_id", job.id()).put("height", job.height()).put("seed", job.seed().hex());
        }
        if (path.equals("/api/difficulty")) {
            pool.setTarget(target(body));
            return ok().put("target", pool.target().hex());
        }
        if (path.equals("/api/sessions/disconnect")) {
            pool.disconnectAll();
            return ok();
        }
        if (parts.length == 5 && parts[2].equals("sessions")) {
            long id = parseSessionId(parts[3]);
            switch (parts[4]) {
                case "disconnect" -> pool.disconnect(id);
                case "difficulty" -> pool.setTarget(id, target(body));
                case "faults" -> faults(pool.requireSession(id), body);
                default -> {
                    return null;
                }
            }
            return ok();
        }
        return null;
    }

    private void faults(Session session, JsonNode body) {
        if (body.has("drop")) {
            session.dropNext(body.get("drop").asInt());
        }
        if (body.has("delay_ms")) {
            session.delayReplies(body.get("delay_ms").asLong());
        }
        if (body.path("malformed").asBoolean(false)) {
            session.sendMalformedLine();
        }
        if (body.hasNonNull("judge_target")) {
            session.judgeBy(ShareTarget.parseHex(body.get("judge_target").asText()));
        }
        if (body.path("old_job").asBoolean(false)) {
            pool.resendOldJob(session.id());
        }
    }

    private ShareTarget target(JsonNode body) {
        if (body.hasNonNull("target")) {
            return ShareTarget.parseHex(body.get("target").asText());
        }
        if (body.hasNonNull("difficulty")) {
            try {
                return ShareTarget.fromDifficulty(new BigInteger(body.get("difficulty").asText()), pool.dialect().diff1());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("difficulty: not a whole number");
            }
        }
        throw new IllegalArgumentException("expected {\"difficulty\": N} or {\"target\": \"hex\"}");
    }

    private ArrayNode shares() {
        ArrayNode array = JSON.createArrayNode();
        for (ShareRecord record : pool.shares()) {
            array.add(ShareBook.toJson(record));
        }
        return array;
    }

    private ArrayNode sessions() {
        ArrayNode array = JSON.createArrayNode();
        for (Session s : pool.sessions()) {
            array.addObject().put("id", s.id()).put("login", s.login()).put("remote", s.remoteAddress())
                    .put("nonce_start", String.format("%016x", s.nonceStart())).put("target", pool.targetOf(s).hex());
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
        ctx.close();
    }
}

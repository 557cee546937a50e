package io.btm.pool.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.btm.core.difficulty.ShareTarget;
import io.btm.core.node.NodeWork;
import io.btm.core.stratum.Job;
import io.btm.core.util.Bytes32;
import io.btm.pool.model.Dialect;
import io.btm.pool.model.PoolJob;
import io.btm.pool.model.PoolStats;
import io.btm.pool.model.ProtocolEvent;
import io.btm.pool.model.SessionInfo;
import io.btm.pool.model.ShareFlag;
import io.btm.pool.model.ShareRecord;
import io.btm.pool.model.Verdict;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The pool's value types as JSON, both ways: one spelling for the control API, the share log and
 * the control API's client.
 */
public final class PoolJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PoolJson() {
    }

    /** A share record, as {@code GET /api/shares} lists it and the share log writes it. */
    public static ObjectNode record(ShareRecord r) {
        ObjectNode node = NODES.objectNode();
        node.put("time", r.time().toString());
        node.put("session", r.session());
        node.put("worker", r.worker());
        node.put("job_id", r.jobId());
        node.put("nonce", r.nonce());
        node.put("result", r.result());
        node.put("verdict", r.verdict().label());
        node.put("detail", r.detail());
        node.put("micros", r.micros());
        ArrayNode flags = node.putArray("flags");
        r.flags().stream().sorted().forEach(flag -> flags.add(flag.label()));
        return node;
    }

    public static ObjectNode event(ProtocolEvent e) {
        return NODES.objectNode().put("time", e.time().toString()).put("session", e.session()).put("worker", e.worker())
                .put("kind", e.kind().label()).put("method", e.method()).put("reaction", e.reaction()).put("detail", e.detail());
    }

    /**
     * {@code {"sessions":N,"shares":{"accepted":N,"blocks":N,"rejected":{label:N},"flagged":{label:N}},
     * "events":{kind:N},"job":{…},"dialect":…,"uptime_s":N}}.
     */
    public static ObjectNode stats(PoolStats stats) {
        ObjectNode node = NODES.objectNode();
        node.put("sessions", stats.sessions());
        ObjectNode shares = node.putObject("shares");
        shares.put("accepted", stats.accepted());
        shares.put("blocks", stats.blocks());
        ObjectNode rejected = shares.putObject("rejected");
        for (Verdict v : Verdict.values()) {
            if (!v.accepted()) {
                rejected.put(v.label(), stats.rejected().getOrDefault(v, 0L));
            }
        }
        ObjectNode flagged = shares.putObject("flagged");
        for (ShareFlag f : ShareFlag.values()) {
            flagged.put(f.label(), stats.flagged().getOrDefault(f, 0L));
        }
        node.put("share_log_failures", stats.shareLogFailures());
        ObjectNode events = node.putObject("events");
        for (ProtocolEvent.Kind kind : ProtocolEvent.Kind.values()) {
            events.put(kind.label(), stats.events().getOrDefault(kind, 0L));
        }
        PoolJob job = stats.job();
        ObjectNode jobNode = node.putObject("job").put("id", job.id()).put("height", job.height()).put("seed", job.seed().hex())
                .put("bits", job.template().bits()).put("target", stats.target().hex());
        jobNode.set("template", NodeWork.headerToJson(job.template()));
        node.put("dialect", stats.dialect().label());
        node.put("uptime_s", stats.uptime().toSeconds());
        return node;
    }

    public static ObjectNode session(SessionInfo s) {
        return NODES.objectNode().put("id", s.id()).put("login", s.login()).put("remote", s.remote())
                .put("nonce_start", Job.formatNonce(s.nonceStart())).put("target", s.target().hex())
                .put("jobs_remembered", s.jobsRemembered());
    }

    public static ShareRecord readRecord(JsonNode node) {
        Set<ShareFlag> flags = EnumSet.noneOf(ShareFlag.class);
        node.path("flags").forEach(flag -> flags.add(ShareFlag.parse(flag.asText())));
        return new ShareRecord(Instant.parse(node.get("time").asText()), node.get("session").asLong(), text(node, "worker"),
                text(node, "job_id"), text(node, "nonce"), text(node, "result"), Verdict.parse(node.get("verdict").asText()),
                text(node, "detail"), node.get("micros").asLong(), flags);
    }

    public static ProtocolEvent readEvent(JsonNode node) {
        return new ProtocolEvent(Instant.parse(node.get("time").asText()), node.get("session").asLong(), text(node, "worker"),
                ProtocolEvent.Kind.parse(node.get("kind").asText()), text(node, "method"), text(node, "reaction"), text(node, "detail"));
    }

    public static SessionInfo readSession(JsonNode node) {
        return new SessionInfo(node.get("id").asLong(), text(node, "login"), text(node, "remote"),
                Long.parseUnsignedLong(node.get("nonce_start").asText(), 16), ShareTarget.parseHex(node.get("target").asText()),
                node.get("jobs_remembered").asInt());
    }

    public static PoolStats readStats(JsonNode node) {
        JsonNode shares = node.get("shares");
        JsonNode job = node.get("job");
        PoolJob current = new PoolJob(job.get("id").asText(), NodeWork.headerFromJson(job.get("template")),
                Bytes32.fromHex("seed", job.get("seed").asText()));
        return new PoolStats(node.get("sessions").asInt(), shares.get("accepted").asLong(), shares.get("blocks").asLong(),
                counts(shares.get("rejected"), Verdict.class, Verdict::parse), counts(shares.get("flagged"), ShareFlag.class, ShareFlag::parse),
                counts(node.get("events"), ProtocolEvent.Kind.class, ProtocolEvent.Kind::parse), node.path("share_log_failures").asLong(), current,
                ShareTarget.parseHex(job.get("target").asText()), Dialect.parse(node.get("dialect").asText()),
                Duration.ofSeconds(node.get("uptime_s").asLong()));
    }

    private static <E extends Enum<E>> Map<E, Long> counts(JsonNode node, Class<E> type, Function<String, E> parse) {
        Map<E, Long> counts = new EnumMap<>(type);
        node.fields().forEachRemaining(e -> counts.put(parse.apply(e.getKey()), e.getValue().asLong()));
        return counts;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}

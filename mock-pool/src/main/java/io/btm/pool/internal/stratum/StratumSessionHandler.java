package io.btm.pool.internal.stratum;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.btm.core.stratum.Job;
import io.btm.core.stratum.StratumFrame;
import io.btm.core.stratum.StratumMessage;
import io.btm.core.stratum.UnreadableFrame;
import io.btm.pool.internal.dialect.DialectRules;
import io.btm.pool.model.Verdict;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One miner connection's protocol: login, submit, getjob, keepalived. Runs on the connection's
 * event loop and never blocks it: share hashing goes to the pool's validation workers.
 */
final class StratumSessionHandler extends SimpleChannelInboundHandler<StratumFrame> {
    private static final Logger LOG = LoggerFactory.getLogger(StratumSessionHandler.class);

    private final StratumService pool;
    private Session session;

    StratumSessionHandler(StratumService pool) {
        this.pool = pool;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        session = pool.open(ctx.channel());
        if (session == null) {
            LOG.warn("connection limit reached, closing {}", ctx.channel().remoteAddress());
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (session != null) {
            pool.closed(session);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, StratumFrame frame) {
        if (session == null) {
            return;
        }
        if (frame instanceof UnreadableFrame unreadable) {
            pool.reject(session, null, Verdict.MALFORMED, "line: " + unreadable.reason());
            return;
        }
        StratumMessage message = (StratumMessage) frame;
        if (!message.isRequest()) {
            pool.reject(session, message.id(), Verdict.MALFORMED, "a reply where a request was expected");
            return;
        }
        DialectRules dialect = pool.rules();
        switch (message.method()) {
            case "login" -> login(message);
            case "submit" -> submit(message);
            case "getjob", "getwork" -> {
                if (session.login() == null) {
                    pool.reject(session, message.id(), Verdict.UNAUTHORIZED, message.method() + " before login");
                } else {
                    session.send(StratumMessage.reply(message.id(), pool.jobFor(session).toJson()));
                }
            }
            case "keepalived" -> session.send(StratumMessage.reply(message.id(), StratumMessage.object().put("status", "KEEPALIVED")));
            default -> session.send(StratumMessage.error(message.id(), dialect.error(DialectRules.UNSUPPORTED_METHOD)));
        }
    }

    private void submit(StratumMessage message) {
        long arrival = System.nanoTime();
        if (session.login() == null) {
            pool.reject(session, message.id(), Verdict.UNAUTHORIZED, "submit before login");
            return;
        }
        SubmitParams params = SubmitParams.from(message.params());
        if (params == null) {
            pool.reject(session, message.id(), Verdict.MALFORMED, "params: expected an object");
            return;
        }
        pool.submit(session, message.id(), params, arrival);
    }

    private void login(StratumMessage message) {
        JsonNode worker = message.params() == null ? null : message.params().get("login");
        if (worker == null || !worker.isTextual() || worker.asText().isBlank()) {
            pool.reject(session, message.id(), Verdict.MALFORMED, "login: params.login missing");
            return;
        }
        if (session.login() != null) {
            session.send(StratumMessage.error(message.id(), pool.rules().error(DialectRules.MULTIPLE_AUTHORIZATION)));
            return;
        }
        session.login(worker.asText());
        Job job = pool.jobFor(session);
        session.remember(job);
        ObjectNode result = StratumMessage.object().put("id", session.loginId());
        result.set("job", job.toJson());
        result.put("status", "OK");
        session.send(StratumMessage.reply(message.id(), result));
        LOG.info("session {} logged in as {} from {}", session.id(), session.login(), session.remoteAddress());
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            LOG.info("session {} idle, closing", session == null ? "-" : session.id());
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String id = session == null ? "-" : Long.toString(session.id());
        if (cause instanceof TooLongFrameException) {
            LOG.warn("session {}: line over the limit, closing ({})", id, cause.getMessage());
        } else {
            LOG.warn("session {}: {}, closing", id, cause.toString());
        }
        ctx.close();
    }
}

package io.btm.pool.stratum;

import com.fasterxml.jackson.databind.JsonNode;
import io.btm.core.stratum.StratumMessage;
import io.btm.pool.MockPool;
import io.btm.pool.validation.Verdict;
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
public final class StratumSessionHandler extends SimpleChannelInboundHandler<String> {
    private static final Logger LOG = LoggerFactory.getLogger(StratumSessionHandler.class);

    private final MockPool pool;
    private Session session;

    public StratumSessionHandler(MockPool pool) {
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
    protected void channelRead0(ChannelHandlerContext ctx, String line) {
        if (line.isBlank() || session == null) {
            return;
        }
        StratumMessage message;
        try {
            message = StratumMessage.parse(line);
        } catch (IllegalArgumentException e) {
            pool.reject(session, null, Verdict.MALFORMED, "line: " + e.getMessage());
            return;
        }
        if (!message.isRequest()) {
            pool.reject(session, message.id(), Verdict.MALFORMED, "a reply where a request was expected");
            return;
        }
        switch (message.method()) {
            case "login" -> login(message);
            case "submit" -> pool.submit(session, message, System.nanoTime());
            case "getjob", "getwork" -> {
                if (session.login() == null) {
                    pool.reject(session, message.id(), Verdict.UNAUTHORIZED, message.method() + " before login");
                } else {
                    session.send(StratumMessage.reply(message.id(), pool.jobFor(session).toJson()));
                }
            }
            case "keepalived" -> session.send(StratumMessage.reply(message.id(), StratumMessage.object().put("status", "KEEPALIVED")));
            default -> session.send(StratumMessage.error(message.id(), pool.dialect().error(Dialect.UNSUPPORTED_METHOD)));
        }
    }

    private void login(StratumMessage message) {
        JsonNode worker = message.params() == null ? null : message.params().get("login");
        if (worker == null || !worker.isTextual() || worker.asText().isBlank()) {
            pool.reject(session, message.id(), Verdict.MALFORMED, "login: params.login missing");
            return;
        }
        if (session.login() != null) {
            session.send(StratumMessage.error(message.id(), pool.dialect().error(Dialect.MULTIPLE_AUTHORIZATION)));
            return;
        }
        session.login(worker.asText());
        var job = pool.jobFor(session);
        session.remember(job);
        session.send(StratumMessage.reply(message.id(), StratumMessage.object()
                .put("id", session.loginId()).<com.fasterxml.jackson.databind.node.ObjectNode>set("job", job.toJson())
                .put("status", "OK")));
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
        if (cause instanceof TooLongFrameException) {
            LOG.warn("session {}: line over the limit, closing ({})", session == null ? "-" : session.id(), cause.getMessage());
        } else {
            LOG.warn("session {}: {}, closing", session == null ? "-" : session.id(), cause.toString());
        }
        ctx.close();
    }
}

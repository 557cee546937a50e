package io.btm.pool.internal.stratum;

import io.btm.core.stratum.StratumFrame;
import io.btm.core.stratum.StratumMessage;
import io.btm.core.stratum.UnreadableFrame;
import io.btm.core.util.Text;
import io.btm.pool.internal.dialect.DialectRules;
import io.btm.pool.internal.dialect.Reaction;
import io.btm.pool.internal.trace.TraceHandler;
import io.btm.pool.model.ProtocolEvent.Kind;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLHandshakeException;

/**
 * One miner connection's protocol, as the dialect's pool speaks it: login and submit go to the
 * pool, every other request gets the dialect's reaction. Runs on the connection's event loop and
 * never blocks it: share hashing goes to the pool's validation workers.
 */
final class StratumSessionHandler extends SimpleChannelInboundHandler<StratumFrame> {
    private static final Logger LOG = LoggerFactory.getLogger(StratumSessionHandler.class);

    private final StratumService pool;
    private final StratumServerInitializer.Timeouts timeouts;
    private Session session;
    private boolean idleAfterLogin;

    StratumSessionHandler(StratumService pool, StratumServerInitializer.Timeouts timeouts) {
        this.pool = pool;
        this.timeouts = timeouts;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        session = pool.open(ctx.channel());
        if (session == null) {
            LOG.warn("connection limit reached, closing {}", ctx.channel().remoteAddress());
            ctx.close();
            return;
        }
        ctx.channel().attr(TraceHandler.SESSION).set(session.id());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (session != null) {
            pool.closed(session);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, StratumFrame frame) {
        if (session == null || session.closingBecause() != null) {
            return; // closed by an earlier line of the same read: the pool reads no further
        }
        DialectRules rules = pool.rules();
        if (frame instanceof UnreadableFrame unreadable) {
            pool.request(session, Kind.UNREADABLE_LINE, null, null, rules.unreadable(), unreadable.reason());
            return;
        }
        StratumMessage message = (StratumMessage) frame;
        if (!message.isRequest()) {
            pool.request(session, Kind.NOT_A_REQUEST, message.id(), null, rules.notARequest(), "a reply where a request was expected");
            return;
        }
        switch (message.method()) {
            case "login" -> {
                pool.login(session, message.id(), message.params());
                if (session.login() != null && !idleAfterLogin) {
                    // From the login on, the pool's idle timeout replaces its login timeout.
                    idleAfterLogin = true;
                    ctx.pipeline().replace(StratumServerInitializer.IDLE, StratumServerInitializer.IDLE, timeouts.handler(timeouts.idle()));
                }
            }
            case "submit" -> pool.submit(session, message.id(), message.params(), System.nanoTime());
            default -> {
                Reaction reaction = rules.otherMethod(message.method(), message.params(), session.login() != null);
                if (reaction == null) {
                    pool.sendCurrentJob(session);
                }
                pool.request(session, Kind.OTHER_METHOD, message.id(), message.method(),
                        reaction == null ? Reaction.IGNORE : reaction, reaction == null ? "answered with the current job" : "");
            }
        }
    }

    /** Backpressure: a miner that does not read its answers is not read from either, until it does. */
    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        ctx.channel().config().setAutoRead(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            LOG.info("session {} idle, closing", session == null ? "-" : session.id());
            if (session != null) {
                pool.closing(session, session.login() == null ? "no login in time" : "idle");
            }
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String id = session == null ? "-" : Long.toString(session.id());
        String why = cause instanceof TooLongFrameException ? "line over the limit (" + cause.getMessage() + ")"
                : cause.getCause() instanceof NotSslRecordException ? "not TLS: a client that speaks plain stratum on this TLS port"
                : cause.getCause() instanceof SSLHandshakeException ? "TLS handshake failed (" + cause.getCause().getMessage() + ")"
                : cause.toString();
        LOG.warn("session {}: {}, closing", id, Text.printable(why));
        if (session != null) {
            pool.closing(session, why);
        }
        ctx.close();
    }
}

package io.btm.core.tls;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeTimeoutException;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Locale;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The one place that builds a pool client's TLS (the miner's {@code stratum+ssl://}, the recording
 * proxy's way to its pool), and that puts a failed handshake in a user's words. Immutable.
 */
public final class ClientTls {
    private final SslContext context;

    private ClientTls(SslContext context) {
        this.context = context;
    }

    public static ClientTls trusting(PoolTrust trust) {
        boolean pinned = trust instanceof PoolTrust.Pinned;
        try {
            return new ClientTls(SslContextBuilder.forClient()
                    .trustManager(new PoolCertificateCheck(trust, pinned ? null : chainCheck(trust)))
                    // A pinned certificate is the pool, whatever host it names (as xmrig): no host check then.
                    .endpointIdentificationAlgorithm(pinned ? null : "HTTPS")
                    .build());
        } catch (SSLException e) {
            throw new IllegalStateException("TLS: " + e.getMessage(), e);
        }
    }

    /** The JDK's check of chain and host, against its trust store or the named CA. */
    private static X509ExtendedTrustManager chainCheck(PoolTrust trust) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust instanceof PoolTrust.NamedCa ca ? caStore(ca) : null);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("TLS: the JDK offers no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS: " + e.getMessage(), e);
        }
    }

    private static KeyStore caStore(PoolTrust.NamedCa ca) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException("TLS: an empty key store: " + e.getMessage(), e);
        }
        for (int i = 0; i < ca.certificates().size(); i++) {
            store.setCertificateEntry("ca-" + i, ca.certificates().get(i));
        }
        return store;
    }

    /** A handler for one connection to {@code host:port}; the host is what the certificate must name. */
    public SslHandler newHandler(ByteBufAllocator alloc, String host, int port) {
        return context.newHandler(alloc, host, port);
    }

    /**
     * Why a TLS handshake with a pool failed, in a user's words: a refused certificate says what is
     * wrong with it; a pool that answers in plain text, or closes or stays silent, is likely a plain
     * stratum port.
     */
    public static String explain(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UntrustedCertificate) {
                return cause.getMessage();
            }
            if (cause instanceof NotSslRecordException) {
                return "the pool answered in plain text, not TLS: this port speaks plain stratum; connect with stratum+tcp://";
            }
            if (cause instanceof SslHandshakeTimeoutException) {
                return "no TLS handshake (" + cause.getMessage() + "): if this is a plain stratum port, connect with stratum+tcp://";
            }
            if (cause instanceof ClosedChannelException || cause instanceof SSLException
                    && String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT).contains("closed")) {
                return "the pool closed the connection during the TLS handshake: if this is a plain stratum port,"
                        + " connect with stratum+tcp://";
            }
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return "TLS handshake failed: " + (root.getMessage() == null ? root.toString() : root.getMessage());
    }
}

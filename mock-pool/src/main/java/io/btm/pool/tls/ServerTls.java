package io.btm.pool.tls;

import io.btm.core.tls.CertificateFingerprint;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.NetUtil;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * The one place that builds the pool side's TLS (the mock pool's {@code --tls}, and the recording
 * proxy's side towards the miner): a certificate given as PEM files, or a self-signed one made at
 * start. Immutable.
 */
public final class ServerTls {
    /** A self-signed certificate is for these names, and for the address the pool listens on. */
    private static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "::1");
    private static final Duration SELF_SIGNED_VALIDITY = Duration.ofDays(365);

    private final SslContext context;
    private final X509Certificate certificate;
    private final CertificateFingerprint fingerprint;

    private ServerTls(SslContext context, X509Certificate certificate) {
        this.context = context;
        this.certificate = certificate;
        this.fingerprint = CertificateFingerprint.of(certificate);
    }

    /**
     * A certificate chain (the pool's certificate first) and its private key, both PEM.
     *
     * @throws IllegalArgumentException naming the file that cannot be read or the key that does not fit
     */
    public static ServerTls fromPem(Path certificateChain, Path privateKey) {
        X509Certificate first;
        try (InputStream in = Files.newInputStream(certificateChain)) {
            first = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("--tls-cert " + certificateChain + ": cannot read a PEM certificate (" + e.getMessage() + ")");
        }
        try {
            return new ServerTls(SslContextBuilder.forServer(certificateChain.toFile(), privateKey.toFile()).build(), first);
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--tls-key " + privateKey + ": cannot use it with --tls-cert " + certificateChain
                    + " (" + e.getMessage() + ")");
        }
    }

    /**
     * A new EC P-256 key and a certificate for it, signed by itself, valid for a year, for
     * localhost, 127.0.0.1, ::1 and {@code host} (unless it is a wildcard address).
     */
    public static ServerTls selfSigned(String host) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=BTM mock pool");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, new SecureRandom()),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(SELF_SIGNED_VALIDITY)), name, keys.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, subjectNames(host));
            X509Certificate certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            return new ServerTls(SslContextBuilder.forServer(keys.getPrivate(), certificate).build(), certificate);
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException | SSLException e) {
            throw new IllegalStateException("a self-signed certificate: " + e.getMessage(), e);
        }
    }

    private static GeneralNames subjectNames(String host) {
        Set<String> names = new LinkedHashSet<>(LOOPBACK_NAMES);
        boolean wildcard = host.equals("0.0.0.0") || host.equals("::") || host.isEmpty();
        if (!wildcard) {
            names.add(host);
        }
        return new GeneralNames(names.stream()
                .map(name -> new GeneralName(NetUtil.isValidIpV4Address(name) || NetUtil.isValidIpV6Address(name)
                        ? GeneralName.iPAddress : GeneralName.dNSName, name))
                .toArray(GeneralName[]::new));
    }

    public SslHandler newHandler(ByteBufAllocator alloc) {
        return context.newHandler(alloc);
    }

    /** The SHA-256 of the certificate the pool presents: what a miner pins. */
    public CertificateFingerprint fingerprint() {
        return fingerprint;
    }

    /** The certificate the pool presents, PEM: a file of it is a CA that a miner can name. */
    public String certificatePem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("the pool's certificate: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "TLS, certificate " + certificate.getSubjectX500Principal().getName() + ", SHA-256 " + fingerprint;
    }
}

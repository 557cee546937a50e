package io.btm.verify.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.btm.core.difficulty.Difficulty;
import io.btm.core.header.HeaderHasher;
import io.btm.core.stratum.Job;
import io.btm.core.tensority.MatrixCacheStore;
import io.btm.core.tensority.Tensority;
import io.btm.core.tls.CertificateFingerprint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A small stratum miner for the verifier's own tests, honest but for one deliberate fault:
 * {@code java FakeMiner MODE URL USER [FINGERPRINT]}, over TLS to a stratum+ssl:// URL, trusting the
 * certificate of that SHA-256 fingerprint only. It hashes with the reference, submits at most four shares a
 * second, reads line by line (skipping what is not JSON), keeps its place in each job across
 * reconnects, and backs off (1 s, doubling) after a close. The modes:
 * <ul>
 *   <li>{@code stale}: goes on submitting shares of the old job for 5 s after a new one;</li>
 *   <li>{@code ignore-target}: judges every share by the first target it was sent;</li>
 *   <li>{@code wrong-nonces}: every third submit is a nonce it knows is no share;</li>
 *   <li>{@code tight-reconnect}: reconnects at once after a close that follows a good login;</li>
 *   <li>{@code keepalived}: sends one {@code keepalived} 3 s after its first login (btmcpool closes for it).</li>
 * </ul>
 */
public final class FakeMiner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SUBMIT_EVERY_MILLIS = 250;
    private static final long STALE_FOR_MILLIS = 5000;

    private final String mode;
    private final URI pool;
    private final String user;
    /** The pinned pool certificate of a stratum+ssl:// URL, or null for stratum+tcp://. */
    private final CertificateFingerprint pinned;
    private final MatrixCacheStore caches = new MatrixCacheStore(2);
    private final Map<String, Long> cursors = new HashMap<>();
    private final AtomicBoolean keepalivedSent = new AtomicBoolean();
    private BigInteger firstTarget;
    private BigInteger loosestTarget = BigInteger.ZERO;
    private long sent;

    private FakeMiner(String mode, String url, String user, CertificateFingerprint pinned) {
        this.mode = mode;
        this.pool = URI.create(url);
        this.user = user;
        this.pinned = pinned;
    }

    public static void main(String[] args) throws Exception {
        new FakeMiner(args[0], args[1], args[2], args.length > 3 ? CertificateFingerprint.parse(args[3]) : null).run();
    }

    private Socket connect() throws IOException {
        if (!"stratum+ssl".equals(pool.getScheme())) {
            return new Socket(pool.getHost(), pool.getPort());
        }
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[]{new X509TrustManager() {
                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                    if (!CertificateFingerprint.of(chain[0]).equals(pinned)) {
                        throw new CertificateException("not the pinned certificate");
                    }
                }

                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                    throw new CertificateException("a miner accepts no clients");
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return tls.getSocketFactory().createSocket(pool.getHost(), pool.getPort());
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS: " + e.getMessage(), e);
        }
    }

    /** The state of one connection, shared by its reader and the hashing loop. */
    private static final class Connection {
        volatile Job job;
        volatile Job previous;
        volatile long switchedAt;
        volatile String session;
        volatile boolean loggedIn;
        volatile boolean closed;
    }

    private void run() throws InterruptedException {
        long pause = 1000;
        long firstLogin = 0;
        while (true) {
            Connection c = new Connection();
            long connectedAt = System.currentTimeMillis();
            try (Socket socket = connect()) {
                OutputStream out = socket.getOutputStream();
                send(out, "{\"id\":1,\"method\":\"login\",\"params\":{\"login\":\"" + user + "\",\"pass\":\"x\",\"agent\":\"fake/1\"}}");
                Thread reader = new Thread(() -> read(socket, c), "fake-reader");
                reader.setDaemon(true);
                reader.start();
                while (!c.closed) {
                    Job job = c.job;
                    if (job == null) {
                        Thread.sleep(20);
                        continue;
                    }
                    if (firstLogin == 0) {
                        firstLogin = System.currentTimeMillis();
                    }
                    if (mode.equals("keepalived") && System.currentTimeMillis() - firstLogin > 3000 && keepalivedSent.compareAndSet(false, true)) {
                        send(out, "{\"id\":99,\"method\":\"keepalived\",\"params\":{\"id\":\"" + c.session + "\"}}");
                    }
                    Job mining = mode.equals("stale") && c.previous != null && System.currentTimeMillis() - c.switchedAt < STALE_FOR_MILLIS
                            ? c.previous : job;
                    mineOne(mining, c, out);
                }
            } catch (IOException e) {
                // refused or reset: as a close
            }
            boolean goodLogin = c.loggedIn;
            if (mode.equals("tight-reconnect") && goodLogin) {
                continue; // the fault: no pause after a close that followed a good login
            }
            if (goodLogin && System.currentTimeMillis() - connectedAt > 60_000) {
                pause = 1000;
            }
            Thread.sleep(pause);
            pause = Math.min(pause * 2, 30_000);
        }
    }

    private void read(Socket socket, Connection c) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode message;
                try {
                    message = JSON.readTree(line);
                } catch (IOException garbage) {
                    continue;
                }
                if (message == null || !message.isObject()) {
                    continue;
                }
                JsonNode job = "job".equals(message.path("method").asText()) ? message.get("params") : message.path("result").path("job");
                if (message.path("result").has("id")) {
                    c.session = message.get("result").get("id").asText();
                    c.loggedIn = true;
                }
                if (job != null && job.isObject() && job.has("job_id")) {
                    Job parsed = Job.fromJson(job);
                    if (c.job != null && !c.job.jobId().equals(parsed.jobId())) {
                        c.previous = c.job;
                        c.switchedAt = System.currentTimeMillis();
                    }
                    c.job = parsed;
                    BigInteger target = parsed.target().value();
                    if (firstTarget == null) {
                        firstTarget = target;
                    }
                    if (target.compareTo(loosestTarget) > 0) {
                        loosestTarget = target;
                    }
                }
            }
        } catch (IOException | RuntimeException closed) {
            // the connection is gone
        } finally {
            c.closed = true;
        }
    }

    /** Finds the job's next share (or, in wrong-nonces mode every third time, its next non-share) and submits it. */
    private void mineOne(Job job, Connection c, OutputStream out) throws IOException, InterruptedException {
        boolean wrong = mode.equals("wrong-nonces") && sent % 3 == 2;
        BigInteger target = mode.equals("ignore-target") ? firstTarget : job.target().value();
        String key = job.jobId() + "/" + job.startNonce();
        long nonce = cursors.getOrDefault(key, job.startNonce());
        HeaderHasher hasher = new HeaderHasher(job.template());
        while (!c.closed) {
            BigInteger hash = Difficulty.hashToBig(Tensority.hash(hasher.hash(nonce), caches.get(job.seed())));
            nonce++;
            boolean share = hash.compareTo(target) <= 0;
            // a wrong nonce fails even the loosest target seen, so it is no share by any target in force
            if (wrong ? hash.compareTo(loosestTarget) > 0 : share) {
                break;
            }
            if (c.job != job && !(mode.equals("stale") && job == c.previous)) {
                cursors.put(key, nonce);
                return; // a new job came: mine that
            }
        }
        cursors.put(key, nonce);
        if (c.closed) {
            return;
        }
        send(out, String.format(Locale.ROOT, "{\"id\":%d,\"method\":\"submit\",\"params\":{\"id\":\"%s\",\"job_id\":\"%s\",\"nonce\":\"%s\"}}",
                100 + sent, c.session, job.jobId(), Job.formatNonce(nonce - 1)));
        sent++;
        Thread.sleep(SUBMIT_EVERY_MILLIS);
    }

    private static synchronized void send(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}

package io.btm.verify.fake;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
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
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A small stratum miner for the verifier's own tests, honest but for one deliberate fault:
 * {@code java FakeMiner MODE URL USER [URL2] [FINGERPRINT]}, over TLS to a stratum+ssl:// URL, trusting the
 * certificate of that SHA-256 fingerprint only. It hashes with the reference, submits at most four shares a
 * second, reads line by line (skipping what is not JSON), keeps its place in each job across
 * reconnects, backs off (1 s, doubling) after a close, and moves to the other pool when one refuses
 * the connection. The modes:
 * <ul>
 *   <li>{@code stale}: goes on submitting shares of the old job for 5 s after a new one;</li>
 *   <li>{@code ignore-target}: judges every share by the first target it was sent;</li>
 *   <li>{@code wrong-nonces}: every third submit is a nonce it knows is no share;</li>
 *   <li>{@code tight-reconnect}: reconnects at once after a close that follows a good login;</li>
 *   <li>{@code keepalived}: sends one {@code keepalived} 3 s after its first login (btmcpool closes for it);</li>
 *   <li>{@code fixed-login}: logs in as {@link #FIXED_LOGIN} whatever USER says, as B3-Mimic does; no fault the pool
 *   would judge;</li>
 *   <li>{@code twin-threads}: sends every share twice at once, as two goroutines searching one job's nonces do;</li>
 *   <li>{@code big-endian-nonce}: reads the job's little-endian nonce as big-endian, so it searches outside its range;</li>
 *   <li>{@code one-message-per-read}: reads 0.2 s after data comes and takes the first message of each read, losing the others.</li>
 * </ul>
 */
public final class FakeMiner {
    /** The login of {@code fixed-login} mode, written into the miner as B3-Mimic writes its own. */
    public static final String FIXED_LOGIN = "mimic.rig0";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SUBMIT_EVERY_MILLIS = 250;
    private static final long STALE_FOR_MILLIS = 5000;
    private static final long GATHER_MILLIS = 200;

    private final String mode;
    private final List<URI> pools;
    private final String user;
    /** The pinned pool certificate of a stratum+ssl:// URL, or null for stratum+tcp://. */
    private final CertificateFingerprint pinned;
    private final MatrixCacheStore caches = new MatrixCacheStore(2);
    private final Map<String, Long> cursors = new HashMap<>();
    private final AtomicBoolean keepalivedSent = new AtomicBoolean();
    private BigInteger firstTarget;
    private BigInteger loosestTarget = BigInteger.ZERO;
    private long sent;

    private FakeMiner(String mode, List<String> urls, String user, CertificateFingerprint pinned) {
        this.mode = mode;
        this.pools = urls.stream().map(URI::create).toList();
        this.user = mode.equals("fixed-login") ? FIXED_LOGIN : user;
        this.pinned = pinned;
    }

    /** After MODE, URL and USER: a second pool's URL, a certificate fingerprint, or both. */
    public static void main(String[] args) throws Exception {
        List<String> urls = new ArrayList<>(List.of(args[1]));
        CertificateFingerprint pinned = null;
        for (int i = 3; i < args.length; i++) {
            if (args[i].contains("://")) {
                urls.add(args[i]);
            } else {
                pinned = CertificateFingerprint.parse(args[i]);
            }
        }
        new FakeMiner(args[0], urls, args[2], pinned).run();
    }

    private Socket connect(URI pool) throws IOException {
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
        int poolIndex = 0;
        while (true) {
            Connection c = new Connection();
            long connectedAt = System.currentTimeMillis();
            URI pool = pools.get(poolIndex);
            try (Socket socket = connect(pool)) {
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
            } catch (ConnectException refused) {
                poolIndex = (poolIndex + 1) % pools.size(); // that pool is gone: the next one
            } catch (IOException e) {
                // reset: as a close
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
        try {
            if (mode.equals("one-message-per-read")) {
                readFirstOfEachChunk(socket, c);
            } else {
                readLines(socket, c);
            }
        } catch (IOException | RuntimeException closed) {
            // the connection is gone
        } finally {
            c.closed = true;
        }
    }

    private void readLines(Socket socket, Connection c) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            try {
                handle(JSON.readTree(line), c);
            } catch (JsonProcessingException garbage) {
                // not JSON: skipped
            }
        }
    }

    /** The fault of one-message-per-read: the first JSON object of each read is taken, the rest of the read lost. */
    private void readFirstOfEachChunk(Socket socket, Connection c) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] chunk = new byte[64 * 1024];
        while (true) {
            int first = in.read();
            if (first < 0) {
                return;
            }
            sleepQuietly(GATHER_MILLIS); // a slow reader: what the pool writes meanwhile comes in the same read
            chunk[0] = (byte) first;
            int n = 1 + in.read(chunk, 1, Math.min(in.available(), chunk.length - 1));
            try (JsonParser parser = JSON.getFactory().createParser(chunk, 0, n)) {
                handle(JSON.readTree(parser), c);
            } catch (JsonProcessingException garbage) {
                // not JSON, or cut: skipped
            }
        }
    }

    private void handle(JsonNode message, Connection c) {
        if (message == null || !message.isObject()) {
            return;
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

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Finds the job's next share (or, in wrong-nonces mode every third time, its next non-share) and submits it. */
    private void mineOne(Job job, Connection c, OutputStream out) throws IOException, InterruptedException {
        boolean wrong = mode.equals("wrong-nonces") && sent % 3 == 2;
        BigInteger target = mode.equals("ignore-target") ? firstTarget : job.target().value();
        long start = mode.equals("big-endian-nonce") ? Long.reverseBytes(job.startNonce()) : job.startNonce();
        String key = job.jobId() + "/" + start;
        long nonce = cursors.getOrDefault(key, start);
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
        for (int copy = 0; copy < (mode.equals("twin-threads") ? 2 : 1); copy++) {
            send(out, String.format(Locale.ROOT, "{\"id\":%d,\"method\":\"submit\",\"params\":{\"id\":\"%s\",\"job_id\":\"%s\",\"nonce\":\"%s\"}}",
                    100 + sent, c.session, job.jobId(), Job.formatNonce(nonce - 1)));
            sent++;
        }
        Thread.sleep(SUBMIT_EVERY_MILLIS);
    }

    private static synchronized void send(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}

package io.btm.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.btm.core.stratum.Job;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A soak run of the pool's CLI jar: {@code --job-interval 1}, sessions that read and submit, sessions
 * that never read, and a flood of invalid submits, for a given time; the pool's heap after a full GC
 * is sampled with {@code jcmd} every 30 s. Not a JMH benchmark: it measures whether memory stays
 * flat, not speed.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.btm.bench.soak.PoolSoak mock-pool-cli/target/mock-pool.jar 12</pre>
 */
public final class PoolSoak {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PORTS = Pattern.compile("stratum port (\\d+) control port (\\d+)");
    private static final Pattern HEAP_USED = Pattern.compile("total (\\d+)K, used (\\d+)K");
    private static final int READERS = 200;
    private static final int NON_READERS = 20;
    private static final int FLOODERS = 4;
    /** Invalid submits each flooding connection sends a second. */
    private static final int FLOOD_RATE = 500;
    /** Seconds between the (valid, hashed) submits of each reading session. */
    private static final int SUBMIT_EVERY = 20;

    private final int port;
    private volatile boolean running = true;
    /** Messages the reading sessions received. */
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();

    private PoolSoak(int port) {
        this.port = port;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: PoolSoak MOCK_POOL_JAR MINUTES [WORK_DIR]");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        Duration length = Duration.ofMinutes(Long.parseLong(args[1]));
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("pool-soak");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process pool = new ProcessBuilder(java.toString(), "--add-modules=jdk.incubator.vector", "-jar", jar.toString(), "--stratum-port", "0", "--control-port", "0",
                "--dialect", "btcpool", "--target", "ffffffff", "--job-interval", "1", "--share-log", dir.resolve("shares.jsonl").toString())
                .redirectError(dir.resolve("pool.log").toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(pool.getInputStream(), StandardCharsets.UTF_8));
            Matcher ports = PORTS.matcher("");
            String line;
            while ((line = out.readLine()) != null && !ports.reset(line).find()) {
                // logging's start-up lines
            }
            if (line == null) {
                throw new IllegalStateException("the pool did not start; see " + dir.resolve("pool.log"));
            }
            new PoolSoak(Integer.parseInt(ports.group(1))).run(pool.pid(), length);
        } finally {
            pool.destroy();
            pool.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void run(long pid, Duration length) throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            threads.add(start("reader-" + i, this::reader));
        }
        for (int i = 0; i < NON_READERS; i++) {
            threads.add(start("non-reader-" + i, this::nonReader));
        }
        for (int i = 0; i < FLOODERS; i++) {
            threads.add(start("flooder-" + i, this::flooder));
        }
        System.out.printf("%d reading sessions (a hashed submit each %d s), %d that never read, %d flooding %d invalid submits/s each%n",
                READERS, SUBMIT_EVERY, NON_READERS, FLOODERS, FLOOD_RATE);
        System.out.println("minute  heap after full GC (MiB)  heap committed (MiB)  RSS (MiB)  messages to readers  reconnects");
        long end = System.nanoTime() + length.toNanos();
        long started = System.nanoTime();
        long minUsed = Long.MAX_VALUE;
        long maxUsed = 0;
        while (System.nanoTime() < end) {
            Thread.sleep(30_000);
            jcmd(pid, "GC.run");
            Matcher heap = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
            if (!heap.find()) {
                throw new IllegalStateException("no heap figures from jcmd");
            }
            long usedMiB = Long.parseLong(heap.group(2)) / 1024;
            double minute = (System.nanoTime() - started) / 60e9;
            if (minute >= 2) { // after the warm-up: every window and queue filled once
                minUsed = Math.min(minUsed, usedMiB);
                maxUsed = Math.max(maxUsed, usedMiB);
            }
            System.out.printf(Locale.ROOT, "%6.1f  %24d  %20d  %9d  %19d  %10d%n", minute, usedMiB, Long.parseLong(heap.group(1)) / 1024,
                    rssMiB(pid), received.get(), reconnects.get());
        }
        running = false;
        System.out.printf("heap after full GC from minute 2 on: %d to %d MiB%n", minUsed, maxUsed);
    }

    private static Thread start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid), command)
                .redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        jcmd.waitFor();
        return output;
    }

    private static long rssMiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    private Socket connect(int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        return socket;
    }

    private static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String login(String worker) {
        return "{\"id\":1,\"method\":\"login\",\"params\":{\"login\":\"" + worker + "\",\"pass\":\"x\",\"agent\":\"soak/1\"}}";
    }

    /** Logs in, reads everything, and submits a nonce of the newest job every {@link #SUBMIT_EVERY} s. */
    private void reader() {
        while (running) {
            try (Socket socket = connect(0)) {
                OutputStream out = socket.getOutputStream();
                send(out, login(Thread.currentThread().getName()));
                MappingIterator<JsonNode> in = JSON.readerFor(JsonNode.class).readValues(socket.getInputStream());
                long nextSubmit = System.nanoTime();
                long submitted = 0;
                Job job = null;
                String session = null;
                while (running && in.hasNextValue()) {
                    JsonNode message = in.nextValue();
                    received.incrementAndGet();
                    JsonNode jobJson = message.has("params") ? message.get("params") : message.path("result").path("job");
                    if (jobJson.has("job_id")) {
                        job = Job.fromJson(jobJson);
                    }
                    if (message.path("result").has("id")) {
                        session = message.get("result").get("id").asText();
                    }
                    if (job != null && session != null && System.nanoTime() >= nextSubmit) {
                        nextSubmit = System.nanoTime() + TimeUnit.SECONDS.toNanos(SUBMIT_EVERY);
                        send(out, "{\"id\":2,\"method\":\"submit\",\"params\":{\"id\":\"" + session + "\",\"job_id\":\"" + job.jobId()
                                + "\",\"nonce\":\"" + Job.formatNonce(job.startNonce() + submitted++) + "\"}}");
                    }
                }
            } catch (IOException | RuntimeException e) {
                reconnects.incrementAndGet();
            }
        }
    }

    /** Logs in with a small receive buffer and never reads; sends an invalid submit every 10 s, reconnecting once closed. */
    private void nonReader() {
        while (running) {
            try (Socket socket = connect(4096)) {
                OutputStream out = socket.getOutputStream();
                send(out, login(Thread.currentThread().getName()));
                while (running) {
                    Thread.sleep(10_000);
                    send(out, "{\"id\":3,\"method\":\"submit\",\"params\":{\"id\":\"x\",\"job_id\":\"none\",\"nonce\":\"00\"}}");
                }
            } catch (IOException e) {
                reconnects.incrementAndGet();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Sends invalid submits (a job the pool never sent, a 200-character job id) at a steady rate and reads the answers. */
    private void flooder() {
        String jobId = "x".repeat(200);
        while (running) {
            try (Socket socket = connect(0)) {
                OutputStream out = socket.getOutputStream();
                send(out, login(Thread.currentThread().getName()));
                Thread drain = start(Thread.currentThread().getName() + "-in", () -> {
                    try {
                        byte[] buffer = new byte[65536];
                        while (socket.getInputStream().read(buffer) >= 0) {
                            // answers are read, not looked at
                        }
                    } catch (IOException closed) {
                        // the sender reconnects
                    }
                });
                long id = 10;
                while (running && drain.isAlive()) {
                    long second = System.nanoTime();
                    for (int i = 0; i < FLOOD_RATE; i++) {
                        send(out, "{\"id\":" + id++ + ",\"method\":\"submit\",\"params\":{\"id\":\"f\",\"job_id\":\"" + jobId
                                + "\",\"nonce\":\"0000000000000001\"}}");
                    }
                    long left = TimeUnit.SECONDS.toNanos(1) - (System.nanoTime() - second);
                    if (left > 0) {
                        TimeUnit.NANOSECONDS.sleep(left);
                    }
                }
            } catch (IOException e) {
                reconnects.incrementAndGet();
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}

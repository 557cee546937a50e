package io.btm.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.btm.core.stratum.Job;
import io.btm.core.stratum.wire.JsonFrameDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A hand-written stratum client over loopback: plain sockets, what arrives framed by the miner's
 * own {@link JsonFrameDecoder} (btc.com's pool ends some objects without a newline), every byte
 * received kept for tests of framing.
 * Shared with the container module's tests through this module's test jar.
 */
public final class StratumTestClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    /** Frames what arrives as the miner does: by JSON structure, and by line where there is none. */
    private final EmbeddedChannel framer = new EmbeddedChannel(new JsonFrameDecoder(1 << 20));
    private boolean closed;
    private int nextId = 1;
    public String sessionId;
    public Job job;

    public StratumTestClient(int port) {
        this("127.0.0.1", port);
    }

    public StratumTestClient(String host, int port) {
        try {
            socket = new Socket(host, port);
            in = socket.getInputStream();
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Logs in; keeps the login's id and the first job, wherever the pool sends it (in the reply,
     * or as btc.com's pool does, in a second reply under id 1).
     */
    public JsonNode login(String worker) {
        JsonNode reply = request("login", JSON.createObjectNode().put("login", worker).put("pass", "x").put("agent", "test/1"));
        if (reply.path("error").isNull() && reply.path("result").isObject()) {
            JsonNode result = reply.get("result");
            if (!result.has("job")) {
                result = readJson().get("result");
            }
            sessionId = result.get("id").asText();
            job = Job.fromJson(result.get("job"));
        }
        return reply;
    }

    public JsonNode submit(String jobId, String nonce) {
        return request("submit", JSON.createObjectNode().put("id", sessionId).put("job_id", jobId).put("nonce", nonce));
    }

    public JsonNode submit(long nonce) {
        return submit(job.jobId(), Job.formatNonce(nonce));
    }

    public JsonNode request(String method, JsonNode params) {
        int id = send(method, params);
        return replyTo(id);
    }

    /** Sends a request without waiting; returns its id. */
    public int send(String method, JsonNode params) {
        int id = nextId++;
        ObjectNode request = JSON.createObjectNode().put("id", id).put("method", method);
        request.set("params", params);
        sendLine(request.toString());
        return id;
    }

    /** Reads messages until the reply with this id, taking job notifications on the way. */
    public JsonNode replyTo(int id) {
        while (true) {
            JsonNode message = readJson();
            if (message.has("method") && "job".equals(message.get("method").asText())) {
                job = Job.fromJson(message.get("params"));
            } else if (message.path("id").asInt(-1) == id) {
                return message;
            }
        }
    }

    /** The next job notification. */
    public Job nextJob() {
        while (true) {
            JsonNode message = readJson();
            if ("job".equals(message.path("method").asText())) {
                job = Job.fromJson(message.get("params"));
                return job;
            }
        }
    }

    public JsonNode readJson() {
        String frame = frame(PATIENCE);
        if (frame == null) {
            throw new IllegalStateException("nothing from the pool within " + PATIENCE.toSeconds() + " s");
        }
        try {
            return JSON.readTree(frame);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The next JSON value the pool sent, as text, or null if none comes within the wait; an
     * {@link IllegalStateException} if the pool closed the connection.
     */
    public String frame(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            String frame = takeFrame();
            if (frame != null) {
                return frame;
            }
            if (closed) {
                throw new IllegalStateException("connection closed by the pool");
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0 || !readSome(left)) {
                if (closed) {
                    throw new IllegalStateException("connection closed by the pool");
                }
                return null;
            }
        }
    }

    /** True when nothing at all arrives within the wait, and the connection stays open. */
    public boolean silentFor(Duration wait) {
        return frame(wait) == null && !closed;
    }

    /** True when the pool closed the connection, after whatever it still sent; false if it stays open for the wait. */
    public boolean closedWithin(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!closed) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0 || !readSome(left) && !closed) {
                return closed;
            }
        }
        return true;
    }

    /** True when the pool closed the connection within the usual patience. */
    public boolean closedByPool() {
        return closedWithin(PATIENCE);
    }

    /** Every byte the pool sent so far, as text. */
    public String received() {
        return received.toString(StandardCharsets.UTF_8);
    }

    public void sendLine(String line) {
        sendRaw(line + "\n");
    }

    public void sendRaw(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads what is there within the wait into the buffer; false on a timeout or the end of the stream. */
    private boolean readSome(long waitMillis) {
        byte[] buffer = new byte[8192];
        try {
            socket.setSoTimeout((int) Math.max(1, waitMillis));
            int n = in.read(buffer);
            if (n < 0) {
                closed = true;
                return false;
            }
            received.write(buffer, 0, n);
            framer.writeInbound(Unpooled.copiedBuffer(buffer, 0, n));
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            closed = true; // reset by the pool
            return false;
        }
    }

    /** The next frame the miner's own framing finds in what arrived; null if none is complete. */
    private String takeFrame() {
        ByteBuf frame = framer.readInbound();
        if (frame == null) {
            return null;
        }
        try {
            return frame.toString(StandardCharsets.UTF_8).strip();
        } finally {
            frame.release();
        }
    }

    @Override
    public void close() {
        framer.finishAndReleaseAll();
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket
        }
    }
}

package io.btm.pool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.btm.core.stratum.Job;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A hand-written stratum client over loopback: plain sockets, one line at a time. Shared with the
 * container module's tests through this module's test jar.
 */
public final class StratumTestClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private int nextId = 1;
    public String sessionId;
    public Job job;

    public StratumTestClient(int port) {
        this("127.0.0.1", port);
    }

    public StratumTestClient(String host, int port) {
        try {
            socket = new Socket(host, port);
            socket.setSoTimeout(20_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode login(String worker) {
        JsonNode reply = request("login", JSON.createObjectNode().put("login", worker).put("pass", "x").put("agent", "test/1"));
        if (reply.path("error").isNull()) {
            sessionId = reply.get("result").get("id").asText();
            job = Job.fromJson(reply.get("result").get("job"));
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
        int id = nextId++;
        var request = JSON.createObjectNode().put("id", id).put("method", method);
        request.set("params", params);
        sendLine(request.toString());
        return replyTo(id);
    }

    /** Reads lines until the reply with this id, taking job notifications on the way. */
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
        try {
            return JSON.readTree(readLine());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String readLine() {
        try {
            String line = in.readLine();
            if (line == null) {
                throw new IllegalStateException("connection closed by the pool");
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the pool closed the connection. */
    public boolean closedByPool() {
        try {
            return in.readLine() == null;
        } catch (IOException e) {
            return true;
        }
    }

    public void sendLine(String line) {
        try {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket
        }
    }
}

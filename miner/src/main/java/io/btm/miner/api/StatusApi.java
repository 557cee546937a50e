package io.btm.miner.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.btm.miner.stats.MinerStats;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The miner's HTTP JSON API: {@code GET /api/v1/status}. A read of counters per request, served by
 * the JDK's small HTTP server on one thread of its own.
 */
public final class StatusApi implements AutoCloseable {
    public static final String PATH = "/api/v1/status";

    private final HttpServer server;

    public StatusApi(InetSocketAddress address, MinerStats stats) {
        try {
            server = HttpServer.create(address, 16);
        } catch (IOException e) {
            throw new IllegalArgumentException("--api " + address.getHostString() + ":" + address.getPort()
                    + ": cannot listen (" + e.getMessage() + ")");
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                if (!exchange.getRequestMethod().equals("GET")) {
                    send(exchange, 405, "{\"error\":\"use GET\"}");
                } else if (path.equals(PATH)) {
                    send(exchange, 200, stats.toJson().toString());
                } else {
                    send(exchange, 404, "{\"error\":\"no such endpoint: " + path.replace("\"", "") + "\"}");
                }
            }
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

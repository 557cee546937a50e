package io.btm.miner.net;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A pool to mine on: {@code stratum+tcp://host:port}, {@code stratum+ssl://host:port} (TLS), or a
 * Bytom node's API for solo mining, {@code http://host:port}. Immutable.
 */
public record PoolEndpoint(String url, Protocol protocol, String host, int port, String user, String pass) {

    public enum Protocol {
        STRATUM, STRATUM_TLS, SOLO
    }

    /** Parses a pool URL; errors name the URL and what is wrong with it. */
    public static PoolEndpoint parse(String url, String user, String pass) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("pool " + url + ": not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        Protocol protocol = switch (scheme) {
            case "stratum+tcp", "stratum" -> Protocol.STRATUM;
            case "stratum+ssl", "stratum+tls" -> Protocol.STRATUM_TLS;
            case "http", "https" -> Protocol.SOLO;
            default -> throw new IllegalArgumentException("pool " + url
                    + ": expected stratum+tcp://host:port, stratum+ssl://host:port or http://node:9888");
        };
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("pool " + url + ": no host");
        }
        int port = uri.getPort();
        if (port < 0) {
            if (protocol != Protocol.SOLO) {
                throw new IllegalArgumentException("pool " + url + ": no port");
            }
            port = scheme.equals("https") ? 443 : 9888;
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("pool " + url + ": port " + port + " is out of range (1 to 65535)");
        }
        if (protocol != Protocol.SOLO && (user == null || user.isBlank())) {
            throw new IllegalArgumentException("pool " + url + ": a login (-u user.worker) is required");
        }
        return new PoolEndpoint(url, protocol, uri.getHost(), port, user == null ? "" : user, pass == null ? "x" : pass);
    }

    /** A call of the node's API for solo mining, e.g. {@code http://127.0.0.1:9888/get-work-json}. */
    URI nodeUri(String path) {
        return URI.create(URI.create(url).getScheme() + "://" + host + ":" + port + path);
    }

    @Override
    public String toString() {
        return url;
    }
}

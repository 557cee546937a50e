package io.btm.pool.internal.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;

/**
 * The live page's files, read from the jar once: the page, its script and style, and uPlot (the
 * chart library, from its webjar on Maven Central, MIT licensed; its licence is served beside it).
 * Nothing the page loads comes from anywhere but the control port.
 */
final class StaticAssets {
    private static final String OWN = "/io/btm/pool/internal/web/";
    private static final String UPLOT = "/META-INF/resources/webjars/uplot/";

    /** A file as served. Immutable; the bytes are never handed out to be written to. */
    record Asset(String contentType, byte[] bytes) {
    }

    private final Map<String, Asset> byPath;

    StaticAssets() {
        String uplot = UPLOT + uplotVersion() + "/";
        byPath = Map.of(
                "/", asset(OWN + "live.html", "text/html; charset=utf-8"),
                "/live.js", asset(OWN + "live.js", "text/javascript; charset=utf-8"),
                "/live.css", asset(OWN + "live.css", "text/css; charset=utf-8"),
                "/uPlot.iife.min.js", asset(uplot + "dist/uPlot.iife.min.js", "text/javascript; charset=utf-8"),
                "/uPlot.min.css", asset(uplot + "dist/uPlot.min.css", "text/css; charset=utf-8"),
                "/uPlot.LICENSE", asset(uplot + "LICENSE", "text/plain; charset=utf-8"));
    }

    /** The file at this path, or null. */
    Asset at(String path) {
        return byPath.get(path);
    }

    /** The webjar's version, from its own Maven metadata: the pom names it once. */
    private static String uplotVersion() {
        Properties properties = new Properties();
        try (InputStream in = open("/META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    private static Asset asset(String resource, String contentType) {
        try (InputStream in = open(resource)) {
            return new Asset(contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = StaticAssets.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing from the jar: " + resource);
        }
        return in;
    }
}

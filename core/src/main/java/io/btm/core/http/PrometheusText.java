package io.btm.core.http;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A registry's metrics in the Prometheus text format, version 0.0.4: what the pool and the miner serve at {@code /metrics}. */
public final class PrometheusText {
    private static final PrometheusTextFormatWriter FORMAT = PrometheusTextFormatWriter.create();
    public static final String CONTENT_TYPE = FORMAT.getContentType();

    private PrometheusText() {
    }

    public static byte[] of(PrometheusRegistry registry) {
        var out = new ByteArrayOutputStream(8 * 1024);
        try {
            FORMAT.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }
}

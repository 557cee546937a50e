package io.btm.core.stratum;

/**
 * The error of a stratum reply: a numeric code (pool-specific) and a message. Pools send it as a
 * JSON-RPC 2 object, {@code {"code":C,"message":M}}, or, as btc.com's pool does for some errors, as a
 * JSON-RPC 1 array, {@code [C,"M",null]} (btcpool {@code src/StratumSession.cc}, {@code responseError}).
 *
 * @param array whether it goes on the wire as the JSON-RPC 1 array
 */
public record StratumError(int code, String message, boolean array) {

    /** The usual object form. */
    public StratumError(int code, String message) {
        this(code, message, false);
    }

    /** The JSON-RPC 1 array form, {@code [code, message, null]}. */
    public static StratumError array(int code, String message) {
        return new StratumError(code, message, true);
    }

    /** "message (code)", as logs and rejection reasons show it. */
    @Override
    public String toString() {
        return message + " (" + code + ")";
    }
}

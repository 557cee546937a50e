package io.btm.core.stratum;

/** The error object of a stratum reply: a numeric code (pool-specific) and a message. */
public record StratumError(int code, String message) {
}

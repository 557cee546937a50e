package io.btm.pool.record;

import io.btm.pool.validation.Verdict;

import java.time.Instant;

/**
 * One submit and what the pool made of it.
 *
 * @param nonce  as the miner sent it
 * @param result the Tensority result the pool computed, or null where it did not hash
 * @param micros from the submit's arrival to its verdict
 */
public record ShareRecord(Instant time, long session, String worker, String jobId, String nonce, String result,
                          Verdict verdict, String detail, long micros) {
}

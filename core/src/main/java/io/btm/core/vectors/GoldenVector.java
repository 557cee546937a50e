package io.btm.core.vectors;

import io.btm.core.difficulty.Difficulty;
import io.btm.core.difficulty.ShareTarget;
import io.btm.core.header.BlockHeader;
import io.btm.core.stratum.Job;
import io.btm.core.util.Bytes32;
import io.btm.core.util.Hex;

import java.util.ArrayList;
import java.util.List;

/**
 * One golden vector: Tensority(headerHash, seed) = expectedResult, and, where the file gives them,
 * the header the hash comes from, the nonce as submitted, and the share / network verdicts.
 * Checking is here so that every implementation is judged by the same rules.
 *
 * @param id               file and entry, for messages
 * @param header           header fields, or null where the file gives only the hash
 * @param submitNonceHex   the nonce as a miner submits it, or null
 * @param target           the share target, or null
 * @param meetsShareTarget expected share verdict, or null
 * @param meetsNetworkBits expected block verdict under the header's bits, or null
 */
public record GoldenVector(String id, Bytes32 seed, Bytes32 headerHash, Bytes32 expectedResult,
                           BlockHeader header, String submitNonceHex,
                           ShareTarget target, Boolean meetsShareTarget, Boolean meetsNetworkBits) {

    /** Mismatches of a computed result against this vector; empty when it passes. */
    public List<String> check(byte[] result) {
        List<String> failures = new ArrayList<>();
        if (header != null) {
            Bytes32 computed = header.hash();
            if (!computed.equals(headerHash)) {
                failures.add("header hash: expected " + headerHash + ", got " + computed);
            }
            if (submitNonceHex != null && !Job.formatNonce(header.nonce()).equals(submitNonceHex)) {
                failures.add("submit nonce: expected " + submitNonceHex + ", got " + Job.formatNonce(header.nonce()));
            }
        }
        if (!Bytes32.of(result).equals(expectedResult)) {
            failures.add("result: expected " + expectedResult + ", got " + Hex.encode(result));
        }
        if (meetsShareTarget != null && target.isMetBy(result) != meetsShareTarget) {
            failures.add("meets share target " + target + ": expected " + meetsShareTarget + ", got " + !meetsShareTarget);
        }
        if (meetsNetworkBits != null && Difficulty.meetsBits(result, header.bits()) != meetsNetworkBits) {
            failures.add("meets network bits: expected " + meetsNetworkBits + ", got " + !meetsNetworkBits);
        }
        return failures;
    }
}

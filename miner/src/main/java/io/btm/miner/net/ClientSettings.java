package io.btm.miner.net;

import io.btm.core.tls.PoolTrust;

import java.time.Duration;

/**
 * How the miner talks to its pools. Immutable.
 *
 * @param retries       failed connections to one pool before moving to the next
 * @param retryPause    the first pause before reconnecting; it doubles per failure, up to a minute
 * @param failback      how often a miner on a backup pool tries the first pool again
 * @param idleTimeout   how long a connection may go without a message from the pool before it is
 *                      dropped and made again; zero for never. No keepalive request is ever sent:
 *                      btmcpool closes the connection on one. BTM blocks come about every 150 s and
 *                      gaps of several minutes are common, so this is long.
 * @param submitTimeout how long a submit may wait for its reply before it counts as lost
 * @param pollInterval  how often solo mining asks the node for work
 * @param submitStale   send shares of a replaced job instead of dropping them
 * @param tls           which certificates a {@code stratum+ssl://} pool may present
 */
public record ClientSettings(int retries, Duration retryPause, Duration failback, Duration idleTimeout,
                             Duration submitTimeout, Duration pollInterval, boolean submitStale, String agent,
                             PoolTrust tls) {

    public static final Duration MAX_RETRY_PAUSE = Duration.ofMinutes(1);

    public static ClientSettings defaults() {
        return new ClientSettings(3, Duration.ofSeconds(2), Duration.ofMinutes(2), Duration.ofMinutes(10),
                Duration.ofSeconds(30), Duration.ofSeconds(1), false, "btm-miner/0.1",
                new PoolTrust.JdkTrustStore());
    }

    public ClientSettings {
        if (retries < 1) {
            throw new IllegalArgumentException("retries: must be at least 1, got " + retries);
        }
        if (retryPause.isNegative() || retryPause.isZero()) {
            throw new IllegalArgumentException("retry pause: must be positive, got " + retryPause);
        }
    }

    public ClientSettings withRetries(int value, Duration pause) {
        return new ClientSettings(value, pause, failback, idleTimeout, submitTimeout, pollInterval, submitStale, agent, tls);
    }

    public ClientSettings withFailback(Duration value) {
        return new ClientSettings(retries, retryPause, value, idleTimeout, submitTimeout, pollInterval, submitStale, agent, tls);
    }

    public ClientSettings withIdleTimeout(Duration value) {
        return new ClientSettings(retries, retryPause, failback, value, submitTimeout, pollInterval, submitStale, agent, tls);
    }

    public ClientSettings withPollInterval(Duration value) {
        return new ClientSettings(retries, retryPause, failback, idleTimeout, submitTimeout, value, submitStale, agent, tls);
    }

    public ClientSettings withSubmitStale(boolean value) {
        return new ClientSettings(retries, retryPause, failback, idleTimeout, submitTimeout, pollInterval, value, agent, tls);
    }

    public ClientSettings withTls(PoolTrust value) {
        return new ClientSettings(retries, retryPause, failback, idleTimeout, submitTimeout, pollInterval, submitStale, agent, value);
    }
}

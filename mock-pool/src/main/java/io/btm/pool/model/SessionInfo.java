package io.btm.pool.model;

import io.btm.core.difficulty.ShareTarget;

/**
 * A miner connection as the pool sees it at one moment. Immutable snapshot.
 *
 * @param login      the login name, or null before login
 * @param remote     the miner's address
 * @param nonceStart the first nonce of the session's range
 * @param target     the share target its jobs carry
 * @param jobsRemembered how many of its jobs the session still accepts submits for: at most what the dialect keeps
 */
public record SessionInfo(long id, String login, String remote, long nonceStart, ShareTarget target, int jobsRemembered) {

    public boolean loggedIn() {
        return login != null;
    }
}

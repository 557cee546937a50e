package io.btm.miner.support;

/** Bad input or environment that the user can fix: reported as one line, exit status 2. */
public class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.monstack.daemon;

import io.monstack.stack.UserException;

/** daemon.json cannot be merged as asked (invalid JSON, a conflicting value, no permission): exit 1, nothing changed. */
public class DaemonJsonException extends UserException {
    public DaemonJsonException(String message) {
        super(message);
    }
}

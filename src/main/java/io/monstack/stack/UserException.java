package io.monstack.stack;

/** The user asked for something that cannot be done as asked (exit 1); the message says how to fix it. */
public class UserException extends RuntimeException {
    public UserException(String message) {
        super(message);
    }
}

package io.monstack.images;

/** The engine's client is not installed, or no engine answers it: the machine lacks something (exit 3). */
public class EngineUnavailableException extends RuntimeException {
    public EngineUnavailableException(String message) {
        super(message);
    }
}

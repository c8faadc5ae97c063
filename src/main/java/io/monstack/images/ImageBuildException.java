package io.monstack.images;

import io.monstack.stack.UserException;

/** A build, push or inspect failed; the engine's own output was shown as it came (exit 1). */
public class ImageBuildException extends UserException {
    public ImageBuildException(String message) {
        super(message);
    }
}

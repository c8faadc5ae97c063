package io.monstack.spec;

/** One thing wrong with the spec, at a path like {@code targets[2].scrapeInterval}. */
public record Problem(String path, String message) {
    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}

package io.monstack.support;

/** Timestamped progress lines for a long test, so a slow or hung step shows in the CI log. */
public final class Progress {
    private final String test;
    private final long t0 = System.nanoTime();

    /** test: the tag each line starts with, e.g. "docker e2e". */
    public Progress(String test) {
        this.test = test;
    }

    public void log(String message) {
        System.out.printf("[%s %5.1fs] %s%n", test, (System.nanoTime() - t0) / 1e9, message);
    }
}

package io.monstack.support;

/** Pauses in polling loops. */
public final class Waits {
    private Waits() {
    }

    /** Thread.sleep for loops that do not declare InterruptedException: an interrupt keeps its flag and fails the test. */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

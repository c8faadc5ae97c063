package io.monstack.images;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** Runs the engine's client. The real one is {@link SystemProcessRunner}; tests may fake it. */
public interface ProcessRunner {
    /** The outcome of a captured run. timedOut: killed after the timeout (exitCode is then -1). */
    record Captured(int exitCode, String stdout, String stderr, boolean timedOut) {
        public boolean ok() {
            return !timedOut && exitCode == 0;
        }
    }

    /** Runs to completion, handing every line of output (stdout and stderr merged) to lines; returns the exit code. */
    int stream(List<String> command, Consumer<String> lines) throws IOException;

    /** Runs with a time limit and returns what it printed. */
    Captured capture(List<String> command, Duration timeout) throws IOException;
}

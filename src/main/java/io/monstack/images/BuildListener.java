package io.monstack.images;

/** Where a build reports progress; the CLI prints it, the core never does. */
public interface BuildListener {
    /** A line of ours, e.g. "building gallery/prometheus:latest from gallery/prometheus/ ...". */
    void step(String message);

    /** A line the engine's client printed (build output, errors), as it comes. */
    void output(String line);

    /** Something worth knowing that does not stop the build. */
    void note(String message);

    static BuildListener silent() {
        return new BuildListener() {
            @Override
            public void step(String message) {
            }

            @Override
            public void output(String line) {
            }

            @Override
            public void note(String message) {
            }
        };
    }
}

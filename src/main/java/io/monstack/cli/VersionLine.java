package io.monstack.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * "monstack 0.1.0 (commit 0123456789ab) on Java 17.0.15+6, /usr/lib/monstack/runtime": the build
 * (monstack.properties, filtered at build time) and the runtime this process runs on. A class of
 * its own, free of picocli, so that Main can answer --version before any command class loads.
 */
public final class VersionLine {
    private VersionLine() {
    }

    public static String text() {
        Properties p = properties();
        // unset (no git at build time) or git's error message: the commit is not known
        String commit = p.getProperty("commit", "");
        if (!commit.matches("[0-9a-f]{7,40}(-dirty)?")) {
            commit = "unknown";
        }
        return release(p) + " (commit " + commit + ") on Java " + System.getProperty("java.runtime.version")
                + ", " + System.getProperty("java.home");
    }

    /** "monstack 0.1.0": the release alone, as the man pages name it. */
    public static String release() {
        return release(properties());
    }

    private static String release(Properties p) {
        return "monstack " + p.getProperty("version", "dev");
    }

    private static Properties properties() {
        Properties p = new Properties();
        try (InputStream in = VersionLine.class.getResourceAsStream("/monstack.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // the version is informative only
        }
        return p;
    }
}

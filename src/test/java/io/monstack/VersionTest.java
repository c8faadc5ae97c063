package io.monstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.monstack.support.Cli;
import io.monstack.support.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** --version names the version, the commit it was built from and the Java runtime, and stays cheap. */
class VersionTest {
    /** What the version line must say, worked out here independently of the build's properties file. */
    private static String expectedLine() throws IOException {
        Matcher m = Pattern.compile("<artifactId>monstack</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(m.find()).as("the project version in pom.xml").isTrue();
        Tools.Result git = Tools.run(Path.of("."), 30, "git", "describe", "--always", "--dirty", "--abbrev=12",
                "--match", "no-tag-is-named-like-this");
        String commit = git.exitCode() == 0 ? git.output().strip() : "unknown";
        return "monstack " + m.group(1) + " (commit " + commit + ") on Java " + System.getProperty("java.runtime.version")
                + ", " + System.getProperty("java.home");
    }

    @Test
    void versionNamesBuildCommitAndRuntime() throws IOException {
        String expected = expectedLine();
        assertThat(expected).matches("monstack \\d+\\.\\d+\\.\\d+ \\(commit ([0-9a-f]{12}(-dirty)?|unknown)\\) on Java 17.*");
        Tools.Result run = Tools.run(null, 60, Tools.javaCommand("--version").toArray(String[]::new));
        assertThat(run.exitCode()).isZero();
        assertThat(run.output().strip()).isEqualTo(expected);
        // picocli's -V, on the top command and on every subcommand, prints the same line
        assertThat(Cli.run("-V").out().strip()).isEqualTo(expected);
        assertThat(Cli.run("init", "--version").out().strip()).isEqualTo(expected);
        assertThat(Cli.run("discover", "-V").out().strip()).isEqualTo(expected);
    }

    @Test
    void versionIsAnsweredWithoutLoadingPicocli() {
        // Start-up time: --version must not build the command model (README, Performance).
        java.util.List<String> cmd = new java.util.ArrayList<>(Tools.javaCommand("--version"));
        cmd.add(1, "-verbose:class");
        Tools.Result run = Tools.run(null, 60, cmd.toArray(String[]::new));
        assertThat(run.exitCode()).isZero();
        assertThat(run.output()).contains("io.monstack.Main").doesNotContain("picocli.");
        // and the check can see picocli when it is loaded
        java.util.List<String> help = new java.util.ArrayList<>(Tools.javaCommand("--help"));
        help.add(1, "-verbose:class");
        assertThat(Tools.run(null, 60, help.toArray(String[]::new)).output()).contains("picocli.CommandLine");
    }
}

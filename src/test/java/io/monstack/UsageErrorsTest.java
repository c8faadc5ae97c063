package io.monstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.monstack.cli.ExitCodes;
import io.monstack.support.Cli;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A usage error is what kubectl and gh show: the error on one line, picocli's "did you mean" if it
 * has one, and where the usage is; never the whole help, which would bury the error. Exit 2.
 */
class UsageErrorsTest {
    @TempDir
    Path tmp;

    private static void assertUsageError(Cli.Run run, String... lines) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().toList()).containsExactly(lines);
    }

    @Test
    void anUnknownOptionOfTheTopCommand() {
        assertUsageError(Cli.run("--bogus"),
                "error: unknown option: '--bogus'",
                "Run 'monstack --help' for usage.");
    }

    @Test
    void noCommandAtAll() {
        assertUsageError(Cli.run(),
                "error: give a command: init, add-target, discover, generate, build-images, ...",
                "Run 'monstack --help' for usage.");
    }

    @Test
    void aMistypedCommandKeepsPicocliSuggestion() {
        assertUsageError(Cli.run("initt"),
                "error: unmatched argument at index 0: 'initt'",
                "Did you mean: monstack init?",
                "Run 'monstack --help' for usage.");
    }

    @Test
    void anUnknownOptionOfASubcommand() {
        assertUsageError(Cli.run("init", tmp.toString(), "--bogus"),
                "error: unknown option: '--bogus'",
                "Run 'monstack init --help' for usage.");
    }

    @Test
    void aMistypedOptionOfASubcommandKeepsTheSuggestion() {
        assertUsageError(Cli.run("generate", tmp.toString(), "--dry"),
                "error: unknown option: '--dry'",
                "Possible solutions: --dry-run",
                "Run 'monstack generate --help' for usage.");
    }

    @Test
    void aMissingOptionValueOfASubcommand() {
        assertUsageError(Cli.run("init", tmp.resolve("x").toString(), "--scrape-interval"),
                "error: missing required parameter for option '--scrape-interval' (DURATION)",
                "Run 'monstack init --help' for usage.");
    }

    @Test
    void aMissingValueOfAShortOption() {
        // (the top command has no option that takes a value: -h and -V only)
        assertUsageError(Cli.run("add-target", "api", "-C"),
                "error: missing required parameter for option '--dir' (DIR)",
                "Run 'monstack add-target --help' for usage.");
    }

    @Test
    void aUsageErrorFoundByTheCommandItselfLooksTheSame() {
        // thrown from add-target's call(): no NAME and no terminal to ask on
        assertUsageError(Cli.run("add-target", "-C", tmp.toString()),
                "error: give NAME or run on a terminal (or answer from a file with --answers FILE)",
                "Run 'monstack add-target --help' for usage.");
    }

    /** picocli's message quotes what was typed: its control characters are escaped, so it cannot drive the terminal. */
    @Test
    void aHostileArgumentIsShownEscaped() {
        Cli.Run run = Cli.run("init", "--bad\u001b[31m\nfake: line");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).doesNotContain("\u001b").contains("--bad\\x1b[31m\\x0afake: line");
        assertThat(run.err().lines()).hasSize(2);
    }
}

package io.monstack.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.monstack.cli.ExitCodes;
import io.monstack.support.Cli;
import io.monstack.support.Net;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's contract without a running stack: exit codes, one-line errors, help. */
class CheckCommandTest {
    @TempDir
    Path tmp;

    private Path stack() {
        Path dir = tmp.resolve("stack");
        Cli.Run init = Cli.run("init", dir.toString(), "--name", "shop", "--no-input", "--target", "name=web,runtime=go,static=web:8080");
        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(init.out()).as("init's last line names check as the step after compose up")
                .contains("docker compose up -d --build && monstack check --wait 2m");
        return dir;
    }

    @Test
    void prometheusNotAnsweringIsExit3WithOneLineNamingTheUrl() throws Exception {
        Path dir = stack();
        String url = "http://127.0.0.1:" + Net.freePort();
        Cli.Run run = Cli.run("check", dir.toString(), "--url", url);
        assertThat(run.exitCode()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat(run.err().strip()).startsWith("error: no Prometheus answers at " + url + " (connection refused)")
                .doesNotContain("\n");
        assertThat(run.out()).isEmpty();

        // with --wait it keeps trying until the time is up, then says the same
        long start = System.nanoTime();
        Cli.Run waited = Cli.run("check", dir.toString(), "--url", url, "--wait", "2s");
        assertThat(waited.exitCode()).isEqualTo(ExitCodes.ENVIRONMENT);
        assertThat((System.nanoTime() - start) / 1e9).isGreaterThanOrEqualTo(2.0);
        assertThat(waited.err()).contains("waiting for Prometheus at " + url, "error: no Prometheus answers at " + url);
    }

    @Test
    void badInputIsOneLineAndExit1() throws Exception {
        Path dir = stack();
        Cli.Run wait = Cli.run("check", dir.toString(), "--wait", "2x");
        assertThat(wait.exitCode()).isEqualTo(ExitCodes.USER_ERROR);
        assertThat(wait.err().strip()).isEqualTo("error: --wait 2x is not a duration of up to 1h; write e.g. 30s or 2m");

        Cli.Run url = Cli.run("check", dir.toString(), "--url", "localhost:9090");
        assertThat(url.exitCode()).isEqualTo(ExitCodes.USER_ERROR);
        assertThat(url.err().strip()).isEqualTo("error: --url: \"localhost:9090\" is not a URL; write it with the scheme, "
                + "e.g. http://localhost:9090");

        Cli.Run noStack = Cli.run("check", tmp.resolve("nothing").toString());
        assertThat(noStack.exitCode()).isEqualTo(ExitCodes.USER_ERROR);
        assertThat(noStack.err().strip()).startsWith("error: no monstack.yml in ").doesNotContain("\n");

        assertThat(Cli.run("check", "--no-such-option").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void helpShowsExamplesAndTheExitCodes() {
        Cli.Run help = Cli.run("check", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--wait", "--json", "--url", "monstack check mystack --wait 2m",
                "3 Prometheus not reachable, 5 problems found");
        assertThat(Cli.run("--help").out()).contains("5 check found problems", "monstack check mystack --wait 2m");
    }
}

package io.monstack.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import io.monstack.spec.ExporterSettings;
import io.monstack.spec.SpecReader;
import io.monstack.spec.Target;
import io.monstack.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * add-target's questions about one service: a rule between two answers (or an answer and a flag)
 * is asked again where it is wrong, so a finished wizard never ends in a validation error; what does
 * not apply to the service (an exporter's path and metrics) is not asked; defaults come from the runtime.
 */
class WizardTargetRulesTest {
    @TempDir
    Path tmp;
    Path dir;

    @BeforeEach
    void stack() {
        dir = tmp.resolve("stack");
        assertThat(Cli.run("init", dir.toString(), "--name", "shop", "--no-input").exitCode()).isZero();
    }

    @Test
    void aPasswordFileWithoutAUserAsksForTheUserAgain() throws IOException {
        Cli.Run run = addTarget(List.of("db", "postgres", "", "", "", "secrets/pg", "monitor", "", "y"));
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        assertThat(run.out()).contains("Address: host:port of the PostgreSQL server, e.g. db:5432 [db:5432]: ",
                        "User it logs in as (empty: none): ",
                        "! exporter.username: is required with a password file: the user postgres's exporter logs in as",
                        "User it logs in as: ")
                .doesNotContain("Metrics path", "The app's own metrics", "error:");
        assertThat(target("db").exporter()).isEqualTo(new ExporterSettings("db:5432", "monitor", "secrets/pg"));
        assertThat(target("db").metricsPath()).isEqualTo("/metrics");
    }

    @Test
    void aPasswordFileFlagMakesTheUserRequiredWhereItIsAsked() throws IOException {
        Cli.Run run = addTarget(List.of("db", "", "", "", "monitor", "", "y"), "--runtime", "postgres", "--password-file", "secrets/pg");
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        assertThat(run.out()).contains("User it logs in as: ", "! is required with a password file")
                .doesNotContain("User it logs in as (empty: none)", "Password file,");
        assertThat(target("db").exporter()).isEqualTo(new ExporterSettings("db:5432", "monitor", "secrets/pg"));
    }

    @Test
    void anAddressWithoutAProposalHasNoDefault() throws IOException {
        Cli.Run run = addTarget(List.of("shop-site", "blackbox", "", "", "https://shop.example.com/", "", "y"));
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        assertThat(run.out()).contains("Address: the URL to probe, e.g. https://shop.example.com/: ",
                "! \"\" must be the URL to probe").doesNotContain("Metrics path", "The app's own metrics", "User it logs in as");
        assertThat(target("shop-site").exporter().address()).isEqualTo("https://shop.example.com/");
        assertThat(target("shop-site").metricsPath()).isEqualTo("/probe");
    }

    @Test
    void anIntervalShorterThanTheTimeoutFlagIsAskedAgain() throws IOException {
        Cli.Run run = addTarget(List.of("go", "1", "", "", "5s", "10s", "", "y"), "web", "--timeout", "10s");
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        assertThat(run.out()).contains("! scrape timeout 10s is longer than the scrape interval 5s").doesNotContain("error:");
        assertThat(target("web").scrapeInterval()).isEqualTo("10s");
        assertThat(target("web").scrapeTimeout()).isEqualTo("10s");
    }

    /** Answers are checked against the stack's own settings: an empty interval keeps its 30s, under which a 10s timeout fits. */
    @Test
    void theStacksIntervalIsWhatAnEmptyAnswerIsCheckedWith() throws IOException {
        Path slow = tmp.resolve("slow");
        assertThat(Cli.run("init", slow.toString(), "--name", "shop", "--no-input", "--scrape-interval", "30s").exitCode()).isZero();
        dir = slow;
        Cli.Run run = addTarget(List.of("go", "1", "", "", "", "", "y"), "web", "--timeout", "10s");
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        assertThat(run.out()).doesNotContain("longer than the scrape interval");
        assertThat(target("web").scrapeInterval()).isNull();
        assertThat(target("web").scrapeTimeout()).isEqualTo("10s");
    }

    @Test
    void aStaticHostWithoutPortSaysWhichPortThatIs() throws IOException {
        Cli.Run go = addTarget(List.of("api", "go", "1", "", "", "", "", "y"));
        assertThat(go.exitCode()).as(go.err() + go.out()).isZero();
        assertThat(go.out()).contains("Host[:port] (comma-separate several; port 80 if none) [api]: ");
        assertThat(target("api").staticTargets()).containsExactly("api");
        Cli.Run spring = addTarget(List.of("orders", "spring-boot", "1", "", "", "", "", "y"));
        assertThat(spring.exitCode()).as(spring.err() + spring.out()).isZero();
        assertThat(spring.out()).contains("Host[:port] (comma-separate several) [orders:8080]: ").doesNotContain("port 80 if none");
    }

    private Cli.Run addTarget(List<String> answers, String... flags) throws IOException {
        Path file = Files.createTempFile(tmp, "answers", ".txt");
        Files.write(file, answers);
        List<String> args = new java.util.ArrayList<>(List.of("add-target", "-C", dir.toString(), "--answers", file.toString()));
        args.addAll(List.of(flags));
        return Cli.run(args.toArray(String[]::new));
    }

    private Target target(String name) {
        return SpecReader.read(dir.resolve("monstack.yml")).target(name).orElseThrow();
    }
}

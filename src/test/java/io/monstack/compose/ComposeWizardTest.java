package io.monstack.compose;

import static org.assertj.core.api.Assertions.assertThat;

import io.monstack.spec.AppNetwork;
import io.monstack.spec.SpecReader;
import io.monstack.spec.StackSpec;
import io.monstack.support.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a terminal (here: --answers) init --compose starts from what it found and asks only what the file does not tell. */
class ComposeWizardTest {
    @TempDir
    Path tmp;

    @Test
    void asksOnlyWhatTheComposeFileDoesNotTell() throws IOException {
        Path file = ComposeImportTest.composeFile(tmp.resolve("shop"), """
                services:
                  api:
                    image: acme/api-spring:1
                    deploy: {replicas: 2}
                  mystery:
                    image: acme/mystery:1
                  db:
                    image: postgres:16
                    profiles: [db]
                """);
        Path answers = tmp.resolve("answers.txt");
        Files.write(answers, List.of(
                "",                 // stack name: the folder's
                                    // api: nothing left open, nothing asked
                "go",               // mystery: the runtime nothing tells
                "9100",             // ... and the port (nothing else: path and interval are the preset's and the stack's)
                "n",                // no other service
                "y", "",            // the Docker engine, on the default address
                "", "",             // no host view, no container view
                "",                 // alerting: no
                "y"));              // write it (the platform is the compose file's: not asked)
        Path dir = tmp.resolve("monitoring");
        Cli.Run run = Cli.run("init", dir.toString(), "--compose", file.toString(), "--answers", answers.toString());
        assertThat(run.exitCode()).as("%s%s", run.out(), run.err()).isZero();
        assertThat(run.out()).contains("Service 1 to scrape: api (from the compose file)", "Runtime of mystery:",
                        "Port on each replica (empty: leave mystery out)", "to ask: the port that serves metrics, the runtime")
                .doesNotContain("Runtime of api:", "How does Prometheus reach", "Platform (compose or swarm)", "Service name",
                        "Metrics path", "Scrape interval")
                .containsPattern("left out db +only in profile db");
        StackSpec spec = SpecReader.read(dir.resolve("monstack.yml"));
        assertThat(spec.targets()).extracting(ComposeImportTest::shape)
                .containsExactly("dns api:8080 spring-boot /actuator/prometheus", "dns mystery:9100 go /metrics");
        assertThat(spec.target("mystery").orElseThrow().scrapeInterval()).isNull();
        assertThat(spec.networks()).containsExactly(new AppNetwork("shop_default"));
    }

    @Test
    void withoutQuestionsWhatNothingTellsIsLeftOut() throws IOException {
        Path file = ComposeImportTest.composeFile(tmp.resolve("shop"), "services:\n  mystery:\n    image: acme/mystery:1\n  web:\n    image: golang\n"
                + "    expose: [\"8080\"]\n");
        Path dir = tmp.resolve("monitoring");
        Cli.Run run = Cli.run("init", dir.toString(), "--no-input", "--compose", file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("left out mystery +nothing tells which port serves its metrics: label it monstack.port");
        assertThat(SpecReader.read(dir.resolve("monstack.yml")).targets()).extracting(ComposeImportTest::shape)
                .containsExactly("dns web:8080 go /metrics");
    }
}

package io.monstack.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import io.monstack.spec.SpecReader;
import io.monstack.support.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `monstack init` in a real pseudo-terminal (tmux): the prompts a user sees, typing, Ctrl-C. */
class WizardTerminalTest {
    @TempDir
    Path tmp;

    @Test
    void aWholeRunOnATerminalWithAWrongAnswerAskedAgain() throws IOException {
        try (Tmux term = new Tmux(Tmux.script(tmp, Tools.javaCommand("init", "diamol-ch09")))) {
            term.expect("Stack name (names the images, the compose project and the dashboard folder) [diamol-ch09]:");
            term.answer("");
            service(term, "image-gallery", "go", "1", "[image-gallery]:", "image-gallery:80");
            term.expect("Add another service? [y/N]:");
            term.answer("y");
            service(term, "iotd-api", "spring-boot", "1", "[iotd-api:8080]:", "iotd");
            term.expect("Add another service? [y/N]:");
            term.answer("y");
            term.expect("Service name (its Prometheus job name):");
            term.answer("access-log");
            term.expect("Runtime (number or name) [other]:");
            term.answer("5");
            term.expect("Choice [1]:");
            term.answer("2");
            term.expect("DNS name [access-log]:");
            term.answer("accesslog");
            term.expect("Record type: A, AAAA or SRV [A]:");
            term.answer("");
            term.expect("Port on each replica:");
            term.answer("70000");
            term.expect("! a port is a number from 1 to 65535");
            term.expect("Port on each replica:");
            term.answer("80");
            term.expect("Metrics path [/metrics]:");
            term.answer("");
            term.expect("Scrape interval, e.g. 15s (empty: the stack's 5s):");
            term.answer("5x");
            term.expect("! not a duration");
            term.expect("Scrape interval, e.g. 15s (empty: the stack's 5s):");
            term.answer("3s");
            term.expect("metric:");
            term.answer("access_log_total:counter:total log requests");
            term.expect("metric:");
            term.answer("access_client_ip_current:gauge:current unique IP addresses");
            term.expect("metric:");
            term.answer("");
            term.expect("Add another service? [y/N]:");
            term.answer("");
            term.expect("Scrape the Docker engine's own metrics? [Y/n]:");
            term.answer("");
            term.expect("note: 0.0.0.0 exposes the engine's metrics to the whole network");
            term.expect("Address the Docker daemon serves metrics on [0.0.0.0:9323]:");
            term.answer("");
            term.expect("Host view (node-exporter: CPU, memory, disks, network of the host)? [y/N]:");
            term.answer("");
            term.expect("Container view (cAdvisor: CPU, memory, network, restarts per container)? [y/N]:");
            term.answer("");
            term.expect("Alerting (rules per service, an Alertmanager; receivers go in monstack.yml)? [y/N]:");
            term.answer("");
            term.expect("Platform (compose or swarm) [compose]:");
            term.answer("");
            term.expect("This is the monstack.yml it will write:");
            term.expect("Write this stack to " + tmp.toRealPath().resolve("diamol-ch09") + "? [Y/n]:");
            assertThat(tmp.resolve("diamol-ch09")).as("nothing is written before the last answer").doesNotExist();
            term.answer("y");
            term.expect("done: 14 created");
            term.expect("[exit 0]");
            assertThat(term.screen()).doesNotContain("Exception");
        }
        Path dir = tmp.resolve("diamol-ch09");
        assertThat(SpecReader.read(dir.resolve("monstack.yml"))).isEqualTo(SpecReader.read(WizardAnswersTest.SAMPLE));
        assertThat(dir.resolve("prometheus/prometheus.yml")).isRegularFile();
        assertThat(dir.resolve("grafana/dashboards/service-access-log.json")).isRegularFile();
    }

    @Test
    void ctrlCMidwayLeavesNoFiles() throws IOException {
        Path dir = tmp.resolve("stack");
        try (Tmux term = new Tmux(Tmux.script(tmp, Tools.javaCommand("init", "stack")))) {
            term.expect("Stack name (names the images, the compose project and the dashboard folder) [stack]:");
            term.answer("");
            service(term, "web", "go", "1", "[web]:", "web:8080");
            term.expect("Add another service? [y/N]:");
            term.answer("n");
            term.expect("Scrape the Docker engine's own metrics? [Y/n]:");
            term.keys("C-c");
            term.expect("[exit 130]");
        }
        try (Stream<Path> files = Files.exists(dir) ? Files.walk(dir).filter(Files::isRegularFile) : Stream.empty()) {
            assertThat(files.toList()).isEmpty();
        }
    }

    private static void service(Tmux term, String name, String runtime, String how, String hostDefault, String host) {
        term.expect("Service name (its Prometheus job name):");
        term.answer(name);
        term.expect("Runtime (number or name) [other]:");
        term.answer(runtime);
        term.expect("Choice [1]:");
        term.answer(how);
        term.expect(hostDefault);
        term.answer(host);
        term.expect("Metrics path [");
        term.answer("");
        term.expect("Scrape interval");
        term.answer("");
        term.expect("metric:");
        term.answer("");
    }
}

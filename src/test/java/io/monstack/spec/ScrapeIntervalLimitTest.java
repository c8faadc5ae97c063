package io.monstack.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.monstack.support.Cli;
import io.monstack.support.PromTools;
import io.monstack.support.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scrape intervals of Prometheus' 5m lookback or longer are refused: such series go stale between
 * scrapes, and promtool's lint refuses the config. Just under the limit, the stack passes it.
 */
class ScrapeIntervalLimitTest {
    @TempDir
    Path tmp;

    @Test
    void fiveMinutesOrMoreAreRefusedForTheStackAndForATarget() {
        Cli.Run global = Cli.run("init", tmp.resolve("a").toString(), "--name", "s", "--no-input", "--scrape-interval", "5m");
        assertThat(global.exitCode()).isEqualTo(1);
        assertThat(global.err().strip()).doesNotContain("\n").contains("scrape interval 5m is 5m or longer").contains("scrape more often, e.g. every 4m");
        assertThat(tmp.resolve("a")).doesNotExist();

        Cli.Run target = Cli.run("init", tmp.resolve("b").toString(), "--name", "s", "--no-input",
                "--target", "name=web,runtime=go,static=web:8080,interval=1h");
        assertThat(target.exitCode()).isEqualTo(1);
        assertThat(target.err()).contains("scrape interval 1h is 5m or longer");
    }

    @Test
    void justUnderTheLimitPassesPromtoolsLint() throws Exception {
        Path dir = tmp.resolve("c");
        Cli.Run run = Cli.run("init", dir.toString(), "--name", "s", "--no-input", "--scrape-interval", "4m59s",
                "--target", "name=web,runtime=go,static=web:8080,interval=4m");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Tools.Result lint = Tools.run(dir.resolve("prometheus"), 60, PromTools.promtool(3).toString(), "check", "config",
                "--lint=all", "--lint-fatal", "prometheus.yml");
        assertThat(lint.exitCode()).as(lint.output()).isZero();
        assertThat(Files.readString(dir.resolve("prometheus/prometheus.yml"))).contains("scrape_interval: \"4m59s\"");
    }
}

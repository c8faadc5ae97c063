package io.monstack.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.monstack.support.Samples;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecReaderTest {
    @Test
    void readsTheBookSample() {
        StackSpec spec = SpecReader.read(Samples.ROOT.resolve("diamol-ch09/monstack.yml"));
        assertThat(spec.name()).isEqualTo("diamol-ch09");
        assertThat(spec.prometheus().scrapeInterval()).isEqualTo("5s");
        assertThat(spec.targets()).extracting(Target::name).containsExactly("image-gallery", "iotd-api", "access-log");
        Target accessLog = spec.target("access-log").orElseThrow();
        assertThat(accessLog.dns()).isEqualTo(new DnsDiscovery(List.of("accesslog"), "A", 80, null));
        assertThat(accessLog.scrapeInterval()).isEqualTo("3s");
        assertThat(accessLog.metrics()).extracting(CustomMetric::name, CustomMetric::type).containsExactly(
                org.assertj.core.groups.Tuple.tuple("access_log_total", MetricType.COUNTER),
                org.assertj.core.groups.Tuple.tuple("access_client_ip_current", MetricType.GAUGE));
        assertThat(spec.target("iotd-api").orElseThrow().metricsPath()).isEqualTo("/actuator/prometheus");
        assertThat(spec.dockerEngine().enabled()).isTrue();
        assertThat(spec.dockerEngine().metricsAddr()).isEqualTo("0.0.0.0:9323");
    }

    @Test
    void writeThenReadGivesTheSameSpec() {
        StackSpec spec = SpecReader.read(Samples.ROOT.resolve("diamol-ch09/monstack.yml"));
        String written = SpecWriter.write(spec);
        assertThat(SpecReader.parse(written, "monstack.yml")).isEqualTo(spec);
        assertThat(SpecWriter.write(SpecReader.parse(written, "monstack.yml"))).isEqualTo(written);
    }

    @Test
    void defaultsFillWhatIsLeftOut() {
        StackSpec spec = SpecReader.parse("name: shop\ntargets:\n  - name: api\n    runtime: quarkus\n    static: [api:8080]\n", "monstack.yml");
        assertThat(spec.prometheus()).isEqualTo(PrometheusSettings.defaults());
        assertThat(spec.publishAddress()).isEqualTo("127.0.0.1");
        assertThat(spec.target("api").orElseThrow().metricsPath()).isEqualTo("/q/metrics");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "name: shop\\nprometheus:\\n  scrape_interval: 5s | monstack.yml:3:3: unknown key \"scrape_interval\" in prometheus (did you mean \"scrapeInterval\"?)",
        "name: shop\\ntargts: [] | monstack.yml:2:1: unknown key \"targets\"",
        "name: shop\\nprometheus:\\n  scrapeInterval: 5x | monstack.yml:3:19: prometheus.scrapeInterval: \"5x\" is not a Prometheus duration",
        "name: shop\\nname: again | monstack.yml:2:1: duplicate key \"name\"",
        "name: [a, b] | monstack.yml:1:7: name must be a single value",
        "name: shop\\ntargets:\\n  - name: x\\n    static: [x]\\n    dns: {names: [y], port: 80} | monstack.yml:3:5: targets[0]: give either static",
        "name: shop\\n  bad: indent | monstack.yml:2:6: invalid YAML",
    })
    void errorsNameFileLineAndColumn(String yaml, String expected) {
        String text = yaml.replace("\\n", "\n");
        String fixedExpected = expected.replace("unknown key \"targets\"", "unknown key \"targts\"");
        assertThatThrownBy(() -> SpecReader.parse(text, "monstack.yml"))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining(fixedExpected.substring(0, Math.min(fixedExpected.length(), 60)));
    }

    @Test
    void unknownTopLevelKeySuggestsTheRightOne() {
        assertThatThrownBy(() -> SpecReader.parse("name: shop\ntargts: []\n", "monstack.yml"))
                .hasMessageContaining("monstack.yml:2:1: unknown key \"targts\" (did you mean \"targets\"?)");
    }

    @Test
    void aliasBombIsRefusedQuickly() {
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char prev = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append('*').append(prev).append(i < 8 ? "," : "");
            }
            bomb.append("]\n");
        }
        long start = System.nanoTime();
        assertThatThrownBy(() -> SpecReader.parse(bomb.toString(), "monstack.yml")).isInstanceOf(SpecException.class);
        assertThat((System.nanoTime() - start) / 1_000_000).as("ms to refuse the alias bomb").isLessThan(5_000);
    }

    @Test
    void validationListsEveryProblem() {
        String yaml = "name: Shop!\nprometheus: {port: 70000}\ntargets:\n  - {name: prometheus, static: [\"a b\"], runtime: cobol}\n";
        assertThatThrownBy(() -> SpecReader.parse(yaml, "m.yml"))
                .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.problems()).hasSizeGreaterThanOrEqualTo(5)
                        .anyMatch(p -> p.startsWith("m.yml:1:7: name: stack name \"Shop!\""))
                        .anyMatch(p -> p.contains("port 70000 must be from 1 to 65535"))
                        .anyMatch(p -> p.contains("taken by monstack's own job"))
                        .anyMatch(p -> p.contains("unknown runtime \"cobol\""))
                        .anyMatch(p -> p.contains("\"a b\" is not a host name")));
    }

    /**
     * A file with mistakes of every kind it can hold as YAML: all of them at once, each at its line
     * and column, in file order; none blamed on the default that stands in for a value left out.
     */
    @Test
    void everyMistakeOfTheFileIsSaidAtOnce() {
        String text = """
                name: shop
                prometheus:
                  scrapeIntervall: 10s
                  port: nine
                grafana:
                  port: 9090
                targets:
                  - name: web
                    runtime: go
                    static: [web:8080]
                    scrapeTimeout: 30s
                    metrics:
                      - {name: orders_total, type: countr}
                  - name: [api]
                    static: [[x]]
                alerting:
                  enabled: maybe
                """;
        SpecException e = org.junit.jupiter.api.Assertions.assertThrows(SpecException.class, () -> SpecReader.parse(text, "monstack.yml"));
        assertThat(e.problems()).containsExactly(
                "monstack.yml:3:3: unknown key \"scrapeIntervall\" in prometheus (did you mean \"scrapeInterval\"?)",
                "monstack.yml:4:9: prometheus.port must be a whole number, got \"nine\"",
                "monstack.yml:13:36: targets[0].metrics[0].type: unknown metric type \"countr\"; expected counter, gauge, histogram or summary",
                "monstack.yml:14:11: targets[1].name must be a single value, not a list or mapping",
                "monstack.yml:15:14: targets[1].static[0] must be a single value, not a list or mapping",
                "monstack.yml:17:12: alerting.enabled must be true or false");
        // not blamed on the defaults standing in: the 5s interval against the 30s timeout, Prometheus' 9090 against Grafana's
    }

    /** Once the file reads, the validator's problems, each at its place. */
    @Test
    void whatReadsIsThenValidatedAtItsPlace() {
        SpecException e = org.junit.jupiter.api.Assertions.assertThrows(SpecException.class,
                () -> SpecReader.parse("name: shop\ntargets:\n  - name: web\n    runtime: golang\n    static: [web:8080]\n", "monstack.yml"));
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p).startsWith("monstack.yml:4:14: targets[0].runtime: unknown runtime \"golang\""));
    }

    @Test
    void aLineIndentedOffItsBlockIsSaidWithWhatToCheck() {
        SpecException e = org.junit.jupiter.api.Assertions.assertThrows(SpecException.class,
                () -> SpecReader.parse("name: shop\nprometheus:\n  port: 9090\n   retention: 15d\n", "monstack.yml"));
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p).startsWith("monstack.yml:4:")
                .contains("invalid YAML").contains("check the indentation"));
    }
}

package io.monstack.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.monstack.generate.AlertRules;
import io.monstack.images.BuildPlan;
import io.monstack.images.ImageBuildOptions;
import io.monstack.images.ImageBuilder;
import io.monstack.images.ImageJob;
import io.monstack.spec.AlertReceiver;
import io.monstack.spec.AlertThresholds;
import io.monstack.spec.AlertingSettings;
import io.monstack.spec.CustomMetric;
import io.monstack.spec.MetricAlert;
import io.monstack.spec.MetricType;
import io.monstack.spec.Problem;
import io.monstack.spec.SpecException;
import io.monstack.spec.SpecReader;
import io.monstack.spec.SpecValidator;
import io.monstack.spec.SpecWriter;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import io.monstack.support.Cli;
import io.monstack.support.Compose;
import io.monstack.support.PromTools;
import io.monstack.support.PrometheusMajors;
import io.monstack.support.Rendered;
import io.monstack.support.Schemas;
import io.monstack.support.Tools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerting, checked with the real tools: every generated rule file passes `promtool check rules`,
 * prometheus.yml with its rule_files passes `promtool check config`, alertmanager.yml passes
 * `amtool check-config`, and `promtool test rules` shows the rules fire (and stay quiet) on
 * synthetic series. Credentials stay out of the images; user values cannot change structure.
 */
class AlertingTest {
    static final Path SAMPLE = Path.of("samples/alerting/monstack.yml");

    @TempDir
    Path tmp;

    static final Path EVERY_OPTION = Path.of("src/test/resources/specs/alerting-every-option.yml");

    static Stream<StackSpec> specs() {
        return Stream.of(AlertSpecs.everyRule(), SpecReader.read(SAMPLE), SpecReader.read(EVERY_OPTION));
    }

    /** Each spec as pinned and rendered for the other Prometheus major too: both are supported. */
    static Stream<StackSpec> specsOnBothMajors() {
        return specs().flatMap(s -> Stream.of(s, PrometheusMajors.onTheOtherMajor(s)));
    }

    @Test
    void ruleFilesAndTheConfigThatLoadsThemPassPromtool() {
        int n = 0;
        for (StackSpec spec : specsOnBothMajors().toList()) {
            Schemas.assertValid("prometheus-config.json", Rendered.JSON.valueToTree(Rendered.yaml(new Rendered(spec)
                    .text("prometheus/prometheus.yml"))), spec.name() + " prometheus.yml");
            Path dir = new Rendered(spec).writeTo(tmp.resolve("s" + n++));
            int major = PrometheusMajors.of(spec);
            for (String file : List.of(AlertRules.ALERTS_FILE, AlertRules.RECORDS_FILE)) {
                Tools.Result r = PromTools.check("rules", major, dir, List.of(file));
                assertThat(r.exitCode()).as("promtool %s check rules --lint=all --lint-fatal %s:%n%s", major, file, r.output()).isZero();
                assertThat(r.output()).contains("SUCCESS").doesNotContain("FAILED", "duplicate");
            }
            Tools.Result config = PromTools.checkConfig(major, dir.resolve("prometheus/prometheus.yml"));
            assertThat(config.exitCode()).as("promtool %s check config --lint=all --lint-fatal:%n%s", major, config.output()).isZero();
            assertThat(config.output()).contains("SUCCESS: 2 rule files found");
        }
        assertThat(n).isEqualTo(6);
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusSendsToTheStacksAlertmanagerAndBakesTheRulesIn() {
        Rendered r = new Rendered(SpecReader.read(SAMPLE));
        Map<String, Object> config = r.yamlMap("prometheus/prometheus.yml");
        assertThat(config.get("rule_files")).isEqualTo(List.of("rules/monstack-records.yml", "rules/monstack-alerts.yml"));
        Map<String, Object> am = ((List<Map<String, Object>>) ((Map<String, Object>) config.get("alerting")).get("alertmanagers")).get(0);
        assertThat(((List<Map<String, Object>>) am.get("static_configs")).get(0).get("targets")).isEqualTo(List.of("alertmanager:9093"));
        assertThat(r.text("prometheus/Dockerfile")).contains("COPY --chown=nobody:nobody rules/ /etc/prometheus/rules/");
        List<String> instructions = r.text("alertmanager/Dockerfile").lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        assertThat(instructions).filteredOn(l -> l.startsWith("FROM ")).containsExactly("FROM prom/alertmanager:v0.28.1");
        assertThat(instructions).filteredOn(l -> l.startsWith("COPY "))
                .containsExactly("COPY --chown=nobody:nobody alertmanager.yml /etc/alertmanager/alertmanager.yml");
        assertThat(instructions).noneMatch(l -> l.startsWith("RUN ") || l.startsWith("ADD "));
    }

    @Test
    void everyAlertmanagerConfigPassesAmtool() {
        Path amtool = PromTools.amtool();
        int n = 0;
        for (StackSpec spec : specs().toList()) {
            Path dir = new Rendered(spec).writeTo(tmp.resolve("am" + n++));
            Tools.Result r = Tools.run(dir, 60, amtool.toString(), "check-config", "alertmanager/alertmanager.yml");
            assertThat(r.exitCode()).as("amtool %s check-config:%n%s", PromTools.ALERTMANAGER, r.output()).isZero();
            assertThat(r.output()).contains("SUCCESS", "1 inhibit rules");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachSeverityIsRoutedToItsReceiversWithCredentialsFromFiles() {
        StackSpec spec = AlertSpecs.everyRule();
        Rendered r = new Rendered(spec);
        Map<String, Object> am = r.yamlMap("alertmanager/alertmanager.yml");
        Map<String, Object> route = (Map<String, Object>) am.get("route");
        assertThat(route).containsEntry("receiver", "monstack-default").containsEntry("group_wait", "10s")
                .containsEntry("group_interval", "1m").containsEntry("repeat_interval", "2h");
        List<Map<String, Object>> routes = (List<Map<String, Object>>) route.get("routes");
        assertThat(routes).extracting(m -> m.get("receiver")).containsExactly("severity-critical", "severity-warning", "severity-info");
        assertThat(routes).extracting(m -> m.get("matchers"))
                .containsExactly(List.of("severity=\"critical\""), List.of("severity=\"warning\""), List.of("severity=\"info\""));
        Map<String, Map<String, Object>> receivers = new java.util.LinkedHashMap<>();
        ((List<Map<String, Object>>) am.get("receivers")).forEach(m -> receivers.put((String) m.get("name"), m));
        assertThat(receivers.keySet()).containsExactly("monstack-default", "severity-critical", "severity-warning", "severity-info");
        Map<String, Object> critical = receivers.get("severity-critical");
        Map<String, Object> email = ((List<Map<String, Object>>) critical.get("email_configs")).get(0);
        assertThat(email).containsEntry("to", "ops@example.com, oncall@example.com").containsEntry("smarthost", "smtp.example.com:587")
                .containsEntry("auth_username", "alerts@example.com")
                .containsEntry("auth_password_file", "/run/secrets/ops-mail-smtp-password").containsEntry("send_resolved", true)
                .doesNotContainKey("auth_password");
        assertThat(((List<Map<String, Object>>) critical.get("slack_configs")).get(0))
                .containsEntry("api_url_file", "/run/secrets/chat-slack-url").containsEntry("channel", "#alerts").doesNotContainKey("api_url");
        assertThat(critical).doesNotContainKey("webhook_configs");
        assertThat(receivers.get("severity-warning")).containsKeys("slack_configs", "webhook_configs").doesNotContainKey("email_configs");
        assertThat(((List<Map<String, Object>>) receivers.get("severity-info").get("webhook_configs")).get(0))
                .containsEntry("url", "http://alert-sink:5001/alerts?x=1").containsEntry("send_resolved", false);

        Map<String, Object> compose = r.yamlMap("compose.yaml");
        Map<String, Object> secrets = (Map<String, Object>) compose.get("secrets");
        assertThat(secrets).isEqualTo(Map.of(
                "ops-mail-smtp-password", Map.of("file", "secrets/smtp-password"),
                "chat-slack-url", Map.of("file", "/etc/monstack/slack-url")));
        Map<String, Object> service = (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get("alertmanager");
        assertThat(service.get("secrets")).isEqualTo(List.of("ops-mail-smtp-password", "chat-slack-url"));
        assertThat(((Map<String, Object>) service.get("build")).get("context")).isEqualTo("./alertmanager");
        assertThat(service.get("image")).isEqualTo("alerts/alertmanager:latest");
        assertThat(service.get("ports")).isEqualTo(List.of("127.0.0.1:9093:9093"));
        assertThat(service.get("volumes")).isEqualTo(List.of("alertmanager-data:/alertmanager"));
        assertThat(service).containsEntry("restart", "unless-stopped").containsKey("healthcheck");
        assertThat((Map<String, Object>) compose.get("volumes")).containsKey("alertmanager-data");
        Schemas.assertValid("compose-spec.json", Rendered.JSON.valueToTree(compose), "compose.yaml");
        // nothing the images are built from names a credential's content or a host path of one
        for (String path : r.files().keySet()) {
            if (path.startsWith("alertmanager/") || path.startsWith("prometheus/") || path.startsWith("grafana/")) {
                assertThat(r.text(path)).as(path).doesNotContain("secrets/smtp-password", "/etc/monstack/slack-url");
            }
        }
        assertThat(r.text(".gitignore")).contains("secrets/");
    }

    @Test
    void composeWithAlertingPassesDockerComposeConfig() throws IOException {
        Path dir = new Rendered(AlertSpecs.everyRule()).writeTo(tmp.resolve("c"));
        Files.writeString(dir.resolve(".env"), "GRAFANA_ADMIN_PASSWORD=test-only-not-a-secret\n");
        Tools.Result r = Compose.v2().config(dir, "compose.yaml", Map.of());
        assertThat(r.exitCode()).as("docker compose config -q:%n%s", r.output()).isZero();
    }

    /**
     * url_file (a webhook URL that carries a token) exists since Alertmanager 0.26 (prometheus/alertmanager#3223,
     * documented under webhook_config): amtool 0.28, the pinned image's version, checks it as written;
     * a spec that pins an older Alertmanager is refused.
     */
    @Test
    @SuppressWarnings("unchecked")
    void webhookUrlFileIsForAlertmanager026AndNewer() throws IOException {
        StackSpec base = AlertSpecs.everyRule();
        AlertingSettings a = base.alerting();
        List<AlertReceiver> receivers = new ArrayList<>(a.receivers());
        receivers.set(2, new AlertReceiver("hook", List.of("warning"), true, null, null,
                new AlertReceiver.Webhook(null, "secrets/hook-url")));
        AlertingSettings withFile = new AlertingSettings(true, a.image(), a.port(), a.groupWait(), a.groupInterval(),
                a.repeatInterval(), a.defaults(), receivers);
        Rendered r = new Rendered(base.withAlerting(withFile));
        Map<String, Object> am = r.yamlMap("alertmanager/alertmanager.yml");
        Map<String, Object> warning = ((List<Map<String, Object>>) am.get("receivers")).stream()
                .filter(m -> "severity-warning".equals(m.get("name"))).findFirst().orElseThrow();
        assertThat(((List<Map<String, Object>>) warning.get("webhook_configs")).get(0))
                .isEqualTo(Map.of("url_file", "/run/secrets/hook-webhook-url", "send_resolved", true));
        PromTools.assertAlertmanagerConfigValid(r.writeTo(tmp.resolve("u")), "alertmanager/alertmanager.yml");

        AlertingSettings old = new AlertingSettings(true, "prom/alertmanager:v0.25.0", a.port(), a.groupWait(), a.groupInterval(),
                a.repeatInterval(), a.defaults(), receivers);
        assertThat(SpecValidator.validate(base.withAlerting(old))).extracting(Problem::toString)
                .anyMatch(p -> p.startsWith("alerting.receivers[2].webhook.urlFile: needs Alertmanager 0.26 or newer"));
    }

    @Test
    void theGeneratedRulesFireOnSyntheticSeriesAndStayQuietBelowThresholds() throws IOException {
        StackSpec pinned = AlertSpecs.everyRule();
        for (StackSpec spec : List.of(pinned, PrometheusMajors.onTheOtherMajor(pinned))) {
            ruleUnitTestsPass(spec);
        }
    }

    /** promtool test rules, of the spec's Prometheus major, on the rules the spec renders. */
    private void ruleUnitTestsPass(StackSpec spec) throws IOException {
        int major = PrometheusMajors.of(spec);
        Rendered rendered = new Rendered(spec);
        Path dir = rendered.writeTo(tmp.resolve("unit-" + major));
        RuleUnitTests t = new RuleUnitTests(rendered.yamlMap(AlertRules.ALERTS_FILE));
        Map<String, String> web = Map.of("job", "web", "instance", "web:8080");
        Map<String, String> api = Map.of("job", "api", "instance", "api:8080");
        Map<String, String> api2 = Map.of("job", "api", "instance", "api-2:8080");
        // target down: up 1, then 0 from 3m; downFor 2m (the stack's) -> pending at 4m, firing at 5m
        t.series("up{job=\"web\",instance=\"web:8080\"}", "1 1 1 0x10")
                .series("up{job=\"api\",instance=\"api:8080\"}", "1x13")
                .none("4m", "TargetDown", "web")
                .fires("5m", "TargetDown", web, "0")
                .fires("10m", "TargetDown", web, "0");
        // JVM heap: used/max (G1: Eden has no max) 960/1000 on api:8080 -> above api's 0.95 for its 3m;
        // 900/1000 on api-2:8080 stays quiet
        t.series("jvm_memory_used_bytes{job=\"api\",instance=\"api:8080\",area=\"heap\",id=\"G1 Old Gen\"}", "900x10")
                .series("jvm_memory_used_bytes{job=\"api\",instance=\"api:8080\",area=\"heap\",id=\"G1 Eden Space\"}", "60x10")
                .series("jvm_memory_max_bytes{job=\"api\",instance=\"api:8080\",area=\"heap\",id=\"G1 Old Gen\"}", "1000x10")
                .series("jvm_memory_max_bytes{job=\"api\",instance=\"api:8080\",area=\"heap\",id=\"G1 Eden Space\"}", "-1x10")
                .series("jvm_memory_used_bytes{job=\"api\",instance=\"api:8080\",area=\"nonheap\",id=\"Metaspace\"}", "5000x10")
                .series("jvm_memory_used_bytes{job=\"api\",instance=\"api-2:8080\",area=\"heap\",id=\"G1 Old Gen\"}", "900x10")
                .series("jvm_memory_max_bytes{job=\"api\",instance=\"api-2:8080\",area=\"heap\",id=\"G1 Old Gen\"}", "1000x10")
                .none("2m", "JvmHeapHigh", "api")
                .fires("5m", "JvmHeapHigh", api, "96%");
        // custom gauge: queue_depth above 100 for 2m fires on api:8080 (150), not on api-2:8080 (50)
        t.series("queue_depth{job=\"api\",instance=\"api:8080\"}", "150x10")
                .series("queue_depth{job=\"api\",instance=\"api-2:8080\"}", "50x10")
                .none("1m", "QueueDepthHigh", "api")
                .fires("3m", "QueueDepthHigh", api, "150");
        // custom counter: rate above 1/s (2/s on api:8080) and below 0.01/s (flat on api-2:8080)
        t.series("orders_total{job=\"api\",instance=\"api:8080\"}", "0+120x10")
                .series("orders_total{job=\"api\",instance=\"api-2:8080\"}", "7x10")
                .fires("5m", "OrdersTotalRateHigh", api, "2")
                .fires("5m", "OrdersTotalRateLow", api2, "0");
        // Go goroutines above web's own 500 for the stack's 5m; a slow scrape (9s of a 10s timeout)
        t.series("go_goroutines{job=\"web\",instance=\"web:8080\"}", "600x10")
                .series("scrape_duration_seconds{job=\"web\",instance=\"web:8080\"}", "9x10")
                .none("4m", "GoGoroutinesHigh", "web")
                .fires("6m", "GoGoroutinesHigh", web, "600")
                .fires("6m", "ScrapeSlow", web, "9s");
        // Node event-loop lag 700ms above the default 500ms; 300ms on another instance stays quiet
        t.series("nodejs_eventloop_lag_seconds{job=\"frontend\",instance=\"frontend:3000\"}", "0.7x10")
                .series("nodejs_eventloop_lag_seconds{job=\"frontend\",instance=\"frontend-2:3000\"}", "0.3x10")
                .fires("6m", "NodeEventLoopLagHigh", Map.of("job", "frontend", "instance", "frontend:3000"), "700ms");
        Path testFile = dir.resolve("prometheus/rules-test.yml");
        Files.writeString(testFile, t.yaml(List.of("rules/monstack-records.yml", "rules/monstack-alerts.yml"), "1m"));
        Tools.Result r = Tools.run(dir.resolve("prometheus"), 120, PromTools.promtool(major).toString(), "test", "rules", "rules-test.yml");
        assertThat(r.exitCode()).as("promtool %s test rules:%n%s%n%s", major, r.output(), Files.readString(testFile)).isZero();
        assertThat(r.output()).contains("SUCCESS");
    }

    @Test
    void userValuesAreRefusedWhenTheyCouldChangeStructure() {
        StackSpec base = AlertSpecs.everyRule();
        AlertingSettings a = base.alerting();
        List<String> problems = SpecValidator.validate(base.withAlerting(new AlertingSettings(true, a.image(), 9090, "soon", a.groupInterval(),
                a.repeatInterval(), AlertThresholds.NONE.withFor("5x").withScrapeSlowRatio(1.5).withScrapeFailureRatio(0.0).with("goroutines", 0), List.of(
                        new AlertReceiver("Ops Mail", List.of("page"), true, new AlertReceiver.Email("ops@example.com\nBcc: x@y.z",
                                "a\"b@example.com", "smtp.example.com", null, "prometheus/pw", null), null, null),
                        new AlertReceiver("chat", null, true, null, new AlertReceiver.Slack("#a {{ .Status }}", "secrets/../alertmanager/url"), null),
                        new AlertReceiver("hook", null, true, null, null, new AlertReceiver.Webhook("http://x/{{ .GroupKey }}", null)),
                        new AlertReceiver("both", null, true, null, new AlertReceiver.Slack("#a", "s"),
                                new AlertReceiver.Webhook("http://x/", null))))))
                .stream().map(Problem::toString).toList();
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("alerting.port: Alertmanager cannot publish port 9090"))
                .anySatisfy(p -> assertThat(p).startsWith("alerting.groupWait: \"soon\" is not a Prometheus duration"))
                .anySatisfy(p -> assertThat(p).startsWith("alerting.defaults.for:"))
                .anySatisfy(p -> assertThat(p).startsWith("alerting.defaults.scrapeSlowRatio: must be a ratio"))
                .anySatisfy(p -> assertThat(p).startsWith("alerting.defaults.scrapeFailureRatio: must be a ratio"))
                .anySatisfy(p -> assertThat(p).startsWith("alerting.defaults.goroutines: must be at least 1"))
                .anySatisfy(p -> assertThat(p).startsWith("alerting.receivers[0].name: receiver name \"Ops Mail\""))
                .anySatisfy(p -> assertThat(p).startsWith("alerting.receivers[0].severities: severity \"page\""))
                .anySatisfy(p -> assertThat(p).startsWith("alerting.receivers[0].email.to: \"ops@example.com\\x0aBcc"))
                .anySatisfy(p -> assertThat(p).startsWith("alerting.receivers[0].email.from:"))
                .anySatisfy(p -> assertThat(p).startsWith("alerting.receivers[0].email.smarthost: \"smtp.example.com\" needs a port"))
                .anySatisfy(p -> assertThat(p).startsWith("alerting.receivers[0].email.passwordFile: \"prometheus/pw\" is inside the prometheus folder"))
                .anySatisfy(p -> assertThat(p).startsWith("alerting.receivers[0].email.username: is required with passwordFile"))
                .anySatisfy(p -> assertThat(p).startsWith("alerting.receivers[1].slack.channel:"))
                .anySatisfy(p -> assertThat(p).startsWith("alerting.receivers[1].slack.apiUrlFile: \"secrets/../alertmanager/url\" is inside the alertmanager folder"))
                .anySatisfy(p -> assertThat(p).startsWith("alerting.receivers[2].webhook.url:"))
                .anySatisfy(p -> assertThat(p).startsWith("alerting.receivers[3]: give exactly one of email, slack or webhook"));

        Target api = base.targets().get(1);
        Target bad = api.withMetrics(List.of(
                new CustomMetric("latency_seconds", MetricType.HISTOGRAM, "", new MetricAlert(1.0, null, null, null, null)),
                new CustomMetric("queue", MetricType.GAUGE, "", new MetricAlert(null, null, null, "page", "5m")),
                new CustomMetric("q2", MetricType.GAUGE, "", new MetricAlert(1.0, 2.0, "1x", null, null))))
                .withAlerts(AlertThresholds.NONE.with("goroutines", 100).with("eventLoopLag", "fast"));
        List<String> metricProblems = SpecValidator.validate(base.withTarget(bad)).stream().map(Problem::toString).toList();
        assertThat(metricProblems)
                .anySatisfy(p -> assertThat(p).startsWith("targets[1].metrics[0].alert: alerts are for counters (rate) and gauges"))
                .anySatisfy(p -> assertThat(p).startsWith("targets[1].metrics[1].alert: give above and/or below"))
                .anySatisfy(p -> assertThat(p).startsWith("targets[1].metrics[1].alert.window: is the rate window of a counter"))
                .anySatisfy(p -> assertThat(p).startsWith("targets[1].metrics[1].alert.severity:"))
                .anySatisfy(p -> assertThat(p).startsWith("targets[1].metrics[2].alert.below: below 2.0 must be less than above 1.0"))
                .anySatisfy(p -> assertThat(p).startsWith("targets[1].metrics[2].alert.for:"))
                .anySatisfy(p -> assertThat(p).startsWith("targets[1].alerts.goroutines: applies to Go runtimes only"))
                .anySatisfy(p -> assertThat(p).startsWith("targets[1].alerts.eventLoopLag:"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void valuesThatAreAllowedLandQuotedAndParseBackUnchanged() {
        StackSpec base = AlertSpecs.everyRule();
        AlertingSettings a = base.alerting();
        String odd = "secrets/it's a \"file\" with $HOME and #hash: {x}.txt";
        List<AlertReceiver> receivers = List.of(new AlertReceiver("ops", null, true, new AlertReceiver.Email(
                "o'neil+alerts@example.com", "alerts@example.com", "[::1]:25", "user: \"root\" # not a comment", odd, false), null, null));
        StackSpec spec = base.withAlerting(new AlertingSettings(true, a.image(), a.port(), a.groupWait(), a.groupInterval(),
                a.repeatInterval(), a.defaults(), receivers));
        assertThat(SpecValidator.validate(spec)).isEmpty();
        Rendered r = new Rendered(spec);
        Map<String, Object> email = ((List<Map<String, Object>>) ((List<Map<String, Object>>) r.yamlMap("alertmanager/alertmanager.yml")
                .get("receivers")).get(1).get("email_configs")).get(0);
        assertThat(email).containsEntry("to", "o'neil+alerts@example.com").containsEntry("smarthost", "[::1]:25")
                .containsEntry("auth_username", "user: \"root\" # not a comment").containsEntry("require_tls", false);
        Map<String, Object> secrets = (Map<String, Object>) r.yamlMap("compose.yaml").get("secrets");
        // Compose interpolates $: the file name reaches Compose as written because $ is doubled
        assertThat(((Map<String, Object>) secrets.get("ops-smtp-password")).get("file")).isEqualTo(odd.replace("$", "$$"));
        assertThat(SpecReader.parse(SpecWriter.write(spec), "monstack.yml")).isEqualTo(spec);
    }

    @Test
    void theSpecRoundTripsThroughMonstackYml() {
        for (StackSpec spec : Stream.concat(specs(), Stream.of(SpecReader.read(EVERY_OPTION))).toList()) {
            assertThat(SpecReader.parse(SpecWriter.write(spec), "monstack.yml")).isEqualTo(spec);
        }
        StackSpec sample = SpecReader.read(SAMPLE);
        assertThat(sample.alerting().enabled()).isTrue();
        assertThat(sample.target("api").orElseThrow().alerts().value("jvmHeapRatio")).isEqualTo(0.95);
        assertThat(sample.target("api").orElseThrow().metrics().get(1).alert())
                .isEqualTo(new MetricAlert(100.0, null, "5m", "critical", null));
    }

    @Test
    void specErrorsNameTheLine() {
        String spec = """
                name: x
                alerting:
                  enabled: true
                  defaults: { for: 5m, jvmHeapRatio: lots }
                """;
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(() -> SpecReader.parse(spec, "monstack.yml"), SpecException.class))
                .hasMessageContaining("monstack.yml:4:").hasMessageContaining("alerting.defaults.jvmHeapRatio must be a number");
        String typo = """
                name: x
                targets:
                  - name: web
                    static: [web]
                    alerts: { jvmHeapRation: 0.9 }
                """;
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(() -> SpecReader.parse(typo, "monstack.yml"), SpecException.class))
                .hasMessageContaining("monstack.yml:5:").hasMessageContaining("did you mean \"jvmHeapRatio\"");
    }

    @Test
    void withAlertingOffNothingOfItIsRendered() {
        StackSpec off = SpecReader.read(Path.of("samples/diamol-ch09/monstack.yml"));
        assertThat(off.alerting().enabled()).isFalse();
        Rendered r = new Rendered(off);
        assertThat(r.files().keySet()).noneMatch(p -> p.startsWith("alertmanager/") || p.startsWith("prometheus/rules/"));
        assertThat(r.text("prometheus/prometheus.yml")).doesNotContain("rule_files", "alerting:");
        assertThat(r.text("compose.yaml")).doesNotContain("alertmanager", "secrets");
        assertThat(r.text("grafana/dashboards/overview.json")).doesNotContain("ALERTS");
        assertThat(r.text("README.md")).doesNotContain("## Alerts");
    }

    @Test
    void theOverviewShowsFiringAlertsAndTheReadmeSaysWhereSecretsGo() {
        Rendered r = new Rendered(SpecReader.read(SAMPLE));
        JsonNode overview = r.json("grafana/dashboards/overview.json");
        Schemas.assertValid("grafana-dashboard.jsonschema.json", overview, "overview.json");
        JsonNode table = null;
        for (JsonNode p : overview.get("panels")) {
            if (p.get("type").asText().equals("table") && p.get("title").asText().equals("Firing alerts")) {
                table = p;
            }
        }
        assertThat(table).as("a Firing alerts table").isNotNull();
        assertThat(table.get("targets").get(0).get("expr").asText()).isEqualTo("ALERTS{alertstate=\"firing\"}");
        String readme = r.text("README.md");
        assertThat(readme).contains("## Alerts", "| Alertmanager | http://127.0.0.1:9093", "| `TargetDown` | critical |",
                "| `QueueDepthHigh` | critical | `queue_depth` of `api` above 100 for 5m |", "### Receivers",
                "| `ops-mail` | email | critical | `secrets/smtp-password` → `/run/secrets/ops-mail-smtp-password` |",
                "### Where the secrets go", "readable by the container's user `nobody` (65534)");
    }

    @Test
    void initAlertingFlagAndBuildImagesIncludeAlertmanager() throws IOException {
        Path dir = tmp.resolve("stack");
        Cli.Run run = Cli.run("init", dir.toString(), "--no-input", "--name", "shop", "--alerting",
                "--target", "name=web,runtime=go,static=web:8080");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("alerting is on without receivers");
        StackSpec spec = SpecReader.read(dir.resolve("monstack.yml"));
        assertThat(spec.alerting()).isEqualTo(AlertingSettings.enabledDefaults());
        assertThat(dir.resolve("alertmanager/alertmanager.yml")).isRegularFile();
        assertThat(dir.resolve("prometheus/rules/monstack-alerts.yml")).isRegularFile();
        BuildPlan plan = new ImageBuilder(ImageBuildOptions.defaults()).plan(dir, spec);
        assertThat(plan.jobs()).extracting(ImageJob::image)
                .containsExactly("shop/prometheus:latest", "shop/grafana:latest", "shop/alertmanager:latest");
        // and back off again: the alerting files go away with the next generate
        Cli.Run off = Cli.run("init", dir.toString(), "--no-input", "--name", "shop", "--no-alerting", "--force",
                "--target", "name=web,runtime=go,static=web:8080");
        assertThat(off.exitCode()).as(off.err()).isZero();
        assertThat(dir.resolve("alertmanager/alertmanager.yml")).doesNotExist();
    }
}

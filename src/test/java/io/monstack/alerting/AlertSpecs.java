package io.monstack.alerting;

import io.monstack.spec.AlertReceiver;
import io.monstack.spec.AlertThresholds;
import io.monstack.spec.AlertingSettings;
import io.monstack.spec.CustomMetric;
import io.monstack.spec.MetricAlert;
import io.monstack.spec.MetricType;
import io.monstack.spec.PrometheusSettings;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import io.monstack.spec.TargetDraft;
import java.util.List;

/** Specs with alerting on, built in code, for the alerting tests. */
final class AlertSpecs {
    private AlertSpecs() {
    }

    static Target target(String name, String runtime, String host, AlertThresholds alerts, CustomMetric... metrics) {
        return new TargetDraft(name).runtime(runtime).metricsPath("/metrics").addStatic(host).addMetrics(List.of(metrics)).alerts(alerts)
                .toTarget();
    }

    /**
     * Every kind of rule: a Go service (goroutines), a JVM service with its own heap ratio and
     * for, a Node service, custom gauge and counter alerts, every receiver kind.
     */
    static StackSpec everyRule() {
        AlertThresholds defaults = AlertThresholds.NONE.withFor("5m").withDownFor("2m");
        AlertingSettings alerting = new AlertingSettings(true, AlertingSettings.DEFAULT_IMAGE, 9093, "10s", "1m", "2h", defaults,
                List.of(new AlertReceiver("ops-mail", List.of("critical"), true,
                                new AlertReceiver.Email("ops@example.com, oncall@example.com", "alerts@example.com", "smtp.example.com:587",
                                        "alerts@example.com", "secrets/smtp-password", null), null, null),
                        new AlertReceiver("chat", List.of("critical", "warning"), true, null,
                                new AlertReceiver.Slack("#alerts", "/etc/monstack/slack-url"), null),
                        new AlertReceiver("hook", List.of("warning", "info"), false, null, null,
                                new AlertReceiver.Webhook("http://alert-sink:5001/alerts?x=1", null))));
        return StackSpec.builder("alerts")
                .prometheus(PrometheusSettings.defaults().withImage("prom/prometheus:v2.53.0").withScrapeInterval("1m"))
                .alerting(alerting).targets(List.of(
                        target("web", "go", "web:8080", AlertThresholds.NONE.with("goroutines", 500)),
                        target("api", "spring-boot", "api:8080", AlertThresholds.NONE.withFor("3m").with("jvmHeapRatio", 0.95),
                                new CustomMetric("queue_depth", MetricType.GAUGE, "jobs waiting",
                                        new MetricAlert(100.0, null, "2m", "critical", null)),
                                new CustomMetric("orders_total", MetricType.COUNTER, "orders",
                                        new MetricAlert(1.0, 0.01, "2m", "warning", "5m"))),
                        target("frontend", "node", "frontend:3000", AlertThresholds.NONE),
                        target("worker.v2", "python", "worker:8000", AlertThresholds.NONE))).build();
    }
}

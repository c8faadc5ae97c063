package io.monstack.discover;

import io.monstack.spec.RuntimeCatalog;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Tells the runtime (an id of templates/runtimes.yml) from the metric families a page serves:
 * each client library has default metrics that give it away. Exporters built on Go (node-exporter,
 * cAdvisor, the Docker engine, Prometheus itself) are checked before plain Go.
 */
public final class RuntimeDetector {
    private RuntimeDetector() {
    }

    /** The runtime id, the metric(s) that gave it away, and a warning when the guess is weak (else null). */
    public record Detection(String runtime, String evidence, String warning) {
    }

    public static Detection detect(List<MetricFamily> families, String metricsPath) {
        Names n = new Names(families);
        if (n.has("engine_daemon_engine_info")) {
            return new Detection("go", "engine_daemon_engine_info (the Docker engine)",
                    "this is the Docker engine's own metrics endpoint; monstack scrapes it as job \"docker\" when "
                            + "dockerEngine is enabled in monstack.yml, so it needs no target of its own");
        }
        if (n.has("node_cpu_seconds_total") || n.has("node_exporter_build_info")) {
            return found("node-exporter", n.has("node_cpu_seconds_total") ? "node_cpu_seconds_total" : "node_exporter_build_info");
        }
        if (n.has("cadvisor_version_info") || n.has("container_cpu_usage_seconds_total")) {
            return found("cadvisor", n.has("cadvisor_version_info") ? "cadvisor_version_info" : "container_cpu_usage_seconds_total");
        }
        if (n.has("jvm_memory_used_bytes") && (n.anyStartsWith("http_server_requests") || n.has("process_cpu_usage"))) {
            return jvm(n, metricsPath);
        }
        if (n.has("jvm_memory_bytes_used")) {
            return new Detection(RuntimeCatalog.DEFAULT, "jvm_memory_bytes_used (Prometheus Java client, not Micrometer)",
                    "a JVM app using the plain Prometheus Java client: monstack's JVM dashboard expects Micrometer's names "
                            + "(Spring Boot, Quarkus, Micronaut), so runtime \"other\" is suggested");
        }
        if (n.has("nodejs_eventloop_lag_seconds") || n.has("nodejs_version_info")) {
            return found("node", n.has("nodejs_eventloop_lag_seconds") ? "nodejs_eventloop_lag_seconds" : "nodejs_version_info");
        }
        if (n.has("python_gc_objects_collected_total") || n.has("python_gc_objects_collected") || n.has("python_info")) {
            return found("python", n.has("python_info") ? "python_info" : "python_gc_objects_collected_total");
        }
        if (n.has("dotnet_collection_count_total") || n.has("dotnet_collection_count")
                || (n.has("process_working_set_bytes") && n.has("process_private_memory_bytes"))) {
            return found("dotnet", n.has("process_working_set_bytes") && !n.has("dotnet_collection_count_total")
                    ? "process_working_set_bytes" : "dotnet_collection_count_total");
        }
        if (n.has("prometheus_build_info")) {
            return found("go", "prometheus_build_info (Prometheus itself, a Go program)");
        }
        if (n.has("go_goroutines") || n.has("go_gc_duration_seconds")) {
            return found("go", n.has("go_goroutines") ? "go_goroutines" : "go_gc_duration_seconds");
        }
        return new Detection(RuntimeCatalog.DEFAULT, "no runtime metrics recognised",
                "no runtime's default metrics found (go_, jvm_, nodejs_, python_, dotnet_, ...): runtime \"other\" "
                        + "gets a dashboard of the app's own metrics only; give --runtime if you know better");
    }

    private static Detection found(String runtime, String evidence) {
        return new Detection(runtime, evidence, null);
    }

    /** Micrometer: which framework? Its metrics, labels and the metrics path tell. */
    private static Detection jvm(Names n, String metricsPath) {
        String path = metricsPath == null ? "" : metricsPath;
        if (n.anyStartsWith("quarkus_") || n.anyStartsWith("vertx_") || n.anyStartsWith("worker_pool_")
                || n.anyLabelValue(v -> v.contains("quarkus"))) {
            return found("quarkus", "jvm_memory_used_bytes and Quarkus/Vert.x metrics or labels");
        }
        if (n.has("application_ready_time_seconds") || n.has("application_started_time_seconds")
                || n.anyStartsWith("tomcat_") || n.anyStartsWith("spring_")) {
            return found("spring-boot", "jvm_memory_used_bytes and " + (n.has("application_ready_time_seconds")
                    ? "application_ready_time_seconds" : n.anyStartsWith("tomcat_") ? "tomcat_ metrics" : "Spring metrics"));
        }
        if (n.anyStartsWith("micronaut_") || n.anyLabelValue(v -> v.contains("micronaut"))) {
            return found("micronaut", "jvm_memory_used_bytes and Micronaut metrics or labels");
        }
        if (path.startsWith("/q/")) {
            return found("quarkus", "jvm_memory_used_bytes (Micrometer) served on Quarkus' path " + path);
        }
        if (path.startsWith("/actuator/")) {
            return found("spring-boot", "jvm_memory_used_bytes (Micrometer) served on Spring Boot's path " + path);
        }
        if (path.equals("/prometheus")) {
            return found("micronaut", "jvm_memory_used_bytes (Micrometer) served on Micronaut's path " + path);
        }
        return new Detection("spring-boot", "jvm_memory_used_bytes (Micrometer)",
                "a Micrometer JVM app that does not say which framework it is: spring-boot is assumed; give --runtime "
                        + "quarkus or micronaut if it is one (the JVM dashboard is the same)");
    }

    /** Family names (and the sample names in them) of a page, for quick look-ups. */
    private static final class Names {
        private final List<MetricFamily> families;
        private final java.util.Set<String> names = new java.util.HashSet<>();

        Names(List<MetricFamily> families) {
            this.families = families;
            for (MetricFamily f : families) {
                names.add(f.name());
                f.samples().forEach(s -> names.add(s.name()));
            }
        }

        boolean has(String name) {
            return names.contains(name);
        }

        boolean anyStartsWith(String prefix) {
            return names.stream().anyMatch(n -> n.startsWith(prefix));
        }

        boolean anyLabelValue(Predicate<String> test) {
            for (MetricFamily f : families) {
                for (MetricFamily.Sample s : f.samples()) {
                    for (String v : s.labels().values()) {
                        if (test.test(v.toLowerCase(Locale.ROOT))) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }
    }
}

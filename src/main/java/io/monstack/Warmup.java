package io.monstack;

import io.monstack.render.TemplateRenderer;
import io.monstack.spec.RuntimeCatalog;
import io.monstack.spec.SpecRules;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;

/**
 * Start-up: while the main thread builds the command line (picocli is the slow part of a short
 * run), a second thread loads what rendering a stack needs (templates, presets, YAML, hashing),
 * so the two overlap on a multi-core machine. Nothing here has effects besides caches.
 */
final class Warmup {
    static final Set<String> RENDERING_COMMANDS = Set.of("init", "add-target", "remove-target", "generate", "regenerate", "discover");

    private Warmup() {
    }

    static void startFor(String[] args) {
        if (args.length == 0 || !RENDERING_COMMANDS.contains(args[0]) || Runtime.getRuntime().availableProcessors() < 2) {
            return;
        }
        Thread t = new Thread(Warmup::run, "monstack-warmup");
        t.setDaemon(true);
        t.start();
    }

    private static void run() {
        try {
            SpecRules.isPort(1);
            RuntimeCatalog.all();
            TemplateRenderer.preload("prometheus/prometheus.yml.ftl", "compose.yaml.ftl", "README.md.ftl",
                    "prometheus/Dockerfile.ftl", "grafana/Dockerfile.ftl",
                    "grafana/provisioning/datasources/prometheus.yml.ftl", "grafana/provisioning/dashboards/monstack.yml.ftl");
            MessageDigest.getInstance("SHA-256").digest(new byte[1]);
            io.monstack.generate.Json.pretty(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("a", 1));
        } catch (NoSuchAlgorithmException | RuntimeException | LinkageError e) {
            // Warm-up is best effort; the real run does the same work and reports any problem.
        }
    }
}

package io.monstack.e2e;

import io.monstack.generate.GeneratedFile;
import io.monstack.support.Processes;
import io.monstack.support.Rendered;
import io.monstack.support.Targets;
import io.monstack.support.Waits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * For an app that sends no Content-Type: a Prometheus 3 config with the job as monstack generates
 * it and the same job as monstack wrote it before (no fallback_scrape_protocol), side by side.
 */
final class NoFallbackCheck {
    private final Map<String, Object> global;
    private final Map<String, Object> generated;
    private final Map<String, Object> old;

    @SuppressWarnings("unchecked")
    NoFallbackCheck(List<GeneratedFile> files, String job) {
        String yml = files.stream().filter(f -> f.path().equals("prometheus/prometheus.yml")).findFirst().orElseThrow().content();
        Map<String, Object> config = Rendered.yaml(yml) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        global = (Map<String, Object>) config.get("global");
        generated = ((List<Map<String, Object>>) config.get("scrape_configs")).stream()
                .filter(j -> job.equals(j.get("job_name"))).findFirst().orElseThrow(() -> new AssertionError("no job " + job + " in\n" + yml));
        old = new LinkedHashMap<>(generated);
        old.remove("fallback_scrape_protocol");
        old.put("job_name", oldJob());
    }

    String oldJob() {
        return generated.get("job_name") + "-without-fallback";
    }

    Path writeConfig(Path dir) throws IOException {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Path file = dir.resolve("prometheus.yml");
        Files.writeString(file, new Yaml(options).dump(Map.of("global", global, "scrape_configs", List.of(generated, old))),
                StandardCharsets.UTF_8);
        return file;
    }

    /** Job health once the generated job is up and the old one has been scraped, or as it is at the deadline. */
    Map<String, String> awaitVerdict(String prometheusBase, Duration deadline, Processes processes) {
        long end = System.nanoTime() + deadline.toNanos();
        Map<String, String> health = Map.of();
        while (System.nanoTime() < end) {
            processes.requireAlive("before both jobs were scraped");
            health = Targets.health(prometheusBase);
            String a = health.getOrDefault(String.valueOf(generated.get("job_name")), "unknown");
            String b = health.getOrDefault(oldJob(), "unknown");
            if (a.equals("up") && !b.startsWith("unknown")) {
                return health;
            }
            Waits.sleep(500);
        }
        return health;
    }
}

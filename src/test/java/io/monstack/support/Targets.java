package io.monstack.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Waits on a real Prometheus' targets: bounded polls of its HTTP API. */
public final class Targets {
    private Targets() {
    }

    /** job -> "up" when all its targets are, else the health and last error of one that is not; empty while the server does not answer. */
    public static Map<String, String> health(String prometheusBase) {
        Map<String, String> health = new TreeMap<>();
        JsonNode r = Net.getJsonOrNull(prometheusBase + "/api/v1/targets?state=active");
        if (r == null) {
            return health;
        }
        for (JsonNode t : r.path("data").path("activeTargets")) {
            String job = t.path("labels").path("job").asText();
            String state = t.path("health").asText() + (t.path("lastError").asText().isEmpty() ? "" : " (" + t.path("lastError").asText() + ")");
            if (state.equals("up")) {
                health.putIfAbsent(job, state);
            } else {
                health.put(job, state);
            }
        }
        return health;
    }

    /** Until every job is up (every one of its targets), failing early if a process of the test has exited. */
    public static void awaitUp(String prometheusBase, List<String> jobs, Duration deadline, Processes processes) {
        long end = System.nanoTime() + deadline.toNanos();
        Map<String, String> health = Map.of();
        while (System.nanoTime() < end) {
            processes.requireAlive("before its target was up");
            health = health(prometheusBase);
            Map<String, String> now = health;
            if (jobs.stream().allMatch(j -> "up".equals(now.get(j)))) {
                return;
            }
            Waits.sleep(500);
        }
        throw new AssertionError("not every target of " + prometheusBase + " was up within " + deadline.toSeconds() + " s: " + health
                + "\n" + processes.logTails());
    }

    /**
     * Until each job has at least n successful scrapes (up == 1) in the window: a cold JVM's first
     * scrapes may time out, and a series such as http_server_requests appears only after a scrape.
     */
    public static void awaitScrapes(PromQueries queries, List<String> jobs, String window, int n) {
        String q = "min(sum_over_time(up{job=~\"" + String.join("|", jobs) + "\"}[" + window + "]))";
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        double have = 0;
        while (System.nanoTime() < end) {
            try {
                JsonNode result = queries.get("/api/v1/query?query=" + enc(q)).path("data").path("result");
                have = result.isEmpty() ? 0 : result.get(0).path("value").path(1).asDouble();
                if (have >= n) {
                    return;
                }
            } catch (Exception e) {
                // not answering yet: retry
            }
            Waits.sleep(500);
        }
        throw new AssertionError("fewer than " + n + " successful scrapes per job in " + window + " (" + have + ")");
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

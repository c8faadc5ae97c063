package io.monstack.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs dashboard queries on a real Prometheus, with Grafana's variables expanded as "All" would. */
public final class PromQueries {
    private final String base;
    private final String rateInterval;

    public PromQueries(String base, String rateInterval) {
        this.base = base;
        this.rateInterval = rateInterval;
    }

    /** Grafana's variables as Grafana expands them with "All" picked (allValue ".+"). */
    public String substitute(String expr) {
        return expr.replace("$__rate_interval", rateInterval).replace("$instance", ".+").replace("$job", ".+");
    }

    /** The server's version (build info), e.g. "3.5.3+ds1"; "?" when it does not answer. */
    public String version() {
        try {
            return get("/api/v1/status/buildinfo").path("data").path("version").asText("?");
        } catch (Exception e) {
            return "?";
        }
    }

    public JsonNode get(String pathAndQuery) throws java.io.IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> resp = Net.HTTP.send(req, HttpResponse.BodyHandlers.ofString());
        return Rendered.JSON.readTree(resp.body());
    }

    /**
     * Null when the instant query succeeds with at least one series (holding a real number unless
     * NaN is allowed, e.g. a quantile of a histogram that saw nothing lately); else what went wrong.
     */
    public String check(String expr, boolean allowNaN) {
        if (expr.contains("$")) {
            return "an unsubstituted Grafana variable is left";
        }
        JsonNode r;
        try {
            r = get("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
        } catch (Exception e) {
            return "query failed: " + e.getMessage();
        }
        if (!"success".equals(r.path("status").asText())) {
            return r.path("errorType").asText() + ": " + r.path("error").asText();
        }
        JsonNode data = r.path("data");
        List<JsonNode> values = new ArrayList<>();
        if (data.path("resultType").asText().equals("scalar")) {
            values.add(data.path("result"));
        } else {
            data.path("result").forEach(s -> values.add(s.path("value")));
        }
        if (values.isEmpty()) {
            return "no series";
        }
        boolean real = values.stream().map(v -> v.path(1).asText()).anyMatch(v -> !v.equals("NaN"));
        return real || allowNaN ? null : "only NaN values (" + values.size() + " series)";
    }

    /** Every panel query of a dashboard (panels in collapsed rows too) that fails the check, as "title: expr -> problem". */
    public List<String> failingPanelQueries(JsonNode dashboard, boolean allowNaN) {
        List<String> problems = new ArrayList<>();
        for (DashboardPanels.Placed placed : DashboardPanels.of(dashboard)) {
            for (JsonNode target : placed.panel().path("targets")) {
                String expr = substitute(target.path("expr").asText());
                String problem = check(expr, allowNaN);
                if (problem != null) {
                    problems.add(placed.title() + ": " + expr + " -> " + problem);
                }
            }
        }
        return problems;
    }
}

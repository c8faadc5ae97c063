package io.monstack.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prometheus' HTTP API, read only: GET requests and nothing else, so a check can never change the
 * stack. Any failure to get an answer is a {@link PrometheusUnreachableException} naming the URL.
 */
public final class PrometheusApi {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);
    private static final String NOT_PROMETHEUS_HINT = "give the Prometheus URL with --url";

    private final String base;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    public PrometheusApi(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
    }

    public String base() {
        return base;
    }

    /** One series of a query result: its labels and its value (NaN included); a scalar has no labels. */
    public record Sample(Map<String, String> labels, double value) {
    }

    /** What an instant query gave: the series, or the error Prometheus reported (bad PromQL, time-out). */
    public record QueryResult(List<Sample> samples, String error) {
        public boolean failed() {
            return error != null;
        }

        public boolean empty() {
            return samples.isEmpty();
        }
    }

    public JsonNode targets() {
        return data("/api/v1/targets");
    }

    public JsonNode rules() {
        return data("/api/v1/rules");
    }

    public JsonNode alerts() {
        return data("/api/v1/alerts");
    }

    public JsonNode alertmanagers() {
        return data("/api/v1/alertmanagers");
    }

    /** The configuration the server runs, as YAML (defaults filled in). */
    public String config() {
        return data("/api/v1/status/config").path("yaml").asText("");
    }

    public JsonNode runtimeInfo() {
        return data("/api/v1/status/runtimeinfo");
    }

    public String version() {
        return data("/api/v1/status/buildinfo").path("version").asText("?");
    }

    /** label_values(match, label) as Grafana asks for them. */
    public List<String> labelValues(String label, String match) {
        List<String> values = new ArrayList<>();
        String query = match == null ? "" : "?match[]=" + enc(match);
        data("/api/v1/label/" + enc(label) + "/values" + query).forEach(v -> values.add(v.asText()));
        return values;
    }

    public QueryResult query(String expr) {
        JsonNode answer = get("/api/v1/query?query=" + enc(expr));
        if (!"success".equals(answer.path("status").asText())) {
            return new QueryResult(List.of(), answer.path("errorType").asText() + ": " + answer.path("error").asText());
        }
        JsonNode data = answer.path("data");
        List<Sample> samples = new ArrayList<>();
        if (data.path("resultType").asText().equals("scalar")) {
            samples.add(new Sample(Map.of(), number(data.path("result").path(1))));
        } else {
            for (JsonNode s : data.path("result")) {
                Map<String, String> labels = new LinkedHashMap<>();
                s.path("metric").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
                samples.add(new Sample(labels, number(s.path("value").path(1))));
            }
        }
        return new QueryResult(samples, null);
    }

    private static double number(JsonNode text) {
        try {
            return Double.parseDouble(text.asText("NaN").replace("Inf", "Infinity"));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The "data" of a successful answer; an API error here means this is not the Prometheus we expect. */
    private JsonNode data(String pathAndQuery) {
        JsonNode answer = get(pathAndQuery);
        if (!"success".equals(answer.path("status").asText())) {
            throw new PrometheusUnreachableException(base, base + pathAndQuery + " answered " + answer.path("error").asText("an error"),
                    true, "is this a Prometheus 2.x or 3.x server?");
        }
        return answer.path("data");
    }

    private JsonNode get(String pathAndQuery) {
        String url = base + pathAndQuery;
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("no connection within " + CONNECT_TIMEOUT.toSeconds() + " s");
        } catch (HttpTimeoutException e) {
            throw unreachable("no answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (ConnectException e) {
            throw unreachable("connection refused");
        } catch (IOException e) {
            throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable("interrupted");
        }
        // 400 and 422 carry Prometheus' own JSON error (bad query); anything else is not its API
        int status = response.statusCode();
        if (status != 200 && status != 400 && status != 422 && status != 503) {
            throw new PrometheusUnreachableException(base, url + " answered HTTP " + status + ": that is not Prometheus' API",
                    true, NOT_PROMETHEUS_HINT);
        }
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new PrometheusUnreachableException(base, url + " did not answer with JSON: that is not Prometheus' API", true,
                    NOT_PROMETHEUS_HINT);
        }
    }

    private PrometheusUnreachableException unreachable(String why) {
        return new PrometheusUnreachableException(base, "no Prometheus answers at " + base + " (" + why + ")", false,
                "is the stack running (docker compose ps)? Another address: --url");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

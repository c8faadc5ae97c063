package io.monstack.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.monstack.check.Finding.Area;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Asks Grafana's /api/health (no login needed): reachable, its database usable, its version. */
final class GrafanaHealth {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    record Result(GrafanaStatus status, Optional<Finding> finding) {
    }

    static Result check(String base) {
        String url = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/api/health";
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
        String why;
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode health = r.statusCode() == 200 ? new ObjectMapper().readTree(r.body()) : null;
            if (health != null && health.isObject()) {
                GrafanaStatus status = new GrafanaStatus(base, health.path("version").asText("?"), health.path("database").asText("?"));
                return new Result(status, status.healthy() ? Optional.empty()
                        : Optional.of(Finding.problem(Area.GRAFANA, "grafana", "Grafana " + status.version() + " at " + base
                                + " answers, but its database is " + status.database(), "look at its log: docker compose logs grafana")));
            }
            why = "answers HTTP " + r.statusCode() + " for /api/health, not Grafana's health";
        } catch (java.net.http.HttpConnectTimeoutException e) {
            why = "does not answer (no connection within " + CONNECT_TIMEOUT.toSeconds() + " s)";
        } catch (java.net.http.HttpTimeoutException e) {
            why = "does not answer (no answer within " + TIMEOUT.toSeconds() + " s)";
        } catch (java.net.ConnectException e) {
            why = "does not answer (connection refused)";
        } catch (IOException e) {
            why = "does not answer (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why = "was not asked (interrupted)";
        }
        return new Result(new GrafanaStatus(base, null, null), Optional.of(Finding.problem(Area.GRAFANA, "grafana",
                "Grafana at " + base + " " + why, "is it running? docker compose ps grafana, docker compose logs grafana; "
                        + "another address: --grafana-url")));
    }
}

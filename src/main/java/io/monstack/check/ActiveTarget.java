package io.monstack.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.monstack.spec.Durations;
import java.net.URI;

/**
 * One active target as Prometheus reports it (/api/v1/targets).
 *
 * @param job the scrape pool (job_name)
 * @param instance the instance label
 * @param scrapeUrl the URL Prometheus fetches
 * @param health up, down or unknown (not scraped yet)
 * @param lastError why the last scrape failed; empty when it did not
 * @param lastScrapeMillis how long the last scrape took
 * @param timeoutMillis the job's scrape timeout
 * @param intervalMillis the job's scrape interval
 */
public record ActiveTarget(String job, String instance, String scrapeUrl, String health, String lastError,
        long lastScrapeMillis, long timeoutMillis, long intervalMillis) {

    static ActiveTarget from(JsonNode t) {
        String pool = t.path("scrapePool").asText(t.path("labels").path("job").asText());
        return new ActiveTarget(pool, t.path("labels").path("instance").asText(), t.path("scrapeUrl").asText(),
                t.path("health").asText(), t.path("lastError").asText(""),
                Math.round(t.path("lastScrapeDuration").asDouble(0) * 1000),
                Durations.toMillis(t.path("scrapeTimeout").asText("10s")), Durations.toMillis(t.path("scrapeInterval").asText("1m")));
    }

    public boolean up() {
        return "up".equals(health);
    }

    public boolean notScrapedYet() {
        return "unknown".equals(health);
    }

    /** host:port of the scrape URL. */
    public String hostPort() {
        URI uri = URI.create(scrapeUrl);
        return uri.getRawAuthority();
    }

    public String host() {
        String host = URI.create(scrapeUrl).getHost();
        return host == null ? hostPort() : host;
    }

    public String path() {
        String path = URI.create(scrapeUrl).getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }
}

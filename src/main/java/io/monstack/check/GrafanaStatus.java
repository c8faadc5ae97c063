package io.monstack.check;

/**
 * Grafana's /api/health answer.
 *
 * @param url where it was asked
 * @param version Grafana's version; null when it did not answer
 * @param database "ok" when Grafana can use its database; null when it did not answer
 */
public record GrafanaStatus(String url, String version, String database) {
    public boolean healthy() {
        return "ok".equals(database);
    }
}

package io.monstack.spec;

/** The Prometheus server of the stack. scrapeTimeout may be null (Prometheus' default). */
public record PrometheusSettings(String image, String scrapeInterval, String scrapeTimeout, String retention, int port) {
    public static final String DEFAULT_IMAGE = "prom/prometheus:v3.5.0";

    /** 5 s gets a new stack its first data within 15 s (README "Time to first data" has the cost). */
    public static final String DEFAULT_SCRAPE_INTERVAL = "5s";

    public static PrometheusSettings defaults() {
        return new PrometheusSettings(DEFAULT_IMAGE, DEFAULT_SCRAPE_INTERVAL, null, "15d", 9090);
    }

    public PrometheusSettings withImage(String newImage) {
        return new PrometheusSettings(newImage, scrapeInterval, scrapeTimeout, retention, port);
    }

    public PrometheusSettings withScrapeInterval(String interval) {
        return new PrometheusSettings(image, interval, scrapeTimeout, retention, port);
    }

    public PrometheusSettings withScrapeTimeout(String timeout) {
        return new PrometheusSettings(image, scrapeInterval, timeout, retention, port);
    }

    public PrometheusSettings withRetention(String newRetention) {
        return new PrometheusSettings(image, scrapeInterval, scrapeTimeout, newRetention, port);
    }

    public PrometheusSettings withPort(int newPort) {
        return new PrometheusSettings(image, scrapeInterval, scrapeTimeout, retention, newPort);
    }

    /**
     * The major version of the pinned image, read from its tag (v2.x, v3.x): 1 or 2 for those
     * releases, else 3 (the newest monstack writes for) when the tag names no older major.
     */
    public int majorVersion() {
        int colon = image.lastIndexOf(':');
        int slash = image.lastIndexOf('/');
        if (colon > slash) {
            String tag = image.substring(colon + 1);
            if (tag.startsWith("v")) {
                tag = tag.substring(1);
            }
            int dot = tag.indexOf('.');
            String major = dot < 0 ? tag : tag.substring(0, dot);
            if (major.equals("1") || major.equals("2")) {
                return Integer.parseInt(major);
            }
        }
        return 3;
    }
}

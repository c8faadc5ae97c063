package io.monstack.check;

import io.monstack.discover.MetricFamily;
import io.monstack.discover.RuntimeDetector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What Prometheus holds for each job right now: the metric names its targets serve and the
 * runtime they look like (RuntimeDetector, the detection discover uses, run on the job's series
 * instead of a fetched page). Asked once per job and check round.
 */
final class JobSeries {
    /**
     * The series of one job: every metric name (up and scrape_* included, which Prometheus adds
     * for each target) and the families of the job's own page.
     */
    record Job(Set<String> names, List<MetricFamily> families) {
        /** Nothing of the page's own: the targets are down or not scraped yet. */
        boolean empty() {
            return families.isEmpty();
        }
    }

    /**
     * Series of the job that are not from its page: what Prometheus adds to every scrape (up,
     * scrape_*), alerts about the job, and recording rules (level:metric:operation names).
     */
    private static final java.util.regex.Pattern SCRAPE_SERIES = java.util.regex.Pattern.compile("up|scrape_.+|ALERTS|ALERTS_FOR_STATE|.*:.*");

    private final PrometheusApi api;
    private final Map<String, Job> jobs = new HashMap<>();
    private final Map<String, Double> scrapesInWindow = new HashMap<>();

    JobSeries(PrometheusApi api) {
        this.api = api;
    }

    Job of(String job) {
        return jobs.computeIfAbsent(job, this::load);
    }

    RuntimeDetector.Detection detect(String job, String metricsPath) {
        return RuntimeDetector.detect(of(job).families(), metricsPath);
    }

    /** The fewest successful scrapes any target of the job has in the window: rate() needs two. */
    double scrapesIn(String job, String window) {
        return scrapesInWindow.computeIfAbsent(job + "|" + window, k -> {
            PrometheusApi.QueryResult r = api.query("min(sum_over_time(up{job=\"" + escape(job) + "\"}[" + window + "]))");
            return r.failed() || r.empty() ? 0.0 : r.samples().get(0).value();
        });
    }

    private Job load(String job) {
        PrometheusApi.QueryResult r = api.query("{job=\"" + escape(job) + "\"}");
        Map<String, List<MetricFamily.Sample>> byName = new LinkedHashMap<>();
        Set<String> names = new TreeSet<>();
        if (!r.failed()) {
            for (PrometheusApi.Sample s : r.samples()) {
                Map<String, String> labels = new LinkedHashMap<>(s.labels());
                String name = labels.remove("__name__");
                if (name == null) {
                    continue;
                }
                names.add(name);
                if (!SCRAPE_SERIES.matcher(name).matches()) {
                    byName.computeIfAbsent(name, k -> new ArrayList<>()).add(new MetricFamily.Sample(name, labels, s.value()));
                }
            }
        }
        List<MetricFamily> families = new ArrayList<>();
        byName.forEach((name, samples) -> families.add(new MetricFamily(name, "untyped", "", samples)));
        return new Job(names, families);
    }

    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}

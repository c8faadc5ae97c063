package io.monstack.discover;

import io.monstack.render.ShellQuote;
import io.monstack.spec.CustomMetric;
import io.monstack.spec.Target;
import io.monstack.spec.TargetDraft;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@code monstack discover URL} found on a metrics page.
 *
 * @param url the URL as given
 * @param runtime the runtime id (templates/runtimes.yml) that fits the page
 * @param runtimeEvidence the metric(s) that gave the runtime away
 * @param metricsPath the path part of the URL: the scrape job's metrics_path
 * @param staticTarget host:port from the URL (the scheme's default port when it has none)
 * @param contentType the Content-Type the page came with; null when there was none
 * @param suggestedFallbackScrapeProtocol what a Prometheus 3 job needs as fallback_scrape_protocol
 *        because the page has no (usable) Content-Type; null when none is needed
 * @param customMetrics the app's own metrics, named as queries name them
 * @param familyCount how many metric families the page has
 * @param warnings things the user should know, one line each
 */
public record Discovery(
        String url,
        String runtime,
        String runtimeEvidence,
        String metricsPath,
        String staticTarget,
        String contentType,
        String suggestedFallbackScrapeProtocol,
        List<CustomMetric> customMetrics,
        int familyCount,
        List<String> warnings) {

    public Discovery {
        customMetrics = List.copyOf(customMetrics);
        warnings = List.copyOf(warnings);
    }

    /**
     * The target that scrapes this page. The fallback protocol is set only for Prometheus 3 and
     * later, where the jobs' default does not already read the page: Prometheus 2 rejects the field.
     */
    public Target toTarget(String name, int prometheusMajorVersion) {
        return fillIn(new TargetDraft(name), prometheusMajorVersion).toTarget();
    }

    /**
     * For {@code add-target --probe URL} and {@code init --compose --probe}: fills what the draft
     * leaves open from this page (runtime, path, host:port, the app's own metrics, the fallback);
     * whatever the draft says wins.
     */
    public TargetDraft fillIn(TargetDraft draft, int prometheusMajorVersion) {
        TargetDraft found = new TargetDraft().runtime(runtime).metricsPath(metricsPath).addStatic(staticTarget)
                .fallbackScrapeProtocol(fallbackFor(prometheusMajorVersion)).addMetrics(customMetrics);
        return draft.fillFrom(found);
    }

    /**
     * The fallback the target must spell out: none on Prometheus 2 (which rejects the field), and
     * none where the jobs' default ({@link Target#DEFAULT_FALLBACK}) already reads the page.
     */
    private String fallbackFor(int prometheusMajorVersion) {
        return prometheusMajorVersion >= 3 && !Target.DEFAULT_FALLBACK.equals(suggestedFallbackScrapeProtocol)
                ? suggestedFallbackScrapeProtocol : null;
    }

    /**
     * Whether the page was read on this machine's loopback (localhost, 127.x, ::1): an address that,
     * inside the stack, is Prometheus' own container, so the target needs another one.
     */
    public boolean readOnLoopback() {
        return isLoopback(staticTarget.substring(0, staticTarget.lastIndexOf(':')));
    }

    /** Whether a URL's host is this machine from inside a container too (there: the container itself). */
    static boolean isLoopback(String urlHost) {
        String host = urlHost.toLowerCase(java.util.Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        // 0.0.0.0 and :: connect to this machine too; ::ffff:127.x is 127.x written as IPv6
        return host.equals("localhost") || host.endsWith(".localhost") || host.startsWith("127.") || host.equals("0.0.0.0")
                || host.equals("[::1]") || host.equals("[::]") || host.startsWith("[::ffff:127.") || host.equals("[0:0:0:0:0:0:0:1]");
    }

    /** The page's port, as the URL gave it (or http's 80). */
    public String port() {
        return staticTarget.substring(staticTarget.lastIndexOf(':') + 1);
    }

    /**
     * The add-target command line (shell-quoted) that adds this page as target NAME; a page read on
     * the loopback is reached through host.docker.internal (an app on the host, published beyond 127.0.0.1).
     */
    public String addTargetCommand(String name) {
        String at = readOnLoopback() ? "host.docker.internal:" + port() : staticTarget;
        List<String> args = new ArrayList<>(List.of("monstack", "add-target", name, "--runtime", runtime,
                "--path", metricsPath, "--static", at));
        for (CustomMetric m : customMetrics) {
            String spec = m.name() + ":" + m.type().id() + (m.help().isEmpty() ? "" : ":" + m.help());
            args.add("--metric");
            args.add(spec);
        }
        if (suggestedFallbackScrapeProtocol != null && !Target.DEFAULT_FALLBACK.equals(suggestedFallbackScrapeProtocol)) {
            args.add("--fallback-scrape-protocol");
            args.add(suggestedFallbackScrapeProtocol);
        }
        List<String> quoted = args.stream().map(ShellQuote::quote).toList();
        return String.join(" ", quoted);
    }

    /** Name parts that say what a metric measures, not whose it is: never a target name. */
    private static final java.util.Set<String> UNIT_WORDS = java.util.Set.of("total", "count", "sum", "bucket", "created",
            "seconds", "milliseconds", "bytes", "ratio", "info", "current", "max", "min");

    /**
     * A target name a user would keep: the host when it names a service (the compose service name),
     * else the common prefix of the app's own metrics (image_gallery_* gives image-gallery), else
     * "app"; never a runtime id (a name says which service, not which language) nor one of
     * monstack's own job names.
     */
    public String suggestedName() {
        String name = hostName();
        if (name == null) {
            name = metricsPrefix();
        }
        if (name == null) {
            return "app";
        }
        boolean taken = name.equals("prometheus") || name.equals("docker") || io.monstack.spec.RuntimeCatalog.find(name).isPresent();
        return taken ? name + "-app" : name;
    }

    /** image_gallery_requests_total + image_gallery_build_info -> image-gallery; a single metric gives its first word. */
    private String metricsPrefix() {
        List<String> common = null;
        for (CustomMetric m : customMetrics) {
            List<String> words = List.of(m.name().toLowerCase(Locale.ROOT).split("[_:]+"));
            if (common == null) {
                common = customMetrics.size() == 1 ? words.subList(0, 1) : words;
            } else {
                int n = 0;
                while (n < common.size() && n < words.size() && common.get(n).equals(words.get(n))) {
                    n++;
                }
                common = common.subList(0, n);
            }
        }
        if (common == null) {
            return null;
        }
        List<String> kept = new ArrayList<>(common);
        while (!kept.isEmpty() && UNIT_WORDS.contains(kept.get(kept.size() - 1))) {
            kept.remove(kept.size() - 1);
        }
        String name = String.join("-", kept).replaceAll("[^a-z0-9-]", "");
        return name.isEmpty() || !Character.isLetterOrDigit(name.charAt(0)) || name.length() > 63 ? null : name;
    }

    /** The URL's host when it names a service (not localhost, an IP address or the Docker host). */
    private String hostName() {
        String host = staticTarget.substring(0, staticTarget.lastIndexOf(':'));
        String lower = host.toLowerCase(Locale.ROOT);
        if (lower.equals("localhost") || lower.startsWith("[") || lower.matches("[0-9.]+")
                || lower.equals("host.docker.internal")) {
            return null;
        }
        String first = lower.split("\\.")[0].replaceAll("[^a-z0-9_-]", "-");
        return first.isEmpty() || !Character.isLetterOrDigit(first.charAt(0)) ? null : first;
    }
}

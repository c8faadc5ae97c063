package io.monstack.spec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks a whole spec against the rules Prometheus, Compose and Grafana impose. */
public final class SpecValidator {
    /** Job names monstack uses itself. */
    public static final String SELF_JOB = "prometheus";
    public static final String DOCKER_JOB = "docker";
    /** The jobs of the host view (node-exporter) and the container view (cAdvisor), when those are on. */
    public static final String HOST_JOB = "host";
    public static final String CONTAINERS_JOB = "containers";
    /** The dns.type values (add-target --dns-type; also its tab completion). */
    public static final Set<String> DNS_TYPES = Set.of("A", "AAAA", "SRV");
    /** The fallbackScrapeProtocol values besides none (also --fallback-scrape-protocol's tab completion). */
    public static final Set<String> FALLBACK_PROTOCOLS = Set.of("PrometheusProto", "OpenMetricsText0.0.1",
            "OpenMetricsText1.0.0", "PrometheusText0.0.4", "PrometheusText1.0.0");

    private final List<Problem> problems = new ArrayList<>();
    private final AlertingChecks alerting = new AlertingChecks(this);

    private SpecValidator() {
    }

    public static List<Problem> validate(StackSpec spec) {
        SpecValidator v = new SpecValidator();
        v.check(spec);
        return v.problems;
    }

    /** Throws a SpecException listing every problem, each located by the given locator. */
    public static void requireValid(StackSpec spec, PathLocator locator) {
        List<Problem> found = validate(spec);
        if (!found.isEmpty()) {
            throw new SpecException(found.stream().map(locator::describe).toList());
        }
    }

    private void check(StackSpec spec) {
        if (spec.name() == null || !SpecRules.STACK_NAME.matcher(spec.name()).matches()) {
            add("name", "stack name " + show(spec.name()) + " must be lowercase letters, digits, '-' or '_', "
                    + "starting with a letter or digit (it names images and the compose project)");
        }
        checkPrometheus(spec.prometheus());
        checkGrafana(spec.grafana());
        checkEngine(spec.dockerEngine());
        checkHostAndContainerViews(spec);
        checkImages(spec.images());
        if (spec.publishAddress() == null || !(SpecRules.IPV4.matcher(spec.publishAddress()).matches())) {
            add("publishAddress", show(spec.publishAddress()) + " must be an IPv4 address (127.0.0.1 keeps the UIs local; 0.0.0.0 exposes them)");
        }
        if (spec.prometheus().port() == spec.grafana().port()) {
            add("grafana.port", "Prometheus and Grafana cannot both publish port " + spec.grafana().port());
        }
        alerting.alerting(spec);
        DeployChecks.check(spec, this);
        checkNetworks(spec);
        Set<String> seen = new HashSet<>();
        Set<String> services = new HashSet<>(List.of("prometheus", "grafana", "alertmanager", HostMetrics.SERVICE,
                ContainerMetrics.SERVICE));
        for (int i = 0; i < spec.targets().size(); i++) {
            Target t = spec.targets().get(i);
            String at = "targets[" + i + "]";
            checkTarget(spec, t, at);
            if (t.name() != null && !seen.add(t.name())) {
                add(at + ".name", "target \"" + t.name() + "\" is listed twice; job names must be unique");
            } else if (t.name() != null && t.runsExporter() && !services.add(t.exporterService())) {
                add(at + ".name", "the stack already has a service " + t.exporterService() + ", which this target's exporter "
                        + "would be; choose another name");
            }
        }
    }

    private void checkPrometheus(PrometheusSettings p) {
        checkImage("prometheus.image", p.image());
        if (p.image() != null && p.taggedMajor() >= 0 && !PrometheusSettings.SUPPORTED_MAJORS.contains(p.taggedMajor())) {
            add("prometheus.image", show(p.image()) + (p.taggedMajor() == Integer.MAX_VALUE ? " names no Prometheus release"
                    : " is Prometheus " + p.taggedMajor() + ".x") + "; monstack writes for Prometheus 2.x "
                    + "and 3.x: pin one of those (default " + PrometheusSettings.DEFAULT_IMAGE + ")");
        }
        checkDuration("prometheus.scrapeInterval", p.scrapeInterval(), true);
        checkNotStale("prometheus.scrapeInterval", p.scrapeInterval());
        checkDuration("prometheus.scrapeTimeout", p.scrapeTimeout(), false);
        checkDuration("prometheus.retention", p.retention(), true);
        checkPort("prometheus.port", p.port());
        if (Durations.isValid(p.scrapeTimeout()) && Durations.isValid(p.scrapeInterval())
                && Durations.toMillis(p.scrapeTimeout()) > Durations.toMillis(p.scrapeInterval())) {
            add("prometheus.scrapeTimeout", "scrape timeout " + p.scrapeTimeout()
                    + " is longer than the scrape interval " + p.scrapeInterval());
        }
    }

    /** Prometheus' lookback: a series without a sample for this long is stale (promtool's lint refuses such intervals). */
    static final String STALENESS = "5m";

    private void checkNotStale(String at, String interval) {
        if (interval != null && Durations.isValid(interval) && Durations.toMillis(interval) >= Durations.toMillis(STALENESS)) {
            add(at, "scrape interval " + interval + " is " + STALENESS + " or longer: Prometheus takes a series without a sample for "
                    + STALENESS + " as gone, so its panels and alerts would go blank between scrapes; scrape more often, e.g. every 4m");
        }
    }

    private void checkGrafana(GrafanaSettings g) {
        checkImage("grafana.image", g.image());
        checkPort("grafana.port", g.port());

    }

    private void checkEngine(DockerEngine e) {
        checkHostAddress("dockerEngine.metricsAddr", e.metricsAddr(), e.enabled(), "the engine", "0.0.0.0:9323");
    }

    /** hostMetrics and containerMetrics: images, where node-exporter listens, and a port the engine does not take. */
    private void checkHostAndContainerViews(StackSpec spec) {
        HostMetrics host = spec.hostMetrics();
        checkImage("hostMetrics.image", host.image());
        boolean addressOk = checkHostAddress("hostMetrics.listenAddress", host.listenAddress(), host.enabled(), "node-exporter",
                HostMetrics.DEFAULT_LISTEN);
        if (addressOk && host.enabled() && spec.dockerEngine().enabled() && !spec.deploy().isSwarm()
                && host.port() == spec.dockerEngine().port()) {
            add("hostMetrics.listenAddress", "port " + host.port() + " is the Docker engine's metrics port; node-exporter "
                    + "shares the host's network, so give it another (its usual one is 9100)");
        }
        checkImage("containerMetrics.image", spec.containerMetrics().image());
    }

    /** An IP:port a host-side server listens on, which a containerised Prometheus must reach; true when well-formed. */
    private boolean checkHostAddress(String at, String addr, boolean enabled, String what, String example) {
        int colon = addr == null ? -1 : addr.lastIndexOf(':');
        if (colon < 0) {
            add(at, show(addr) + " must be host:port, e.g. " + example);
            return false;
        }
        String host = addr.substring(0, colon);
        String port = addr.substring(colon + 1);
        boolean ok = true;
        if (!(SpecRules.IPV4.matcher(host).matches() || SpecRules.IPV6.matcher(host).matches())) {
            add(at, "host " + show(host) + " must be an IP address, e.g. 0.0.0.0");
            ok = false;
        }
        if (!port.matches("\\d{1,5}") || !SpecRules.isPort(Long.parseLong(port))) {
            add(at, "port " + show(port) + " must be a number from 1 to 65535");
            ok = false;
        }
        if (enabled && (host.startsWith("127.") || host.equals("[::1]"))) {
            add(at, "a containerised Prometheus cannot reach " + what + " on " + host
                    + "; use the docker bridge address (e.g. 172.17.0.1) or 0.0.0.0");
        }
        return ok;
    }

    private void checkImages(ImageSettings images) {
        if (images.registry() == null || (!images.registry().isEmpty() && !SpecRules.REGISTRY.matcher(images.registry()).matches())) {
            add("images.registry", show(images.registry()) + " is not a registry (e.g. registry.example.com:5000/team)");
        }
        if (images.tag() == null || !SpecRules.IMAGE_TAG.matcher(images.tag()).matches()) {
            add("images.tag", show(images.tag()) + " is not an image tag (letters, digits, '_', '.', '-')");
        }
    }

    private void checkTarget(StackSpec spec, Target t, String at) {
        if (t.name() == null || !SpecRules.TARGET_NAME.matcher(t.name()).matches()) {
            add(at + ".name", "target name " + show(t.name()) + " must be letters, digits, '-', '_' or '.', "
                    + "starting with a letter or digit, at most 63 characters");
        } else if (t.name().equals(SELF_JOB) || (spec.dockerEngine().enabled() && t.name().equals(DOCKER_JOB))
                || (spec.hostMetrics().enabled() && t.name().equals(HOST_JOB))
                || (spec.containerMetrics().enabled() && t.name().equals(CONTAINERS_JOB))) {
            add(at + ".name", "target name \"" + t.name() + "\" is taken by monstack's own job; choose another");
        }
        Runtime runtime = t.runtime() == null ? null : RuntimeCatalog.all().get(t.runtime());
        if (runtime == null) {
            add(at + ".runtime", "unknown runtime " + show(t.runtime()) + "; choose one of "
                    + String.join(", ", RuntimeCatalog.ids()));
        }
        if (t.metricsPath() == null || !SpecRules.METRICS_PATH.matcher(t.metricsPath()).matches()) {
            add(at + ".metricsPath", "metrics path " + show(t.metricsPath())
                    + " must start with '/' and hold only URL path characters (no spaces, '?' or '#')");
        }
        checkEndpoints(t, at);
        checkDuration(at + ".scrapeInterval", t.scrapeInterval(), false);
        checkNotStale(at + ".scrapeInterval", t.scrapeInterval());
        checkDuration(at + ".scrapeTimeout", t.scrapeTimeout(), false);
        String interval = t.scrapeInterval() != null ? t.scrapeInterval() : spec.prometheus().scrapeInterval();
        if (t.scrapeTimeout() != null && Durations.isValid(t.scrapeTimeout()) && Durations.isValid(interval)
                && Durations.toMillis(t.scrapeTimeout()) > Durations.toMillis(interval)) {
            add(at + ".scrapeTimeout", "scrape timeout " + t.scrapeTimeout() + " is longer than the scrape interval " + interval);
        }
        if (t.fallbackScrapeProtocol() != null && !t.fallbackScrapeProtocol().equals(Target.NO_FALLBACK)) {
            if (!FALLBACK_PROTOCOLS.contains(t.fallbackScrapeProtocol())) {
                add(at + ".fallbackScrapeProtocol", show(t.fallbackScrapeProtocol()) + " must be one of "
                        + String.join(", ", FALLBACK_PROTOCOLS.stream().sorted().toList())
                        + ", or none (default on Prometheus 3: " + Target.DEFAULT_FALLBACK + ")");
            } else if (spec.prometheus().majorVersion() < 3) {
                add(at + ".fallbackScrapeProtocol", "needs Prometheus 3; the pinned image " + spec.prometheus().image()
                        + " is Prometheus " + spec.prometheus().majorVersion() + ", which rejects this field");
            }
        }
        checkLabels(t.labels(), at + ".labels");
        checkMetrics(t, at + ".metrics", interval);
        alerting.thresholds(t.alerts(), at + ".alerts", runtime == null ? null : runtime.family());
    }

    /** The app's networks Prometheus joins: names the engine accepts, each once, none it cannot join. */
    private void checkNetworks(StackSpec spec) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < spec.networks().size(); i++) {
            String name = spec.networks().get(i).name();
            String at = "networks[" + i + "]";
            if (name == null || !AppNetwork.NAME.matcher(name).matches()) {
                add(at, "network name " + show(name) + " must be letters, digits, '_', '.' or '-', starting with a letter "
                        + "or digit, at most 128 characters (its real name, as `docker network ls` shows it)");
            } else if (AppNetwork.PREDEFINED.contains(name)) {
                add(at, "\"" + name + "\" is one of the engine's own networks, which Prometheus cannot join to reach services by "
                        + "name; give the app's network (e.g. PROJECT_default)");
            } else if (name.equals(spec.ownNetwork())) {
                add(at, "\"" + name + "\" is the stack's own network, which Prometheus is on already; remove it");
            } else if (!seen.add(name)) {
                add(at, "network \"" + name + "\" is listed twice");
            }
        }
    }

    /** A host file mounted as a compose secret: never inside a build context, so it can never end up in an image. */
    void checkSecretFile(String at, String path) {
        if (path.isEmpty() || path.length() > 4096 || SpecRules.hasControlCharacters(path, false)) {
            add(at, "must be a file path on one line");
            return;
        }
        if (path.startsWith("/")) {
            return;
        }
        java.nio.file.Path normal;
        try {
            normal = java.nio.file.Path.of(path).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            add(at, show(path) + " is not a file path");
            return;
        }
        String first = normal.getNameCount() == 0 ? "" : normal.getName(0).toString();
        if (SpecRules.BUILD_CONTEXTS.contains(first) || first.equals(".monstack") || normal.toString().isEmpty()) {
            add(at, show(path) + " is inside the " + (first.isEmpty() ? "stack" : first) + " folder, which monstack writes or builds "
                    + "an image from; keep secrets elsewhere, e.g. secrets/" + normal.getFileName());
        }
    }

    private void checkEndpoints(Target t, String at) {
        int ways = (t.usesDns() ? 1 : 0) + (t.staticTargets().isEmpty() ? 0 : 1) + (t.runsExporter() ? 1 : 0);
        ExporterDef exporterOfRuntime = RuntimeCatalog.find(t.runtime()).map(Runtime::exporter).orElse(null);
        if (ways == 0 && exporterOfRuntime != null) {
            // the runtime of a service without metrics: what is missing is where that service is
            add(at + ".exporter.address", "is required: " + exporterOfRuntime.address() + " (" + show(t.runtime())
                    + " serves no metrics of its own; the stack runs its exporter)");
        } else if (ways != 1) {
            add(at, "give either static (host[:port] list) or dns (names, type, port), exactly one of them"
                    + (t.runsExporter() || exporterOfRuntime != null
                            ? ", or exporter (the address of a service the stack runs the exporter of)" : ""));
        }
        if (t.runsExporter()) {
            ExporterChecks.check(this, t, at);
        }
        for (int i = 0; i < t.staticTargets().size(); i++) {
            String problem = SpecRules.checkHostPort(t.staticTargets().get(i));
            if (problem != null) {
                add(at + ".static[" + i + "]", show(t.staticTargets().get(i)) + " " + problem);
            }
        }
        if (t.usesDns()) {
            DnsDiscovery dns = t.dns();
            if (dns.names().isEmpty()) {
                add(at + ".dns.names", "give at least one DNS name to resolve");
            }
            for (int i = 0; i < dns.names().size(); i++) {
                String name = dns.names().get(i);
                if (name == null || !SpecRules.HOST_NAME.matcher(name).matches()) {
                    add(at + ".dns.names[" + i + "]", show(name) + " is not a DNS name");
                }
            }
            if (!DNS_TYPES.contains(dns.type())) {
                add(at + ".dns.type", "record type " + show(dns.type()) + " must be A, AAAA or SRV");
            } else if (!dns.type().equals("SRV") && dns.port() == null) {
                add(at + ".dns.port", "DNS discovery of type " + dns.type() + " needs a port (the records carry none)");
            } else if (dns.type().equals("SRV") && dns.port() != null) {
                add(at + ".dns.port", "SRV records carry their own port; remove port");
            }
            if (dns.port() != null) {
                checkPort(at + ".dns.port", dns.port());
            }
            checkDuration(at + ".dns.refreshInterval", dns.refreshInterval(), false);
        }
    }

    private void checkLabels(Map<String, String> labels, String at) {
        labels.forEach((name, value) -> {
            if (!SpecRules.LABEL_NAME.matcher(name).matches() || name.startsWith("__")) {
                add(at, "label name " + show(name) + " must match [a-zA-Z_][a-zA-Z0-9_]* and not start with __");
            } else if (name.equals("job")) {
                add(at, "label \"job\" is set from the target name; remove it");
            }
            if (value == null) {
                add(at + "." + name, "label value must not be empty");
            } else if (value.length() > SpecRules.MAX_LABEL_VALUE_LENGTH) {
                add(at + "." + name, "label value is " + value.length() + " characters; at most "
                        + SpecRules.MAX_LABEL_VALUE_LENGTH + " are allowed");
            } else if (SpecRules.hasControlCharacters(value, false)) {
                add(at + "." + name, "label value must not contain control characters (newlines, tabs, ...)");
            }
        });
    }

    private void checkMetrics(Target t, String at, String interval) {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < t.metrics().size(); i++) {
            CustomMetric m = t.metrics().get(i);
            String here = at + "[" + i + "]";
            if (m.name() == null || !SpecRules.METRIC_NAME.matcher(m.name()).matches()) {
                add(here + ".name", "metric name " + show(m.name()) + " must match [a-zA-Z_:][a-zA-Z0-9_:]*");
            } else if (!names.add(m.name())) {
                add(here + ".name", "metric \"" + m.name() + "\" is listed twice");
            } else if ((m.type() == MetricType.HISTOGRAM || m.type() == MetricType.SUMMARY)
                    && m.name().matches(".*_(bucket|sum|count)$")) {
                add(here + ".name", "give the " + m.type().id() + "'s base name, without _bucket/_sum/_count");
            }
            if (m.type() == null) {
                add(here + ".type", "metric type must be counter, gauge, histogram or summary");
            } else if (m.alert() != null) {
                alerting.metricAlert(m, here + ".alert", interval);
            }
            if (m.help().length() > SpecRules.MAX_HELP_LENGTH) {
                add(here + ".help", "help is " + m.help().length() + " characters; at most " + SpecRules.MAX_HELP_LENGTH + " are allowed");
            } else if (SpecRules.hasControlCharacters(m.help(), true)) {
                add(here + ".help", "help must not contain control characters other than newline and tab");
            }
        }
    }

    void checkImage(String at, String image) {
        if (image == null || !SpecRules.IMAGE_REF.matcher(image).matches()) {
            add(at, show(image) + " is not an image reference (e.g. prom/prometheus:v3.5.0)");
        }
    }

    void checkPort(String at, long port) {
        if (!SpecRules.isPort(port)) {
            add(at, "port " + port + " must be from 1 to 65535");
        }
    }

    void checkDuration(String at, String value, boolean required) {
        if (value == null) {
            if (required) {
                add(at, "is required (a Prometheus duration such as 15s, 1m or 1h30m)");
            }
            return;
        }
        if (!Durations.isValid(value)) {
            add(at, show(value) + " is not a Prometheus duration (e.g. 15s, 1m, 1h30m)");
        }
    }

    void add(String path, String message) {
        problems.add(new Problem(path, message));
    }

    /**
     * Quotes a user value for a message, shortened (by code points, never inside a surrogate pair)
     * so a 10 kB value does not flood the terminal. Controls (C0, DEL, C1: U+009B starts a terminal
     * sequence), line separators and format characters (bidi overrides, zero-width) are escaped, so
     * a value can neither move the cursor nor reorder the line it is shown in.
     */
    public static String show(String value) {
        if (value == null) {
            return "(missing)";
        }
        boolean cut = value.codePointCount(0, value.length()) > 60;
        String shown = cut ? value.substring(0, value.offsetByCodePoints(0, 57)) : value;
        return "\"" + escaped(shown, true) + (cut ? "...\"" : "\"");
    }

    /** A whole message from elsewhere (picocli's, with the user's words in it) on one safe line: controls escaped, not quoted or cut. */
    public static String safeLine(String text) {
        return escaped(text, false);
    }

    /** The text with what is unsafe on a terminal escaped as hex codes, and quotes and backslashes too when it goes in quotes. */
    private static String escaped(String text, boolean quoted) {
        StringBuilder sb = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (quoted && (c == '"' || c == '\\')) {
                sb.append('\\').appendCodePoint(c);
            } else if (unsafeToShow(c)) {
                sb.append(c <= 0xff ? String.format("\\x%02x", c) : String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }

    private static boolean unsafeToShow(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE;
    }
}

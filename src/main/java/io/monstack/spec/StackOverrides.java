package io.monstack.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What init's flags say about a stack, applied over a base spec (a sample, a file, the defaults):
 * every field left unset keeps the base's value. The command only fills this in; applying it,
 * and reading the typed forms (NAME=VALUE labels, compact targets), is the core's.
 */
public final class StackOverrides {
    private static final String TARGET_FLAG = "--target";
    private String name;
    private String prometheusImage;
    private String scrapeInterval;
    private String grafanaImage;
    private Boolean dockerEngine;
    private String metricsAddr;
    private Boolean alerting;
    private String publishAddress;
    private Platform platform;
    private String registry;
    private SwarmDiscovery swarmDiscovery;
    private PublishMode publishMode;
    private Boolean hostMetrics;
    private Boolean containerMetrics;
    private final List<String> remoteWrite = new ArrayList<>();
    private final Map<String, String> externalLabels = new TreeMap<>();
    private final List<GivenTarget> targets = new ArrayList<>();
    private String baseFile;

    /** A target and the flag that gave it (--target, --compose), for messages. */
    private record GivenTarget(TargetDraft draft, String flag) {
    }
    private final List<AppNetwork> networks = new ArrayList<>();

    /** The base with every override applied; a target given twice, or one the base has, is an error that says where. */
    public StackSpec applyTo(StackSpec base) {
        PrometheusSettings p = base.prometheus().withImage(or(prometheusImage, base.prometheus().image()))
                .withScrapeInterval(or(scrapeInterval, base.prometheus().scrapeInterval()));
        GrafanaSettings g = base.grafana();
        DockerEngine e = base.dockerEngine();
        DeploySettings d = base.deploy().withPlatform(or(platform, base.deploy().platform()))
                .withDiscovery(or(swarmDiscovery, base.deploy().discovery()))
                .withPublishMode(or(publishMode, base.deploy().publishMode()));
        List<RemoteWrite> stores = new ArrayList<>(base.remote().remoteWrite());
        remoteWrite.forEach(url -> stores.add(new RemoteWrite(url)));
        TreeMap<String, String> labels = new TreeMap<>(base.remote().externalLabels());
        labels.putAll(externalLabels);
        StackSpec result = base.with(b -> b.name(or(name, base.name()))
                .prometheus(p)
                .grafana(new GrafanaSettings(or(grafanaImage, g.image()), g.port(), g.dashboards(), g.datasourceUrl()))
                .dockerEngine(new DockerEngine(or(dockerEngine, e.enabled()), or(metricsAddr, e.metricsAddr()), e.experimental()))
                .images(registry == null ? base.images() : new ImageSettings(registry, base.images().tag()))
                .publishAddress(or(publishAddress, base.publishAddress()))
                .alerting(alerting == null ? base.alerting() : base.alerting().withEnabled(alerting))
                .deploy(d)
                .remote(new RemoteStorage(stores, labels))
                .hostMetrics(hostMetrics == null ? base.hostMetrics() : base.hostMetrics().withEnabled(hostMetrics))
                .containerMetrics(containerMetrics == null ? base.containerMetrics()
                        : base.containerMetrics().withEnabled(containerMetrics))).joining(networks);
        Map<String, String> givenBy = new TreeMap<>();
        for (GivenTarget given : targets) {
            Target t = given.draft().toTarget();
            String shown = "target " + SpecValidator.show(t.name());
            if (base.target(t.name()).isPresent()) {
                throw new SpecException(shown + " is in " + (baseFile != null ? SpecValidator.show(baseFile) : "the spec init starts from")
                        + " already: remove it there, or " + (given.flag().equals(TARGET_FLAG) ? "give this --target another name"
                        : "leave out " + given.flag()));
            }
            String first = givenBy.putIfAbsent(t.name(), given.flag());
            if (first != null) {
                throw new SpecException(shown + " is given twice (by " + first + (first.equals(given.flag()) ? "" : " and by " + given.flag())
                        + ")");
            }
            result = result.withTarget(t);
        }
        return result;
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    public String name() {
        return name;
    }

    public StackOverrides name(String value) {
        name = value;
        return this;
    }

    public StackOverrides prometheusImage(String value) {
        prometheusImage = value;
        return this;
    }

    public StackOverrides scrapeInterval(String value) {
        scrapeInterval = value;
        return this;
    }

    public StackOverrides grafanaImage(String value) {
        grafanaImage = value;
        return this;
    }

    public StackOverrides dockerEngine(Boolean value) {
        dockerEngine = value;
        return this;
    }

    public StackOverrides metricsAddr(String value) {
        metricsAddr = value;
        return this;
    }

    public StackOverrides alerting(Boolean value) {
        alerting = value;
        return this;
    }

    public StackOverrides publishAddress(String value) {
        publishAddress = value;
        return this;
    }

    /** --platform, by name; an unknown one is a one-line error that lists the choices. */
    public StackOverrides platform(String value) {
        platform = value == null ? null : parse(Platform.class, value, "--platform");
        return this;
    }

    public StackOverrides registry(String value) {
        registry = value;
        return this;
    }

    public StackOverrides swarmDiscovery(String value) {
        swarmDiscovery = value == null ? null : parse(SwarmDiscovery.class, value, "--swarm-discovery");
        return this;
    }

    public StackOverrides publishMode(String value) {
        publishMode = value == null ? null : parse(PublishMode.class, value, "--publish-mode");
        return this;
    }

    private static <E extends Enum<E> & SpecChoice> E parse(Class<E> type, String value, String flag) {
        try {
            return SpecChoice.parse(type, value);
        } catch (IllegalArgumentException e) {
            throw new SpecException(flag + " " + e.getMessage());
        }
    }

    public StackOverrides hostMetrics(Boolean value) {
        hostMetrics = value;
        return this;
    }

    public StackOverrides containerMetrics(Boolean value) {
        containerMetrics = value;
        return this;
    }

    public StackOverrides remoteWrite(List<String> urls) {
        remoteWrite.addAll(urls);
        return this;
    }

    /**
     * Describes a problem by the flag that set the value ("--scrape-interval: ..."), for values these
     * flags set; any other problem as usual (it is in the --from file, or in what init made of it).
     */
    public PathLocator flagLocator() {
        Map<String, String> flags = new java.util.LinkedHashMap<>();
        putIf(flags, name, "name", "--name");
        putIf(flags, prometheusImage, "prometheus.image", "--prometheus-image");
        putIf(flags, scrapeInterval, "prometheus.scrapeInterval", "--scrape-interval");
        putIf(flags, grafanaImage, "grafana.image", "--grafana-image");
        putIf(flags, metricsAddr, "dockerEngine.metricsAddr", "--metrics-addr");
        putIf(flags, publishAddress, "publishAddress", "--publish-address");
        putIf(flags, registry, "images.registry", "--registry");
        return p -> {
            String path = p.path();
            for (Map.Entry<String, String> e : flags.entrySet()) {
                if (path.equals(e.getKey()) || path.startsWith(e.getKey() + ".")) {
                    return e.getValue() + ": " + p.message();
                }
            }
            // appended after the --from file's: told apart by the value the message shows
            if (path.startsWith("remoteWrite[") && remoteWrite.stream().anyMatch(u -> p.message().contains(SpecValidator.show(u)))) {
                return "--remote-write: " + p.message();
            }
            if (path.startsWith("externalLabels") && externalLabels.keySet().stream()
                    .anyMatch(k -> path.equals("externalLabels." + k) || p.message().contains(SpecValidator.show(k)))) {
                return "--external-label: " + p.message();
            }
            return p.toString();
        };
    }

    private static void putIf(Map<String, String> flags, Object value, String path, String flag) {
        if (value != null) {
            flags.put(path, flag);
        }
    }

    /** NAME=VALUE, as --external-label takes it. */
    public StackOverrides externalLabel(String pair) {
        int eq = pair.indexOf('=');
        if (eq <= 0) {
            throw new SpecException("--external-label '" + pair + "' must be NAME=VALUE, e.g. cluster=prod");
        }
        externalLabels.put(pair.substring(0, eq), pair.substring(eq + 1));
        return this;
    }

    /** One target in init's compact form (the keys of add-target's long flags). */
    public StackOverrides target(String compact) {
        targets.add(new GivenTarget(TargetSetting.parseCompact(compact), TARGET_FLAG));
        return this;
    }

    /** A target found in the app's compose file (init --compose), as its draft. */
    public StackOverrides target(TargetDraft draft) {
        targets.add(new GivenTarget(draft, "--compose"));
        return this;
    }

    /** Where the base spec was read from (init --from FILE), for messages; null: not from a file. */
    public StackOverrides baseFile(String file) {
        baseFile = file;
        return this;
    }

    /** The app's networks Prometheus joins (init --compose found them). */
    public StackOverrides networks(List<AppNetwork> values) {
        networks.addAll(values);
        return this;
    }

    /** Which stack-wide answers the flags gave already (the wizard skips those questions). */
    public boolean givesName() {
        return name != null;
    }

    public boolean givesDockerEngine() {
        return dockerEngine != null;
    }

    public boolean givesMetricsAddr() {
        return metricsAddr != null;
    }

    public boolean givesAlerting() {
        return alerting != null;
    }

    public boolean givesPlatform() {
        return platform != null;
    }

    public boolean givesHostMetrics() {
        return hostMetrics != null;
    }

    public boolean givesContainerMetrics() {
        return containerMetrics != null;
    }

    public boolean givesTargets() {
        return !targets.isEmpty();
    }
}

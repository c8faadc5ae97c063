package io.monstack.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes a StackSpec back as monstack.yml. Built from a model and dumped by SnakeYAML, so every
 * value is quoted as YAML needs; defaults are left out to keep the file short.
 */
public final class SpecWriter {
    static final String HEADER = """
            # monstack.yml: the single source of truth for this monitoring stack.
            # Edit it, then run `monstack generate` to re-render every file of the stack.
            """;

    private SpecWriter() {
    }

    public static String write(StackSpec spec) {
        return HEADER + yaml().dump(toMap(spec));
    }

    private static Yaml yaml() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setSplitLines(false);
        options.setWidth(Integer.MAX_VALUE);
        options.setAllowUnicode(true);
        options.setProcessComments(false);
        return new Yaml(options);
    }

    /**
     * The new monstack.yml text for a change from the old text. When the change only appends
     * targets (add-target of a new name), their YAML is added at the end of the targets list and
     * the rest of the file, with the user's comments and layout, stays as it was; the result is
     * parsed back and must say exactly the new spec, else the whole file is written anew.
     */
    public static String update(String oldText, StackSpec oldSpec, StackSpec newSpec) {
        List<Target> added = appendedTargets(oldSpec, newSpec);
        if (oldText != null && !added.isEmpty()) {
            String edited = SpecTextAppender.append(oldText, targetsYaml(added));
            if (edited != null) {
                try {
                    if (SpecReader.parse(edited, "monstack.yml").equals(newSpec)) {
                        return edited;
                    }
                } catch (SpecException e) {
                    // fall through to a full rewrite
                }
            }
        }
        return write(newSpec);
    }

    /** The targets newSpec has after all of oldSpec's, when nothing else differs; else empty. */
    private static List<Target> appendedTargets(StackSpec oldSpec, StackSpec newSpec) {
        int before = oldSpec.targets().size();
        if (newSpec.targets().size() <= before
                || !newSpec.targets().subList(0, before).equals(oldSpec.targets())
                || !newSpec.withTargets(oldSpec.targets()).equals(oldSpec)) {
            return List.of();
        }
        return newSpec.targets().subList(before, newSpec.targets().size());
    }

    /** Targets as a block list at column 0, as they appear under `targets:`. */
    private static String targetsYaml(List<Target> targets) {
        List<Object> items = new ArrayList<>();
        targets.forEach(t -> items.add(target(t)));
        return yaml().dump(items);
    }

    static Map<String, Object> toMap(StackSpec spec) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", spec.name());
        if (spec.deploy().platform() != Platform.COMPOSE) {
            root.put("platform", spec.deploy().platform().id());
        }
        Map<String, Object> prom = new LinkedHashMap<>();
        prom.put("image", spec.prometheus().image());
        prom.put("scrapeInterval", spec.prometheus().scrapeInterval());
        putIfSet(prom, "scrapeTimeout", spec.prometheus().scrapeTimeout());
        prom.put("retention", spec.prometheus().retention());
        prom.put("port", spec.prometheus().port());
        root.put("prometheus", prom);
        Map<String, Object> grafana = new LinkedHashMap<>();
        grafana.put("image", spec.grafana().image());
        grafana.put("port", spec.grafana().port());
        if (spec.grafana().dashboards() != DashboardLayout.AUTO) {
            grafana.put("dashboards", spec.grafana().dashboards().id());
        }
        putIfSet(grafana, "datasourceUrl", spec.grafana().datasourceUrl());
        root.put("grafana", grafana);
        Map<String, Object> engine = new LinkedHashMap<>();
        engine.put("enabled", spec.dockerEngine().enabled());
        engine.put("metricsAddr", spec.dockerEngine().metricsAddr());
        if (spec.dockerEngine().experimental()) {
            engine.put("experimental", true);
        }
        root.put("dockerEngine", engine);
        if (!spec.images().equals(ImageSettings.defaults())) {
            Map<String, Object> images = new LinkedHashMap<>();
            putIfSet(images, "registry", spec.images().registry().isEmpty() ? null : spec.images().registry());
            images.put("tag", spec.images().tag());
            root.put("images", images);
        }
        root.put("publishAddress", spec.publishAddress());
        List<Object> targets = new ArrayList<>();
        for (Target t : spec.targets()) {
            targets.add(target(t));
        }
        root.put("targets", targets);
        if (!spec.alerting().equals(AlertingSettings.disabled())) {
            root.put("alerting", alerting(spec.alerting()));
        }
        if (!spec.hostMetrics().equals(HostMetrics.disabled())) {
            Map<String, Object> host = new LinkedHashMap<>();
            host.put("enabled", spec.hostMetrics().enabled());
            host.put("image", spec.hostMetrics().image());
            host.put("listenAddress", spec.hostMetrics().listenAddress());
            root.put("hostMetrics", host);
        }
        if (!spec.containerMetrics().equals(ContainerMetrics.disabled())) {
            Map<String, Object> containers = new LinkedHashMap<>();
            containers.put("enabled", spec.containerMetrics().enabled());
            containers.put("image", spec.containerMetrics().image());
            root.put("containerMetrics", containers);
        }
        putDeployAndRemote(root, spec);
        return root;
    }

    /** platform/swarm and remoteWrite/externalLabels: only what differs from the defaults (a compose stack writes none). */
    private static void putDeployAndRemote(Map<String, Object> root, StackSpec spec) {
        DeploySettings d = spec.deploy();
        if (!d.swarmDefaults()) {
            Map<String, Object> swarm = new LinkedHashMap<>();
            swarm.put("discovery", d.discovery().id());
            swarm.put("publishMode", d.publishMode().id());
            swarm.put("scrapeLabel", d.scrapeLabel());
            Map<String, Object> resources = new LinkedHashMap<>();
            resources.put("prometheus", resources(d.prometheusResources()));
            resources.put("grafana", resources(d.grafanaResources()));
            swarm.put("resources", resources);
            root.put("swarm", swarm);
        }
        RemoteStorage remote = spec.remote();
        if (!remote.remoteWrite().isEmpty()) {
            List<Object> stores = new ArrayList<>();
            for (RemoteWrite w : remote.remoteWrite()) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("url", w.url());
                putIfSet(one, "name", w.name());
                if (w.basicAuth() != null) {
                    Map<String, Object> basic = new LinkedHashMap<>();
                    putIfSet(basic, "username", w.basicAuth().username());
                    putIfSet(basic, "passwordFile", w.basicAuth().passwordFile());
                    one.put("basicAuth", basic);
                }
                putIfSet(one, "bearerTokenFile", w.bearerTokenFile());
                stores.add(one);
            }
            root.put("remoteWrite", stores);
        }
        if (!remote.externalLabels().isEmpty()) {
            root.put("externalLabels", new LinkedHashMap<>(remote.externalLabels()));
        }
    }

    private static Map<String, Object> resources(DeploySettings.Resources r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpus", r.cpus());
        m.put("memory", r.memory());
        return m;
    }

    private static Map<String, Object> alerting(AlertingSettings a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", a.enabled());
        m.put("image", a.image());
        m.put("port", a.port());
        m.put("groupWait", a.groupWait());
        m.put("groupInterval", a.groupInterval());
        m.put("repeatInterval", a.repeatInterval());
        if (!a.defaults().isEmpty()) {
            m.put("defaults", thresholds(a.defaults()));
        }
        if (!a.receivers().isEmpty()) {
            List<Object> receivers = new ArrayList<>();
            for (AlertReceiver r : a.receivers()) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("name", r.name());
                one.put("severities", new ArrayList<>(r.severities()));
                if (!r.sendResolved()) {
                    one.put("sendResolved", false);
                }
                if (r.email() != null) {
                    Map<String, Object> e = new LinkedHashMap<>();
                    putIfSet(e, "to", r.email().to());
                    putIfSet(e, "from", r.email().from());
                    putIfSet(e, "smarthost", r.email().smarthost());
                    putIfSet(e, "username", r.email().username());
                    putIfSet(e, "passwordFile", r.email().passwordFile());
                    putIfSet(e, "requireTls", r.email().requireTls());
                    one.put("email", e);
                }
                if (r.slack() != null) {
                    Map<String, Object> sl = new LinkedHashMap<>();
                    putIfSet(sl, "channel", r.slack().channel());
                    putIfSet(sl, "apiUrlFile", r.slack().apiUrlFile());
                    one.put("slack", sl);
                }
                if (r.webhook() != null) {
                    Map<String, Object> w = new LinkedHashMap<>();
                    putIfSet(w, "url", r.webhook().url());
                    putIfSet(w, "urlFile", r.webhook().urlFile());
                    one.put("webhook", w);
                }
                receivers.add(one);
            }
            m.put("receivers", receivers);
        }
        return m;
    }

    private static Map<String, Object> thresholds(AlertThresholds t) {
        Map<String, Object> m = new LinkedHashMap<>();
        putIfSet(m, "for", t.forDuration());
        putIfSet(m, "downFor", t.downFor());
        putIfSet(m, "scrapeSlowRatio", number(t.scrapeSlowRatio()));
        putIfSet(m, "scrapeFailureRatio", number(t.scrapeFailureRatio()));
        t.runtime().forEach((key, value) -> m.put(key, value instanceof Double d ? number(d) : value));
        return m;
    }

    /** 100.0 is written as 100, 0.95 as 0.95: the way the user wrote it. */
    static Object number(Double d) {
        if (d == null) {
            return null;
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return d.longValue();
        }
        return d;
    }

    /** A target, setting by setting as TargetSetting defines them; unset ones are left out. */
    private static Map<String, Object> target(Target t) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (TargetSetting setting : TargetSetting.values()) {
            Object value = setting.get(t);
            if (value == null || value instanceof List<?> l && l.isEmpty() || value instanceof Map<?, ?> mp && mp.isEmpty()) {
                continue;
            }
            Map<String, Object> into = m;
            if (!setting.yamlBlock().isEmpty()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> block = (Map<String, Object>) m.computeIfAbsent(setting.yamlBlock(), k -> new LinkedHashMap<>());
                into = block;
            }
            into.put(setting.yamlKey(), switch (setting.kind()) {
                case TEXT, PORT -> value;
                case LIST -> new ArrayList<>((List<?>) value);
                case LABELS -> new LinkedHashMap<>((Map<?, ?>) value);
                case METRICS -> metrics(t.metrics());
            });
        }
        if (!t.alerts().isEmpty()) {
            m.put("alerts", thresholds(t.alerts()));
        }
        return m;
    }

    private static List<Object> metrics(List<CustomMetric> list) {
        List<Object> metrics = new ArrayList<>();
        for (CustomMetric cm : list) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", cm.name());
            one.put("type", cm.type().id());
            if (!cm.help().isEmpty()) {
                one.put("help", cm.help());
            }
            if (cm.alert() != null) {
                Map<String, Object> alert = new LinkedHashMap<>();
                putIfSet(alert, "above", number(cm.alert().above()));
                putIfSet(alert, "below", number(cm.alert().below()));
                putIfSet(alert, "for", cm.alert().forDuration());
                alert.put("severity", cm.alert().severity());
                putIfSet(alert, "window", cm.alert().window());
                one.put("alert", alert);
            }
            metrics.add(one);
        }
        return metrics;
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}

package io.monstack.spec;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads monstack.yml into a validated StackSpec. Every error carries file:line:column. The
 * YAML parser is bounded (size, aliases, nesting) so a hostile file is refused quickly.
 */
public final class SpecReader {
    public static final int MAX_BYTES = 16 * 1024 * 1024;
    private static final List<String> TOP = SpecSection.keys();
    private static final List<String> HOST_METRICS = List.of("enabled", "image", "listenAddress");
    private static final List<String> CONTAINER_METRICS = List.of("enabled", "image");
    private static final List<String> PROMETHEUS = List.of("image", "scrapeInterval", "scrapeTimeout", "retention", "port");
    private static final List<String> GRAFANA = List.of("image", "port", "dashboards", "datasourceUrl");
    private static final List<String> ENGINE = List.of("enabled", "metricsAddr", "experimental");
    private static final List<String> IMAGES = List.of("registry", "tag");
    /** A target's keys: its settings' (dns for the dns.* ones) and alerts. */
    private static final List<String> TARGET = targetKeys();
    private static final List<String> METRIC = List.of("name", "type", "help", "alert");
    private static final List<String> ALERTING = List.of("enabled", "image", "port", "groupWait", "groupInterval",
            "repeatInterval", "defaults", "receivers");
    private static final List<String> METRIC_ALERT = List.of("above", "below", "for", "severity", "window");
    private static final List<String> RECEIVER = List.of("name", "severities", "sendResolved", "email", "slack", "webhook");
    private static final List<String> EMAIL = List.of("to", "from", "smarthost", "username", "passwordFile", "requireTls");
    private static final List<String> SLACK = List.of("channel", "apiUrlFile");
    private static final List<String> SWARM = List.of("discovery", "publishMode", "scrapeLabel", "resources");
    private static final List<String> SWARM_RESOURCES = List.of("prometheus", "grafana");
    private static final List<String> RESOURCES = List.of("cpus", "memory");
    private static final List<String> REMOTE_WRITE = List.of("url", "name", "basicAuth", "bearerTokenFile");
    private static final List<String> BASIC_AUTH = List.of("username", "passwordFile");
    private static final List<String> WEBHOOK = List.of("url", "urlFile");

    private final YamlTree tree;

    private SpecReader(String fileName) {
        this.tree = new YamlTree(fileName);
    }

    public static StackSpec read(Path file) {
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new SpecException(file + ": the spec is " + size / (1024 * 1024) + " MiB; at most "
                        + MAX_BYTES / (1024 * 1024) + " MiB are accepted");
            }
            byte[] bytes = Files.readAllBytes(file);
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (NoSuchFileException e) {
            throw new SpecException(file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new SpecException(file + ": is not UTF-8 text");
        } catch (IOException e) {
            throw new SpecException(file + ": cannot read: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    public static StackSpec parse(String text, String fileName) {
        if (text.length() > MAX_BYTES) {
            throw new SpecException(fileName + ": the spec is too large; at most " + MAX_BYTES / (1024 * 1024) + " MiB are accepted");
        }
        SpecReader reader = new SpecReader(fileName);
        Node root = reader.compose(new StringReader(text), fileName);
        StackSpec spec = reader.bind(root);
        if (!reader.tree.issues().isEmpty()) {
            throw new SpecException(reader.allProblems());
        }
        SpecValidator.requireValid(spec, reader::describe);
        return spec;
    }

    /**
     * Everything that could not be read, in file order. The validator's rules come on the next run:
     * a value that could not be read is left out, and rules across values (a timeout against the
     * interval, two ports) would blame the default that stands in for it.
     */
    private List<String> allProblems() {
        List<YamlTree.Issue> issues = new ArrayList<>(tree.issues());
        issues.sort(java.util.Comparator.comparingInt(YamlTree.Issue::line).thenComparingInt(YamlTree.Issue::column));
        return issues.stream().map(YamlTree.Issue::message).toList();
    }

    private Node compose(Reader in, String fileName) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(20);
        options.setCodePointLimit(MAX_BYTES);
        options.setAllowDuplicateKeys(false);
        try {
            Node root = new Yaml(options).compose(in);
            if (root == null) {
                throw new SpecException(fileName + ": the spec is empty; it needs at least `name:`");
            }
            return root;
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            // snakeyaml's words for a line indented off its block; say what to do about it
            boolean indentation = what.contains("block") || what.contains("mapping values are not allowed")
                    || what.contains("could not find expected ':'");
            throw new SpecException((mark == null ? fileName + ": " : tree.at(mark)) + "invalid YAML: " + what.strip()
                    + (indentation ? " (check the indentation there and on the line above: the keys of one block line up, "
                            + "with spaces, not tabs)" : ""));
        } catch (YAMLException e) {
            throw new SpecException(fileName + ": refused: " + e.getMessage().lines().findFirst().orElse("invalid YAML"));
        }
    }

    private String describe(Problem p) {
        String path = p.path();
        while (!path.isEmpty()) {
            Mark mark = tree.marks().get(path);
            if (mark != null) {
                return tree.at(mark) + p;
            }
            int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
            path = cut < 0 ? "" : path.substring(0, cut);
        }
        return tree.at(new Mark("", 0, 0, 0, new int[0], 0)).replace(":1:1: ", ": ") + p;
    }

    private StackSpec bind(Node root) {
        Map<String, Node> top = tree.mapping(root, "", TOP);
        String name = tree.string(top.get("name"), "name");
        PrometheusSettings prometheus = prometheus(top.get("prometheus"));
        GrafanaSettings grafana = grafana(top.get("grafana"));
        DockerEngine engine = engine(top.get("dockerEngine"));
        ImageSettings images = images(top.get("images"));
        String publish = orDefault(tree.string(top.get("publishAddress"), "publishAddress"), StackSpec.LOCAL_ONLY);
        List<Target> targets = new ArrayList<>();
        if (!isNull(top.get("targets"))) {
            List<Node> items = tree.sequence(top.get("targets"), "targets");
            for (int i = 0; i < items.size(); i++) {
                targets.add(target(items.get(i), "targets[" + i + "]"));
            }
        }
        return new StackSpec(name, prometheus, grafana, engine, images, publish, targets, alerting(top.get("alerting")),
                deploy(top.get("platform"), top.get("swarm")), remote(top.get("remoteWrite"), top.get("externalLabels")),
                hostMetrics(top.get("hostMetrics")), containerMetrics(top.get("containerMetrics")), networks(top.get("networks")));
    }

    /** networks: the app's networks Prometheus joins, by their real names. */
    private List<AppNetwork> networks(Node node) {
        return tree.strings(node, "networks").stream().map(AppNetwork::new).toList();
    }

    /** A present hostMetrics: block means "on" unless it says enabled: false (as alerting). */
    private HostMetrics hostMetrics(Node node) {
        HostMetrics d = HostMetrics.disabled();
        if (isNull(node)) {
            return d;
        }
        Map<String, Node> m = tree.mapping(node, "hostMetrics", HOST_METRICS);
        return new HostMetrics(orDefault(tree.bool(m.get("enabled"), "hostMetrics.enabled"), true),
                orDefault(tree.string(m.get("image"), "hostMetrics.image"), d.image()),
                orDefault(tree.string(m.get("listenAddress"), "hostMetrics.listenAddress"), d.listenAddress()));
    }

    private ContainerMetrics containerMetrics(Node node) {
        ContainerMetrics d = ContainerMetrics.disabled();
        if (isNull(node)) {
            return d;
        }
        Map<String, Node> m = tree.mapping(node, "containerMetrics", CONTAINER_METRICS);
        return new ContainerMetrics(orDefault(tree.bool(m.get("enabled"), "containerMetrics.enabled"), true),
                orDefault(tree.string(m.get("image"), "containerMetrics.image"), d.image()));
    }

    private DeploySettings deploy(Node platformNode, Node swarmNode) {
        Platform platform = choice(Platform.class, platformNode, "platform");
        if (isNull(swarmNode)) {
            return new DeploySettings(platform, null, null, null, null, null);
        }
        Map<String, Node> m = tree.mapping(swarmNode, "swarm", SWARM);
        DeploySettings.Resources prometheus = null;
        DeploySettings.Resources grafana = null;
        if (!isNull(m.get("resources"))) {
            Map<String, Node> r = tree.mapping(m.get("resources"), "swarm.resources", SWARM_RESOURCES);
            prometheus = resources(r.get("prometheus"), "swarm.resources.prometheus", DeploySettings.DEFAULT_PROMETHEUS_RESOURCES);
            grafana = resources(r.get("grafana"), "swarm.resources.grafana", DeploySettings.DEFAULT_GRAFANA_RESOURCES);
        }
        return new DeploySettings(platform, choice(SwarmDiscovery.class, m.get("discovery"), "swarm.discovery"),
                choice(PublishMode.class, m.get("publishMode"), "swarm.publishMode"),
                tree.string(m.get("scrapeLabel"), "swarm.scrapeLabel"), prometheus, grafana);
    }

    private DeploySettings.Resources resources(Node node, String at, DeploySettings.Resources d) {
        if (isNull(node)) {
            return d;
        }
        Map<String, Node> m = tree.mapping(node, at, RESOURCES);
        return new DeploySettings.Resources(orDefault(tree.string(m.get("cpus"), at + ".cpus"), d.cpus()),
                orDefault(tree.string(m.get("memory"), at + ".memory"), d.memory()));
    }

    private RemoteStorage remote(Node writeNode, Node labelsNode) {
        List<RemoteWrite> stores = new ArrayList<>();
        if (!isNull(writeNode)) {
            List<Node> items = tree.sequence(writeNode, "remoteWrite");
            for (int i = 0; i < items.size(); i++) {
                String at = "remoteWrite[" + i + "]";
                Map<String, Node> m = tree.mapping(items.get(i), at, REMOTE_WRITE);
                RemoteWrite.BasicAuth basic = null;
                if (!isNull(m.get("basicAuth"))) {
                    Map<String, Node> b = tree.mapping(m.get("basicAuth"), at + ".basicAuth", BASIC_AUTH);
                    basic = new RemoteWrite.BasicAuth(tree.string(b.get("username"), at + ".basicAuth.username"),
                            tree.string(b.get("passwordFile"), at + ".basicAuth.passwordFile"));
                }
                stores.add(new RemoteWrite(tree.string(m.get("url"), at + ".url"), tree.string(m.get("name"), at + ".name"),
                        basic, tree.string(m.get("bearerTokenFile"), at + ".bearerTokenFile")));
            }
        }
        TreeMap<String, String> labels = new TreeMap<>();
        if (!isNull(labelsNode)) {
            tree.anyMapping(labelsNode, "externalLabels").forEach((k, v) -> labels.put(k, tree.string(v, "externalLabels." + k)));
        }
        return new RemoteStorage(stores, labels);
    }

    private AlertingSettings alerting(Node node) {
        AlertingSettings d = AlertingSettings.disabled();
        if (isNull(node)) {
            return d;
        }
        Map<String, Node> m = tree.mapping(node, "alerting", ALERTING);
        List<AlertReceiver> receivers = new ArrayList<>();
        if (!isNull(m.get("receivers"))) {
            List<Node> items = tree.sequence(m.get("receivers"), "alerting.receivers");
            for (int i = 0; i < items.size(); i++) {
                receivers.add(receiver(items.get(i), "alerting.receivers[" + i + "]"));
            }
        }
        // A present alerting: block means "on" unless it says enabled: false.
        return new AlertingSettings(orDefault(tree.bool(m.get("enabled"), "alerting.enabled"), true),
                orDefault(tree.string(m.get("image"), "alerting.image"), d.image()),
                orDefault(tree.integer(m.get("port"), "alerting.port"), d.port()),
                orDefault(tree.string(m.get("groupWait"), "alerting.groupWait"), d.groupWait()),
                orDefault(tree.string(m.get("groupInterval"), "alerting.groupInterval"), d.groupInterval()),
                orDefault(tree.string(m.get("repeatInterval"), "alerting.repeatInterval"), d.repeatInterval()),
                thresholds(m.get("defaults"), "alerting.defaults"),
                receivers);
    }

    /** alerting.defaults and a target's alerts: the stack-wide settings, then the runtime thresholds runtimes.yml declares. */
    private AlertThresholds thresholds(Node node, String at) {
        if (isNull(node)) {
            return AlertThresholds.NONE;
        }
        List<String> keys = new ArrayList<>(AlertThresholds.COMMON_KEYS);
        keys.addAll(RuntimeCatalog.thresholds().keySet());
        Map<String, Node> m = tree.mapping(node, at, keys);
        TreeMap<String, Object> runtime = new TreeMap<>();
        RuntimeCatalog.thresholds().forEach((key, def) -> {
            Node value = m.get(key);
            String path = at + "." + key;
            Object parsed = switch (def.type()) {
                case RATIO, FACTOR -> tree.decimal(value, path);
                case COUNT -> tree.integer(value, path);
                case DURATION -> tree.string(value, path);
            };
            if (parsed != null) {
                runtime.put(key, parsed);
            }
        });
        return new AlertThresholds(tree.string(m.get("for"), at + ".for"),
                tree.string(m.get("downFor"), at + ".downFor"),
                tree.decimal(m.get("scrapeSlowRatio"), at + ".scrapeSlowRatio"),
                tree.decimal(m.get("scrapeFailureRatio"), at + ".scrapeFailureRatio"),
                runtime);
    }

    private AlertReceiver receiver(Node node, String at) {
        Map<String, Node> m = tree.mapping(node, at, RECEIVER);
        AlertReceiver.Email email = null;
        if (!isNull(m.get("email"))) {
            Map<String, Node> e = tree.mapping(m.get("email"), at + ".email", EMAIL);
            email = new AlertReceiver.Email(tree.string(e.get("to"), at + ".email.to"),
                    tree.string(e.get("from"), at + ".email.from"),
                    tree.string(e.get("smarthost"), at + ".email.smarthost"),
                    tree.string(e.get("username"), at + ".email.username"),
                    tree.string(e.get("passwordFile"), at + ".email.passwordFile"),
                    tree.bool(e.get("requireTls"), at + ".email.requireTls"));
        }
        AlertReceiver.Slack slack = null;
        if (!isNull(m.get("slack"))) {
            Map<String, Node> sl = tree.mapping(m.get("slack"), at + ".slack", SLACK);
            slack = new AlertReceiver.Slack(tree.string(sl.get("channel"), at + ".slack.channel"),
                    tree.string(sl.get("apiUrlFile"), at + ".slack.apiUrlFile"));
        }
        AlertReceiver.Webhook webhook = null;
        if (!isNull(m.get("webhook"))) {
            Map<String, Node> w = tree.mapping(m.get("webhook"), at + ".webhook", WEBHOOK);
            webhook = new AlertReceiver.Webhook(tree.string(w.get("url"), at + ".webhook.url"),
                    tree.string(w.get("urlFile"), at + ".webhook.urlFile"));
        }
        return new AlertReceiver(tree.string(m.get("name"), at + ".name"),
                tree.strings(m.get("severities"), at + ".severities"),
                orDefault(tree.bool(m.get("sendResolved"), at + ".sendResolved"), true),
                email, slack, webhook);
    }

    private MetricAlert metricAlert(Node node, String at) {
        if (isNull(node)) {
            return null;
        }
        Map<String, Node> m = tree.mapping(node, at, METRIC_ALERT);
        return new MetricAlert(tree.decimal(m.get("above"), at + ".above"), tree.decimal(m.get("below"), at + ".below"),
                tree.string(m.get("for"), at + ".for"), tree.string(m.get("severity"), at + ".severity"),
                tree.string(m.get("window"), at + ".window"));
    }

    private PrometheusSettings prometheus(Node node) {
        PrometheusSettings d = PrometheusSettings.defaults();
        if (isNull(node)) {
            return d;
        }
        Map<String, Node> m = tree.mapping(node, "prometheus", PROMETHEUS);
        return new PrometheusSettings(
                orDefault(tree.string(m.get("image"), "prometheus.image"), d.image()),
                orDefault(tree.string(m.get("scrapeInterval"), "prometheus.scrapeInterval"), d.scrapeInterval()),
                tree.string(m.get("scrapeTimeout"), "prometheus.scrapeTimeout"),
                orDefault(tree.string(m.get("retention"), "prometheus.retention"), d.retention()),
                orDefault(tree.integer(m.get("port"), "prometheus.port"), d.port()));
    }

    private GrafanaSettings grafana(Node node) {
        GrafanaSettings d = GrafanaSettings.defaults();
        if (isNull(node)) {
            return d;
        }
        Map<String, Node> m = tree.mapping(node, "grafana", GRAFANA);
        return new GrafanaSettings(orDefault(tree.string(m.get("image"), "grafana.image"), d.image()),
                orDefault(tree.integer(m.get("port"), "grafana.port"), d.port()),
                orDefault(choice(DashboardLayout.class, m.get("dashboards"), "grafana.dashboards"), d.dashboards()),
                tree.string(m.get("datasourceUrl"), "grafana.datasourceUrl"));
    }

    private DockerEngine engine(Node node) {
        DockerEngine d = DockerEngine.defaults();
        if (isNull(node)) {
            return d;
        }
        Map<String, Node> m = tree.mapping(node, "dockerEngine", ENGINE);
        return new DockerEngine(orDefault(tree.bool(m.get("enabled"), "dockerEngine.enabled"), d.enabled()),
                orDefault(tree.string(m.get("metricsAddr"), "dockerEngine.metricsAddr"), d.metricsAddr()),
                orDefault(tree.bool(m.get("experimental"), "dockerEngine.experimental"), d.experimental()));
    }

    private ImageSettings images(Node node) {
        ImageSettings d = ImageSettings.defaults();
        if (isNull(node)) {
            return d;
        }
        Map<String, Node> m = tree.mapping(node, "images", IMAGES);
        return new ImageSettings(orDefault(tree.string(m.get("registry"), "images.registry"), d.registry()),
                orDefault(tree.string(m.get("tag"), "images.tag"), d.tag()));
    }

    private static List<String> targetKeys() {
        List<String> keys = new ArrayList<>();
        for (TargetSetting setting : TargetSetting.inSpec()) {
            String key = setting.yamlBlock().isEmpty() ? setting.yamlKey() : setting.yamlBlock();
            if (!keys.contains(key)) {
                keys.add(key);
            }
        }
        keys.add("alerts");
        return List.copyOf(keys);
    }

    /** A target, setting by setting as TargetSetting defines them, into a draft that applies the defaults. */
    private Target target(Node node, String at) {
        int before = tree.issues().size();
        Map<String, Node> m = tree.mapping(node, at, TARGET);
        // a name of the wrong kind, or a target that is no mapping, is said already (the name is read again below)
        if (tree.issues().size() == before && isNull(m.get("name"))) {
            tree.fail(node, at, at + " needs a name (it becomes the Prometheus job name)");
        }
        TargetDraft d = new TargetDraft();
        Map<String, Map<String, Node>> blocks = new java.util.HashMap<>();
        blocks.put("", m);
        for (String block : List.of("dns", "exporter")) {
            if (!isNull(m.get(block))) {
                blocks.put(block, tree.mapping(m.get(block), at + "." + block,
                        TargetSetting.inBlock(block).stream().map(TargetSetting::yamlKey).toList()));
            }
        }
        if (blocks.containsKey("dns")) {
            d.dns(List.of(), null, null, null); // the block is there, even if it names nothing
        }
        for (TargetSetting setting : TargetSetting.inSpec()) {
            Node value = blocks.getOrDefault(setting.yamlBlock(), Map.of()).get(setting.yamlKey());
            String path = at + "." + setting.specPath();
            switch (setting.kind()) {
                case TEXT -> {
                    String text = tree.string(value, path);
                    if (text != null) {
                        setting.set(d, text);
                    }
                }
                case PORT -> {
                    Integer port = tree.integer(value, path);
                    if (port != null) {
                        setting.set(d, port);
                    }
                }
                case LIST -> tree.strings(value, path).forEach(v -> setting.set(d, v));
                case LABELS -> {
                    if (!isNull(value)) {
                        tree.anyMapping(value, path).forEach((k, v) -> setting.set(d, new java.util.AbstractMap.SimpleEntry<>(k,
                                tree.string(v, path + "." + k))));
                    }
                }
                case METRICS -> {
                    if (!isNull(value)) {
                        List<Node> items = tree.sequence(value, path);
                        for (int i = 0; i < items.size(); i++) {
                            setting.set(d, metric(items.get(i), path + "[" + i + "]"));
                        }
                    }
                }
            }
        }
        return d.alerts(thresholds(m.get("alerts"), at + ".alerts")).toTarget();
    }

    private CustomMetric metric(Node node, String at) {
        Map<String, Node> m = tree.mapping(node, at, METRIC);
        String type = orDefault(tree.string(m.get("type"), at + ".type"), "gauge");
        MetricType parsed;
        try {
            parsed = MetricType.parse(type);
        } catch (IllegalArgumentException e) {
            tree.fail(m.get("type"), at + ".type", at + ".type: " + e.getMessage());
            parsed = MetricType.GAUGE;
        }
        return new CustomMetric(tree.string(m.get("name"), at + ".name"), parsed, tree.string(m.get("help"), at + ".help"),
                metricAlert(m.get("alert"), at + ".alert"));
    }

    /** One of a closed set, by name; null when left out; an unknown name is an error at its line. */
    private <E extends Enum<E> & SpecChoice> E choice(Class<E> type, Node node, String at) {
        String text = tree.string(node, at);
        if (text == null) {
            return null;
        }
        try {
            return SpecChoice.parse(type, text);
        } catch (IllegalArgumentException e) {
            tree.fail(node, at, at + ": " + e.getMessage());
            return null;
        }
    }

    private boolean isNull(Node node) {
        return node == null || node instanceof org.yaml.snakeyaml.nodes.ScalarNode s
                && s.getTag().equals(org.yaml.snakeyaml.nodes.Tag.NULL);
    }

    private static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }
}

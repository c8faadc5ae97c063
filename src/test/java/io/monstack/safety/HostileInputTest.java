package io.monstack.safety;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.monstack.generate.GeneratedFile;
import io.monstack.generate.StackGenerator;
import io.monstack.spec.AppNetwork;
import io.monstack.spec.CustomMetric;
import io.monstack.spec.DockerEngine;
import io.monstack.spec.GrafanaSettings;
import io.monstack.spec.ImageSettings;
import io.monstack.spec.MetricType;
import io.monstack.spec.Problem;
import io.monstack.spec.PrometheusSettings;
import io.monstack.spec.SpecException;
import io.monstack.spec.SpecReader;
import io.monstack.spec.SpecValidator;
import io.monstack.spec.SpecWriter;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import io.monstack.spec.TargetDraft;
import io.monstack.support.PromTools;
import io.monstack.support.PrometheusMajors;
import io.monstack.support.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Hundreds of hostile values in every user field. Each one is either refused by the validator
 * (with a short one-line message, no stack trace) or rendered so that every generated file still
 * parses, the value lands verbatim as one value where it belongs, and nothing else changes:
 * a render with a harmless placeholder, with the placeholder replaced by the value, must equal
 * the render with the value. promtool checks every accepted prometheus.yml (in batches), and
 * the dashboards' PromQL (as recording rules).
 */
class HostileInputTest {
    /** One placeholder per field: valid, unique, and found nowhere else in the output. */
    enum Field {
        STACK_NAME("zqxstack"),
        TARGET_NAME("zqxtarget"),
        METRICS_PATH("/zqxpath"),
        STATIC_HOST("zqxhost"),
        DNS_NAME("zqxdns"),
        LABEL_NAME("zqxlabel"),
        LABEL_VALUE("zqxvalue"),
        METRIC_NAME("zqx_metric"),
        METRIC_HELP("zqxhelp"),
        PROMETHEUS_IMAGE("zqxprom/prometheus:v3.5.0"),
        GRAFANA_IMAGE("zqxgraf/grafana:12.2.1"),
        REGISTRY("zqxreg.example.com"),
        TAG("zqxtag"),
        PUBLISH_ADDRESS("10.11.12.13"),
        METRICS_ADDR("10.9.8.7:19323"),
        NETWORK("zqxnet");

        final String placeholder;

        Field(String placeholder) {
            this.placeholder = placeholder;
        }
    }

    private static final List<String> VALUES = HostileValues.all();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StackGenerator GENERATOR = new StackGenerator();
    private static final Pattern INSTRUCTION = Pattern.compile(
            "(?i)^\\s*(FROM|RUN|CMD|LABEL|MAINTAINER|EXPOSE|ENV|ADD|COPY|ENTRYPOINT|VOLUME|USER|WORKDIR|ARG|ONBUILD|STOPSIGNAL|HEALTHCHECK|SHELL)(\\s|$)");
    /** Docker's reference grammar (distribution/reference), stricter than monstack's on the domain. */
    private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final Pattern DOCKER_REFERENCE = Pattern.compile("^(?:(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT
            + ")*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?/)?" + PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*"
            + "(?::[\\w][\\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$");

    @TempDir
    static Path tmp;

    private static final Map<Field, Integer> ACCEPTED = new EnumMap<>(Field.class);

    static StackSpec spec(Field field, String value) {
        Map<Field, String> v = new EnumMap<>(Field.class);
        for (Field f : Field.values()) {
            v.put(f, f == field ? value : f.placeholder);
        }
        TreeMap<String, String> labels = new TreeMap<>();
        labels.put(v.get(Field.LABEL_NAME), v.get(Field.LABEL_VALUE));
        Target web = new TargetDraft(v.get(Field.TARGET_NAME)).runtime("go").metricsPath(v.get(Field.METRICS_PATH))
                .addStatic(v.get(Field.STATIC_HOST)).labels(labels)
                .addMetric(new CustomMetric(v.get(Field.METRIC_NAME), MetricType.GAUGE, v.get(Field.METRIC_HELP))).toTarget();
        Target dns = new TargetDraft("dnsjob").runtime("node").dns(List.of(v.get(Field.DNS_NAME)), "A", 80, null).labels(labels).toTarget();
        return StackSpec.builder(v.get(Field.STACK_NAME))
                .prometheus(PrometheusSettings.defaults().withImage(v.get(Field.PROMETHEUS_IMAGE)))
                .grafana(new GrafanaSettings(v.get(Field.GRAFANA_IMAGE), 3000))
                .dockerEngine(new DockerEngine(true, v.get(Field.METRICS_ADDR), false))
                .images(new ImageSettings(v.get(Field.REGISTRY), v.get(Field.TAG)))
                .publishAddress(v.get(Field.PUBLISH_ADDRESS)).targets(List.of(web, dns))
                .networks(List.of(new AppNetwork(v.get(Field.NETWORK)))).build();
    }

    /** What the placeholder turns into in the output when the field holds value. */
    static List<String[]> replacements(Field field, String value) {
        List<String[]> pairs = new ArrayList<>();
        switch (field) {
            case REGISTRY -> pairs.add(new String[] {field.placeholder + "/",
                value.isEmpty() ? "" : value.endsWith("/") ? value : value + "/"});
            case METRICS_ADDR -> {
                pairs.add(new String[] {field.placeholder, value});
                String port = value.substring(value.lastIndexOf(':') + 1);
                pairs.add(new String[] {"host.docker.internal:19323", "host.docker.internal:" + Integer.parseInt(port)});
            }
            case PROMETHEUS_IMAGE -> pairs.add(new String[] {prometheusPlaceholder(value), value});
            default -> pairs.add(new String[] {field.placeholder, value});
        }
        return pairs;
    }

    /**
     * The placeholder image of the same Prometheus major as value: the config is written for the
     * pinned major (e.g. no fallback_scrape_protocol on 2.x), so only a render for the same major
     * is the same structure.
     */
    static String prometheusPlaceholder(String value) {
        int major = PrometheusSettings.defaults().withImage(value).majorVersion();
        return major == 3 ? Field.PROMETHEUS_IMAGE.placeholder : "zqxprom/prometheus:v" + major + ".0.0";
    }

    @Test
    void theValuesAreHostileEnough() {
        assertThat(VALUES).hasSizeGreaterThan(500);
        assertThat(VALUES).anyMatch(v -> v.length() >= 10_000).anyMatch(v -> v.contains("\u0000"))
                .anyMatch(v -> v.contains("\n")).anyMatch(v -> v.codePoints().anyMatch(Character::isSupplementaryCodePoint));
        assertThat(SpecValidator.validate(spec(null, null))).as("the placeholder spec is valid").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Field.class)
    void everyHostileValueIsRefusedOrLandsVerbatimWithoutChangingStructure(Field field) throws IOException {
        Map<String, Object> base = parsed(render(spec(null, null)));
        Map<String, String> baseText = render(spec(null, null));
        List<String> failures = new ArrayList<>();
        // per Prometheus major (the image field can pin either): rendered text -> the first value that made it
        Map<Integer, Map<String, String>> configs = new TreeMap<>();
        Map<Integer, Map<String, String>> rules = new TreeMap<>();
        int accepted = 0;
        for (String value : VALUES) {
            String what = field + "=" + HostileValues.show(value);
            try {
                StackSpec spec = spec(field, value);
                List<Problem> problems = SpecValidator.validate(spec);
                if (!problems.isEmpty()) {
                    checkRefusal(what, problems, spec, failures);
                    continue;
                }
                accepted++;
                Map<String, String> text = render(spec);
                if (field == Field.PROMETHEUS_IMAGE && !prometheusPlaceholder(value).equals(field.placeholder)) {
                    StackSpec sameMajor = spec(field, prometheusPlaceholder(value));
                    checkRendered(field, value, what, render(sameMajor), parsed(render(sameMajor)), text, failures);
                } else {
                    checkRendered(field, value, what, baseText, base, text, failures);
                }
                checkSpecRoundTrip(what, spec, failures);
                int major = PrometheusMajors.of(spec);
                configs.computeIfAbsent(major, m -> new LinkedHashMap<>()).putIfAbsent(text.get("prometheus/prometheus.yml"), what);
                if (field == Field.METRIC_NAME || field == Field.TARGET_NAME) {
                    rules.computeIfAbsent(major, m -> new LinkedHashMap<>()).putIfAbsent(rulesFile(text), what);
                }
            } catch (RuntimeException | AssertionError e) {
                failures.add(what + ": " + e);
            }
        }
        configs.forEach((major, files) -> failures.addAll(promtool(field, "config", major, files)));
        rules.forEach((major, files) -> failures.addAll(promtool(field, "rules", major, files)));
        ACCEPTED.put(field, accepted);
        assertThat(failures).as("%d of %d hostile values in %s fail (first 25 shown):%n%s", failures.size(), VALUES.size(),
                field, String.join("\n", failures.subList(0, Math.min(25, failures.size())))).isEmpty();
    }

    @AfterAll
    static void freeTextFieldsAcceptMostValues() {
        if (ACCEPTED.containsKey(Field.LABEL_VALUE)) {
            assertThat(ACCEPTED.get(Field.LABEL_VALUE)).as("label values accepted").isGreaterThan(VALUES.size() / 3);
        }
        if (ACCEPTED.containsKey(Field.NETWORK)) {
            // engine names only, but some hostile values are those (dots, dashes, 128 characters): their checks must run
            assertThat(ACCEPTED.get(Field.NETWORK)).as("network names accepted").isPositive();
        }
        if (ACCEPTED.containsKey(Field.METRIC_HELP)) {
            assertThat(ACCEPTED.get(Field.METRIC_HELP)).as("help texts accepted").isGreaterThan(VALUES.size() / 3);
        }
    }

    // --- refused values ---------------------------------------------------------------------

    private static void checkRefusal(String what, List<Problem> problems, StackSpec spec, List<String> failures) {
        for (Problem p : problems) {
            String message = p.toString();
            if (message.contains("\n") || message.contains("\r") || message.length() > 400
                    || message.contains("Exception") || message.contains("\tat ")) {
                failures.add(what + ": refusal is not one short line: " + HostileValues.show(message));
            }
        }
        // The same value in monstack.yml is refused by the reader too, with file:line:col. (SnakeYAML
        // writes unprintable text as !!binary; monstack never writes an invalid spec, so those are skipped.)
        String yaml = hasLoneSurrogate(spec) ? "!!binary" : SpecWriter.write(spec);
        if (!yaml.contains("!!binary")) {
            try {
                // YAML itself may turn the value into another, valid one (e.g. NEL folds to a line break).
                StackSpec read = SpecReader.parse(yaml, "monstack.yml");
                if (read.equals(spec)) {
                    failures.add(what + ": validator refuses it but monstack.yml holding it is accepted");
                }
            } catch (SpecException e) {
                for (String problem : e.problems()) {
                    if (problem.contains("\n") || problem.length() > 500 || !problem.startsWith("monstack.yml")) {
                        failures.add(what + ": reader message is not one located line: " + HostileValues.show(problem));
                    }
                }
            }
        }
    }

    private static boolean hasLoneSurrogate(StackSpec spec) {
        String all = spec.toString();
        for (int i = 0; i < all.length(); i++) {
            char c = all.charAt(i);
            if (Character.isHighSurrogate(c) && (i + 1 == all.length() || !Character.isLowSurrogate(all.charAt(i + 1)))) {
                return true;
            }
            if (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(all.charAt(i - 1)))) {
                return true;
            }
        }
        return false;
    }

    /** An accepted spec survives monstack.yml: written and read back, it is the same spec. */
    private static void checkSpecRoundTrip(String what, StackSpec spec, List<String> failures) {
        String yaml = SpecWriter.write(spec);
        try {
            StackSpec read = SpecReader.parse(yaml, "monstack.yml");
            if (!read.equals(spec)) {
                failures.add(what + ": monstack.yml round trip changes the spec: " + read);
            }
        } catch (SpecException e) {
            failures.add(what + ": monstack.yml written for a valid spec is refused: " + e.getMessage());
        }
    }

    // --- accepted values --------------------------------------------------------------------

    static Map<String, String> render(StackSpec spec) {
        Map<String, String> files = new TreeMap<>();
        for (GeneratedFile f : GENERATOR.generate(spec)) {
            files.put(f.path(), f.content());
        }
        return files;
    }

    static Map<String, Object> parsed(Map<String, String> files) {
        Map<String, Object> out = new TreeMap<>();
        files.forEach((path, text) -> {
            Object tree = parse(path, text);
            if (tree != null) {
                out.put(path, tree);
            }
        });
        return out;
    }

    /** YAML through SnakeYAML's SafeConstructor, JSON through Jackson; null for other files. */
    static Object parse(String path, String text) {
        try {
            if (path.endsWith(".yml") || path.endsWith(".yaml")) {
                return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
            }
            if (path.endsWith(".json")) {
                return JSON.readValue(text, Object.class);
            }
            return null;
        } catch (Exception e) {
            throw new AssertionError(path + " does not parse: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static void checkRendered(Field field, String value, String what, Map<String, String> baseText,
            Map<String, Object> base, Map<String, String> text, List<String> failures) {
        List<String[]> pairs = replacements(field, value);
        // The same files, the service dashboard renamed with the target.
        List<String> expectedPaths = baseText.keySet().stream().map(p -> replace(p, pairs)).sorted().toList();
        if (!List.copyOf(text.keySet()).equals(expectedPaths)) {
            failures.add(what + ": generated files " + text.keySet() + " instead of " + expectedPaths);
            return;
        }
        for (Map.Entry<String, String> e : baseText.entrySet()) {
            String path = replace(e.getKey(), pairs);
            String got = text.get(path);
            Object tree;
            try {
                tree = parse(path, got);
            } catch (AssertionError bad) {
                failures.add(what + ": " + bad.getMessage());
                continue;
            }
            if (tree != null) {
                if (field == Field.METRIC_HELP && value.isEmpty()) {
                    continue; // no help = no panel description: checked below
                }
                Object expected = replaceTree(normalise(path, base.get(e.getKey())), pairs);
                Object actual = normalise(path, tree);
                if (!expected.equals(actual)) {
                    failures.add(what + ": " + path + " differs from the placeholder render beyond the value:\n  expected "
                            + HostileValues.show(String.valueOf(expected)) + "\n  got      " + HostileValues.show(String.valueOf(actual)));
                }
            } else if (path.endsWith("Dockerfile")) {
                checkDockerfile(what, path, replace(e.getValue(), pairs), got, failures);
            } else if (path.equals("README.md")) {
                checkReadme(field, what, e.getValue(), got, failures);
            } else if (!got.equals(replace(e.getValue(), pairs))) {
                failures.add(what + ": " + path + " changed");
            }
        }
        checkVerbatim(field, value, what, text, failures);
    }

    /** Explicit look-ups: the value is exactly one value, where it belongs. */
    @SuppressWarnings("unchecked")
    private static void checkVerbatim(Field field, String value, String what, Map<String, String> text, List<String> failures) {
        Map<String, Object> prom = (Map<String, Object>) parse("p.yml", text.get("prometheus/prometheus.yml"));
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) prom.get("scrape_configs");
        Map<String, Object> compose = (Map<String, Object>) parse("c.yaml", text.get("compose.yaml"));
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        String web = field == Field.TARGET_NAME ? value : Field.TARGET_NAME.placeholder;
        Map<String, Object> webJob = jobs.stream().filter(j -> web.equals(j.get("job_name"))).findFirst().orElse(null);
        Map<String, Object> dnsJob = jobs.stream().filter(j -> "dnsjob".equals(j.get("job_name"))).findFirst().orElse(null);
        if (jobs.size() != 4 || webJob == null || dnsJob == null) {
            failures.add(what + ": scrape jobs are " + jobs.stream().map(j -> j.get("job_name")).toList());
            return;
        }
        Map<String, Object> staticConfig = ((List<Map<String, Object>>) webJob.get("static_configs")).get(0);
        Object actual = switch (field) {
            case TARGET_NAME -> webJob.get("job_name");
            case METRICS_PATH -> webJob.get("metrics_path");
            case STATIC_HOST -> ((List<Object>) staticConfig.get("targets")).get(0);
            case DNS_NAME -> ((List<Object>) ((List<Map<String, Object>>) dnsJob.get("dns_sd_configs")).get(0).get("names")).get(0);
            case LABEL_NAME -> ((Map<String, Object>) staticConfig.get("labels")).keySet().iterator().next();
            case LABEL_VALUE -> ((Map<String, Object>) staticConfig.get("labels")).values().iterator().next();
            case STACK_NAME -> ((Map<String, Object>) ((List<Object>) ((Map<String, Object>) parse("m.yml",
                    text.get("grafana/provisioning/dashboards/monstack.yml"))).get("providers")).get(0)).get("folder");
            case PUBLISH_ADDRESS -> String.valueOf(((List<Object>) ((Map<String, Object>) services.get("grafana")).get("ports")).get(0))
                    .replace(":3000:3000", "");
            case METRICS_ADDR -> ((Map<String, Object>) parse("d.json", text.get("docker/daemon.json"))).get("metrics-addr");
            case NETWORK -> ((Map<String, Object>) compose.get("networks")).values().stream().map(n -> (Map<String, Object>) n)
                    .filter(n -> Boolean.TRUE.equals(n.get("external"))).map(n -> n.get("name")).findFirst().orElse(null);
            default -> value;
        };
        if (!value.equals(actual)) {
            failures.add(what + ": landed as " + HostileValues.show(String.valueOf(actual)));
        }
        if (field == Field.LABEL_NAME || field == Field.LABEL_VALUE) {
            Map<String, Object> relabel = ((List<Map<String, Object>>) dnsJob.get("relabel_configs")).get(0);
            Object name = relabel.get("target_label");
            Object replacement = String.valueOf(relabel.get("replacement")).replace("$$", "$");
            if (!(field == Field.LABEL_NAME ? name : replacement).equals(value)) {
                failures.add(what + ": relabel rule is " + relabel);
            }
        }
        if (field == Field.METRIC_HELP) {
            String dashboard = "grafana/dashboards/service-" + Field.TARGET_NAME.placeholder + ".json";
            Map<String, Object> d = (Map<String, Object>) parse(dashboard, text.get(dashboard));
            List<Map<String, Object>> panels = ((List<Map<String, Object>>) d.get("panels")).stream()
                    .filter(p -> String.valueOf(p.get("title")).contains(Field.METRIC_NAME.placeholder)).toList();
            if (panels.size() != 2 || !panels.stream().allMatch(p -> value.isEmpty() ? !p.containsKey("description")
                    : value.equals(p.get("description")))) {
                failures.add(what + ": help panels are " + panels.stream().map(p -> p.get("description")).toList());
            }
        }
        if (field == Field.REGISTRY || field == Field.TAG || field == Field.STACK_NAME) {
            for (String service : List.of("prometheus", "grafana")) {
                String image = String.valueOf(((Map<String, Object>) services.get(service)).get("image"));
                if (!DOCKER_REFERENCE.matcher(image).matches() || image.length() > 255) {
                    failures.add(what + ": compose image " + HostileValues.show(image) + " is not a valid Docker image reference");
                }
            }
        }
        if (field == Field.PROMETHEUS_IMAGE || field == Field.GRAFANA_IMAGE) {
            if (!DOCKER_REFERENCE.matcher(value).matches()) {
                failures.add(what + ": accepted as a base image but Docker rejects the reference");
            }
        }
    }

    private static void checkDockerfile(String what, String path, String expected, String got, List<String> failures) {
        long instructions = got.lines().filter(l -> INSTRUCTION.matcher(l).find()).count();
        long expectedInstructions = expected.lines().filter(l -> INSTRUCTION.matcher(l).find()).count();
        if (instructions != expectedInstructions || !got.equals(expected)) {
            failures.add(what + ": " + path + " gained or changed instructions:\n" + got);
        }
    }

    private static final Pattern HTML = Pattern.compile("<[A-Za-z/!?]");

    private static void checkReadme(Field field, String what, String base, String got, List<String> failures) {
        List<String> b = base.lines().toList();
        List<String> g = got.lines().toList();
        boolean sameBranch = field != Field.PUBLISH_ADDRESS && field != Field.METRICS_ADDR;
        if (sameBranch && b.size() != g.size()) {
            failures.add(what + ": README.md has " + g.size() + " lines instead of " + b.size());
            return;
        }
        if (HTML.matcher(got).find()) {
            failures.add(what + ": README.md holds raw HTML: " + firstMatch(HTML, got));
        }
        if (!headings(g).subList(1, headings(g).size()).equals(headings(b).subList(1, headings(b).size()))
                || !g.get(0).startsWith("# Monitoring stack `")) {
            failures.add(what + ": README.md headings changed: " + headings(g));
        }
        if (sameBranch && !fences(g).equals(fences(b))) {
            failures.add(what + ": README.md code fences changed");
        }
        if (sameBranch && !pipes(g).equals(pipes(b))) {
            failures.add(what + ": README.md table cells changed: " + pipes(g) + " vs " + pipes(b));
        }
    }

    private static List<String> headings(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("#")).toList();
    }

    private static List<Integer> fences(List<String> lines) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("```")) {
                at.add(i);
            }
        }
        return at;
    }

    /** Per table line, the number of cell separators: pipes not escaped by an odd run of backslashes. */
    private static List<Integer> pipes(List<String> lines) {
        List<Integer> counts = new ArrayList<>();
        for (String line : lines) {
            if (!line.startsWith("|")) {
                continue;
            }
            int n = 0;
            for (int i = 0; i < line.length(); i++) {
                if (line.charAt(i) == '|') {
                    int slashes = 0;
                    for (int j = i - 1; j >= 0 && line.charAt(j) == '\\'; j--) {
                        slashes++;
                    }
                    n += slashes % 2 == 0 ? 1 : 0;
                }
            }
            counts.add(n);
        }
        return counts;
    }

    private static String firstMatch(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? text.substring(Math.max(0, m.start() - 20), Math.min(text.length(), m.end() + 20)) : "";
    }

    private static String replace(String text, List<String[]> pairs) {
        String out = text;
        for (String[] p : pairs) {
            out = out.replace(p[0], p[1]);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object replaceTree(Object node, List<String[]> pairs) {
        if (node instanceof String s) {
            return replace(s, pairs);
        }
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(replaceTree(k, pairs), replaceTree(v, pairs)));
            return out;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(x -> replaceTree(x, pairs)).toList();
        }
        return node;
    }

    /** Undoes the escapes the formats need ($$ in relabel replacements and Compose) and blanks derived ids. */
    private static Object normalise(String path, Object node) {
        return normalise(path, null, node);
    }

    private static Object normalise(String path, Object key, Object node) {
        if (node instanceof String s) {
            if ("uid".equals(key) && s.startsWith("ms-")) {
                return "ms-*";
            }
            if ("unit".equals(key)) {
                return "*";
            }
            if ("expr".equals(key)) {
                return s.replaceAll("\\{__name__=\"([a-zA-Z_:][a-zA-Z0-9_:]*)\",", "$1{"); // same selector, either spelling
            }
            if ("replacement".equals(key) || path.equals("compose.yaml")) {
                return s.replace("$$", "$");
            }
            return s;
        }
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, normalise(path, k, v)));
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object x : list) {
                out.add(normalise(path, null, x));
            }
            return out;
        }
        return node == null ? "null" : node;
    }

    // --- promtool -------------------------------------------------------------------------

    /** The dashboards' queries as recording rules, with Grafana's variables filled in. */
    @SuppressWarnings("unchecked")
    private static String rulesFile(Map<String, String> text) {
        List<Map<String, Object>> rules = new ArrayList<>();
        text.forEach((path, content) -> {
            if (path.startsWith("grafana/dashboards/service-")) {
                Map<String, Object> d = (Map<String, Object>) parse(path, content);
                for (Map<String, Object> panel : (List<Map<String, Object>>) d.get("panels")) {
                    for (Map<String, Object> t : (List<Map<String, Object>>) panel.getOrDefault("targets", List.of())) {
                        String expr = String.valueOf(t.get("expr")).replace("$__rate_interval", "5m").replace("$instance", ".+");
                        rules.add(Map.of("record", "r" + rules.size(), "expr", expr));
                    }
                }
            }
        });
        DumperOptions options = new DumperOptions();
        options.setDefaultScalarStyle(DumperOptions.ScalarStyle.DOUBLE_QUOTED);
        return new Yaml(options).dump(Map.of("groups", List.of(Map.of("name", "dashboards", "rules", rules))));
    }

    /**
     * Writes the files and checks them with the major's promtool (--lint=all --lint-fatal), a batch
     * per call; a failing batch is re-checked file by file.
     */
    private static List<String> promtool(Field field, String kind, int major, Map<String, String> files) {
        List<String> failures = new ArrayList<>();
        Path dir;
        try {
            dir = Files.createDirectories(tmp.resolve(field.name() + "-" + kind + "-" + major));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Path> paths = new ArrayList<>();
        List<String> whats = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path p = dir.resolve(String.format("c%04d.yml", i++));
            try {
                Files.writeString(p, e.getKey(), StandardCharsets.UTF_8);
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            paths.add(p);
            whats.add(e.getValue());
        }
        for (int from = 0; from < paths.size(); from += 150) {
            List<Path> batch = paths.subList(from, Math.min(paths.size(), from + 150));
            if (runPromtool(kind, major, batch).exitCode() == 0) {
                continue;
            }
            for (int j = 0; j < batch.size(); j++) {
                Tools.Result one = runPromtool(kind, major, List.of(batch.get(j)));
                if (one.exitCode() != 0) {
                    failures.add(whats.get(from + j) + ": promtool " + major + " check " + kind + " fails: " + one.output().strip());
                }
            }
        }
        return failures;
    }

    private static Tools.Result runPromtool(String kind, int major, List<Path> files) {
        return PromTools.check(kind, major, files.get(0).getParent(), files.stream().map(p -> p.getFileName().toString()).toList());
    }
}

package io.monstack.spec;

import io.monstack.render.BundledData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What templates/runtimes.yml says: the runtime presets, their families (rules, thresholds,
 * library metrics), the discover fingerprints. Read once; every cross-reference is checked on
 * load, so a typo in the data fails at once (and in the tests) instead of dropping a dashboard.
 */
public final class RuntimeCatalog {
    public static final String DEFAULT = "other";
    static final String FILE = "runtimes.yml";
    /** The placeholders rule texts may hold. */
    private static final Pattern PLACEHOLDER = Pattern.compile("<(sel|threshold(?:\\.text|\\.percent)?|for|window:[0-9a-z]+)>");
    private static final Pattern ANY_PLACEHOLDER = Pattern.compile("<[a-z][a-z.:0-9]*>");

    /** One fingerprint of discover: every condition must hold; a condition holds when one of its alternatives does. */
    public record DetectRule(String runtime, List<List<String>> when, String evidence, String warning) {
    }

    private record Data(Map<String, Runtime> runtimes, Map<String, RuntimeFamily> families, List<DetectRule> detect,
            List<String> libraryPrefixes, Set<String> libraryNames, Map<String, RuntimeFamily.ThresholdDef> thresholds) {
    }

    private static volatile Data cache;

    private RuntimeCatalog() {
    }

    private static Data data() {
        Data local = cache;
        if (local == null) {
            local = load(BundledData.yaml(FILE));
            cache = local;
        }
        return local;
    }

    public static Map<String, Runtime> all() {
        return data().runtimes();
    }

    public static Optional<Runtime> find(String id) {
        return Optional.ofNullable(all().get(id));
    }

    public static Runtime get(String id) {
        Runtime r = all().get(id);
        if (r == null) {
            throw new SpecException("unknown runtime \"" + id + "\"; choose one of " + String.join(", ", all().keySet()));
        }
        return r;
    }

    public static List<String> ids() {
        return List.copyOf(all().keySet());
    }

    /** The ids of the runtimes that are an exporter the stack runs and match which (--exporter TYPE), in file order. */
    public static List<String> exporterIds(java.util.function.Predicate<ExporterDef> which) {
        return all().values().stream().filter(r -> r.exporter() != null && which.test(r.exporter())).map(Runtime::id).toList();
    }

    /** Every family, in the order runtimes.yml lists them. */
    public static Map<String, RuntimeFamily> families() {
        return data().families();
    }

    public static RuntimeFamily family(String id) {
        RuntimeFamily f = families().get(id);
        if (f == null) {
            throw new IllegalStateException("templates/" + FILE + " has no family \"" + id + "\"");
        }
        return f;
    }

    /** The family of a runtime id; an unknown runtime (refused by the validator) has none. */
    public static RuntimeFamily familyOf(String runtimeId) {
        return find(runtimeId).map(r -> family(r.family())).orElse(family("none"));
    }

    /** The runtime ids of a family, for messages. */
    public static List<String> runtimesOf(String familyId) {
        return all().values().stream().filter(r -> r.family().equals(familyId)).map(Runtime::id).toList();
    }

    public static List<DetectRule> detectRules() {
        return data().detect();
    }

    /** Prefixes of metric names that are a library's on every page: every family's, and the exporters'. */
    public static List<String> libraryPrefixes() {
        return data().libraryPrefixes();
    }

    public static Set<String> libraryNames() {
        return data().libraryNames();
    }

    /** The runtime thresholds (alerts.KEY in monstack.yml), by key, in family order. */
    public static Map<String, RuntimeFamily.ThresholdDef> thresholds() {
        return data().thresholds();
    }

    /** The family whose alert takes this threshold. */
    public static RuntimeFamily familyOfThreshold(String key) {
        for (RuntimeFamily f : families().values()) {
            for (RuntimeFamily.AlertDef a : f.alerts()) {
                if (a.threshold() != null && a.threshold().key().equals(key)) {
                    return f;
                }
            }
        }
        throw new IllegalStateException("no alert takes the threshold " + key);
    }

    @SuppressWarnings("unchecked")
    static Data load(Map<String, Object> raw) {
        Loader l = new Loader();
        Map<String, RuntimeFamily> families = new LinkedHashMap<>();
        Map<String, RuntimeFamily.ThresholdDef> thresholds = new LinkedHashMap<>();
        l.map(raw, "families").forEach((id, v) -> {
            Map<String, Object> f = (Map<String, Object>) v;
            String at = "families." + id;
            List<RuntimeFamily.AlertDef> alerts = new ArrayList<>();
            for (Map<String, Object> a : l.list(f, "alerts")) {
                RuntimeFamily.AlertDef def = alert(l, a, at);
                alerts.add(def);
                if (def.threshold() != null && thresholds.put(def.threshold().key(), def.threshold()) != null) {
                    l.fail(at, "threshold " + def.threshold().key() + " is taken by two alerts");
                }
            }
            List<RuntimeFamily.RecordDef> records = new ArrayList<>();
            for (Map<String, Object> r : l.list(f, "records")) {
                records.add(new RuntimeFamily.RecordDef(l.text(r, "record", at), l.text(r, "expr", at)));
            }
            families.put(id, new RuntimeFamily(id, l.text(f, "label", at), l.textOr(f, "group", "monstack-runtimes"),
                    l.strings(f, "libraryPrefixes"), l.strings(f, "pagePrefixes"), List.copyOf(records), List.copyOf(alerts)));
        });
        for (String key : thresholds.keySet()) {
            if (AlertThresholds.COMMON_KEYS.contains(key)) {
                l.fail("families", "threshold " + key + " is one of the stack-wide alert settings");
            }
        }
        Map<String, Runtime> runtimes = new LinkedHashMap<>();
        l.map(raw, "runtimes").forEach((id, v) -> {
            Map<String, Object> r = (Map<String, Object>) v;
            String at = "runtimes." + id;
            String family = l.text(r, "family", at);
            if (!families.containsKey(family)) {
                l.fail(at, "family " + family + " is not under families");
            }
            Object port = r.get("port");
            runtimes.put(id, new Runtime(id, l.text(r, "label", at), l.text(r, "metricsPath", at),
                    port == null ? null : ((Number) port).intValue(), family, exporter(l, r.get("exporter"), at + ".exporter")));
        });
        if (!runtimes.containsKey(DEFAULT)) {
            l.fail("runtimes", "the default runtime " + DEFAULT + " is missing");
        }
        List<DetectRule> detect = new ArrayList<>();
        List<Object> rules = (List<Object>) raw.getOrDefault("detect", List.of());
        for (int i = 0; i < rules.size(); i++) {
            Map<String, Object> r = (Map<String, Object>) rules.get(i);
            String at = "detect[" + i + "]";
            String runtime = l.text(r, "runtime", at);
            if (!runtimes.containsKey(runtime)) {
                l.fail(at, "runtime " + runtime + " is not under runtimes");
            }
            List<List<String>> when = new ArrayList<>();
            for (Object condition : (List<Object>) r.get("when")) {
                when.add(List.copyOf((List<String>) condition));
            }
            if (when.isEmpty() || when.stream().anyMatch(List::isEmpty)) {
                l.fail(at, "when needs at least one condition, each with at least one alternative");
            }
            detect.add(new DetectRule(runtime, List.copyOf(when), l.textOr(r, "evidence", "{match}"), (String) r.get("warning")));
        }
        Map<String, Object> library = l.map(raw, "libraryMetrics");
        List<String> prefixes = new ArrayList<>(l.strings(library, "prefixes"));
        families.values().forEach(f -> prefixes.addAll(f.libraryPrefixes()));
        return new Data(Collections.unmodifiableMap(runtimes), Collections.unmodifiableMap(families), List.copyOf(detect),
                List.copyOf(prefixes), Set.copyOf(l.strings(library, "names")), Collections.unmodifiableMap(thresholds));
    }

    private static final Pattern EXPORTER_PLACEHOLDER = Pattern.compile("<(address|username|passwordFile)>");
    private static final Pattern ANY_EXPORTER_PLACEHOLDER = Pattern.compile("<[A-Za-z][A-Za-z.:0-9]*>");

    @SuppressWarnings("unchecked")
    private static ExporterDef exporter(Loader l, Object raw, String at) {
        if (raw == null) {
            return null;
        }
        Map<String, Object> e = (Map<String, Object>) raw;
        Map<String, String> env = new LinkedHashMap<>();
        ((Map<String, Object>) e.getOrDefault("environment", Map.of())).forEach((k, v) -> env.put(k, String.valueOf(v)));
        List<String> command = l.strings(e, "command");
        for (String text : concat(env.values(), command)) {
            Matcher m = ANY_EXPORTER_PLACEHOLDER.matcher(text);
            while (m.find()) {
                if (!EXPORTER_PLACEHOLDER.matcher(m.group()).matches()) {
                    l.fail(at, "unknown placeholder " + m.group());
                }
            }
        }
        Object user = e.get("user");
        Object servicePort = e.get("servicePort");
        String proposed = (String) e.get("proposedAddress");
        if ((servicePort == null) != (proposed == null)) {
            l.fail(at, "servicePort and proposedAddress go together");
        }
        Object note = e.get("setupNote");
        if (note != null && !(note instanceof String text && !text.isBlank() && !text.contains("\n"))) {
            l.fail(at, "setupNote must be one line of text");
        }
        String setupNote = (String) note;
        ExporterDef def = new ExporterDef(l.text(e, "image", at), ((Number) e.get("port")).intValue(),
                user == null ? null : ((Number) user).intValue(), l.text(e, "address", at), Boolean.TRUE.equals(e.get("url")),
                (String) e.get("passwordFile"), Collections.unmodifiableMap(env), command, (String) e.get("probe"),
                servicePort == null ? null : ((Number) servicePort).intValue(), proposed,
                List.copyOf((List<String>) e.getOrDefault("serverSetup", List.of())), setupNote);
        if (!def.takes("address") && def.probe() == null) {
            l.fail(at, "the exporter is never told the address (no <address> in environment or command, no probe)");
        }
        if (def.takes("passwordFile") != (def.passwordFile() != null)) {
            l.fail(at, "passwordFile says what the file holds exactly when <passwordFile> is used");
        }
        return def;
    }

    private static List<String> concat(java.util.Collection<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @SuppressWarnings("unchecked")
    private static RuntimeFamily.AlertDef alert(Loader l, Map<String, Object> a, String family) {
        String at = family + ".alerts." + a.get("alert");
        RuntimeFamily.ThresholdDef threshold = null;
        if (a.get("threshold") != null) {
            Map<String, Object> t = (Map<String, Object>) a.get("threshold");
            ThresholdType type = ThresholdType.parse(l.text(t, "type", at));
            Object def = t.get("default");
            Object value = switch (type) {
                case RATIO, FACTOR -> def instanceof Number n ? n.doubleValue() : def;
                case COUNT -> def;
                case DURATION -> String.valueOf(def);
            };
            if (type.problem(value) != null) {
                l.fail(at, "threshold default " + def + ": " + type.problem(value));
            }
            threshold = new RuntimeFamily.ThresholdDef(l.text(t, "key", at), type, value);
        }
        RuntimeFamily.AlertDef def = new RuntimeFamily.AlertDef(l.text(a, "alert", at), l.textOr(a, "severity", "warning"),
                threshold, l.text(a, "expr", at), l.text(a, "summary", at), l.text(a, "description", at), l.text(a, "readme", at));
        for (String text : List.of(def.expr(), def.summary(), def.description(), def.readme())) {
            Matcher m = ANY_PLACEHOLDER.matcher(text);
            while (m.find()) {
                if (!PLACEHOLDER.matcher(m.group()).matches()) {
                    l.fail(at, "unknown placeholder " + m.group());
                }
                if (m.group().startsWith("<threshold") && threshold == null) {
                    l.fail(at, m.group() + " in an alert without a threshold");
                } else if (m.group().equals("<threshold.percent>") && threshold.type() != ThresholdType.RATIO) {
                    l.fail(at, "<threshold.percent> needs a ratio threshold");
                }
            }
        }
        if (!def.expr().contains("<sel>")) {
            l.fail(at, "expr must select the job with <sel>");
        }
        return def;
    }

    /** Reads the raw YAML maps, failing with the file and the place of what is missing. */
    private static final class Loader {
        @SuppressWarnings("unchecked")
        Map<String, Object> map(Map<String, Object> m, String key) {
            Object v = m.get(key);
            if (!(v instanceof Map)) {
                fail(key, "must be a mapping");
            }
            return (Map<String, Object>) v;
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list(Map<String, Object> m, String key) {
            Object v = m.get(key);
            return v == null ? List.of() : (List<Map<String, Object>>) v;
        }

        @SuppressWarnings("unchecked")
        List<String> strings(Map<String, Object> m, String key) {
            Object v = m.get(key);
            return v == null ? List.of() : List.copyOf((List<String>) v);
        }

        String text(Map<String, Object> m, String key, String at) {
            Object v = m.get(key);
            if (!(v instanceof String s) || s.isBlank()) {
                fail(at, key + " is missing");
                return null;
            }
            return s;
        }

        String textOr(Map<String, Object> m, String key, String fallback) {
            Object v = m.get(key);
            return v instanceof String s ? s : fallback;
        }

        void fail(String at, String message) {
            throw new IllegalStateException("templates/" + FILE + ": " + at + ": " + message);
        }
    }
}

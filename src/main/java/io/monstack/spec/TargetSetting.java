package io.monstack.spec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Every setting of a target that a user types, defined once: its key (the long flag of add-target,
 * and the key of init's compact {@code --target key=value,...} form), its short flag, its place in
 * monstack.yml, what it takes, its help, how a value lands in a {@link TargetDraft} and how it is
 * read back from a {@link Target}. The flags, the compact form, the spec reader and writer and the
 * wizard's messages all come from here, so a new setting is an entry here plus its field.
 */
public enum TargetSetting {
    // In the order monstack.yml lists them.
    NAME("name", "name", null, "NAME", Kind.TEXT, "Target name; becomes the Prometheus job name.",
            (d, v) -> d.name((String) v), Target::name),
    RUNTIME("runtime", "runtime", "-r", "RUNTIME", Kind.TEXT,
            "Runtime preset (monstack runtimes lists them; default: other): sets the default metrics path and the dashboard.",
            (d, v) -> d.runtime((String) v), Target::runtime),
    PATH("path", "metricsPath", "-p", "PATH", Kind.TEXT, "Metrics path (default: the runtime's, e.g. /actuator/prometheus).",
            (d, v) -> d.metricsPath((String) v), Target::metricsPath),
    DNS("dns", "dns.names", null, "NAME", Kind.LIST,
            "Many replicas: a DNS name that resolves to every container (e.g. the compose service name).",
            (d, v) -> d.addDnsName((String) v), t -> t.dns() == null ? null : t.dns().names()),
    DNS_TYPE("dns-type", "dns.type", null, "A|AAAA|SRV", Kind.TEXT, "DNS record type (default: A).",
            (d, v) -> d.dnsType((String) v), t -> t.dns() == null ? null : t.dns().type()),
    DNS_PORT("dns-port", "dns.port", null, "PORT", Kind.PORT, "Port to scrape on each address (required for A/AAAA).",
            (d, v) -> d.dnsPort((Integer) v), t -> t.dns() == null ? null : t.dns().port()),
    DNS_REFRESH("dns-refresh", "dns.refreshInterval", null, "DURATION", Kind.TEXT,
            "How often to re-resolve the DNS name (default: " + DnsDiscovery.DEFAULT_REFRESH_INTERVAL + ").",
            (d, v) -> d.dnsRefresh((String) v), t -> t.dns() == null ? null : t.dns().refreshInterval()),
    EXPORTER("exporter", null, null, "TYPE", Kind.TEXT,
            "A service without metrics of its own: the stack runs its exporter (<exporter types>); give --address too.",
            (d, v) -> d.runtime(exporterType((String) v)), t -> null),
    ADDRESS("address", "exporter.address", null, "ADDRESS", Kind.TEXT,
            "With --exporter: where the service is (host:port of the server, or the URL for <url exporters>).",
            (d, v) -> d.exporterAddress((String) v), t -> t.exporter() == null ? null : t.exporter().address()),
    USERNAME("username", "exporter.username", null, "NAME", Kind.TEXT, "With --exporter: the user it logs in as (<username exporters>).",
            (d, v) -> d.exporterUsername((String) v), t -> t.exporter() == null ? null : t.exporter().username()),
    PASSWORD_FILE("password-file", "exporter.passwordFile", null, "FILE", Kind.TEXT,
            "With --exporter: a file on this host the exporter reads its password from, mounted as a secret (see "
                    + "`monstack runtimes` for what it holds); never in an image. A relative path is from the stack folder, "
                    + "as in monstack.yml.",
            (d, v) -> d.exporterPasswordFile((String) v), t -> t.exporter() == null ? null : t.exporter().passwordFile()),
    STATIC("static", "static", "-s", "HOST[:PORT]", Kind.LIST, "One container by host name (repeat or comma-separate for several).",
            (d, v) -> d.addStatic((String) v), t -> t.usesDns() ? null : t.staticTargets()),
    INTERVAL("interval", "scrapeInterval", "-i", "DURATION", Kind.TEXT,
            "Scrape interval for this target, e.g. 3s (default: the stack's).",
            (d, v) -> d.scrapeInterval((String) v), Target::scrapeInterval),
    TIMEOUT("timeout", "scrapeTimeout", null, "DURATION", Kind.TEXT, "Scrape timeout, at most the interval.",
            (d, v) -> d.scrapeTimeout((String) v), Target::scrapeTimeout),
    FALLBACK_SCRAPE_PROTOCOL("fallback-scrape-protocol", "fallbackScrapeProtocol", null, "PROTOCOL", Kind.TEXT,
            "How Prometheus 3 reads a page sent without Content-Type (default: " + Target.DEFAULT_FALLBACK
                    + "; none: fail such scrapes).",
            (d, v) -> d.fallbackScrapeProtocol((String) v), Target::fallbackScrapeProtocol),
    LABEL("label", "labels", "-l", "NAME=VALUE", Kind.LABELS, "Extra label on every series of this target (repeatable).",
            (d, v) -> {
                Map.Entry<?, ?> e = (Map.Entry<?, ?>) v;
                d.label((String) e.getKey(), (String) e.getValue());
            }, Target::labels),
    METRIC("metric", "metrics", "-m", "NAME:TYPE[:HELP]", Kind.METRICS,
            "One of the app's own metrics as /metrics shows it; TYPE: counter, gauge, histogram or summary (repeatable).",
            (d, v) -> d.addMetric((CustomMetric) v), Target::metrics);

    /** What a setting takes, which says how it is typed, read from monstack.yml and written back. */
    public enum Kind {
        /** One string. */
        TEXT,
        /** A port number. */
        PORT,
        /** Strings; a flag may repeat (and, for host names, comma-separate). */
        LIST,
        /** NAME=VALUE pairs; in monstack.yml a mapping. */
        LABELS,
        /** NAME:TYPE[:HELP] metrics; in monstack.yml a list of mappings. */
        METRICS
    }

    /** Every key, for help and error messages (a constant, so annotations can use it; a test keeps it in step). */
    public static final String KEYS = "name, runtime, path, dns, dns-type, dns-port, dns-refresh, exporter, address, username, "
            + "password-file, static, interval, timeout, fallback-scrape-protocol, label, metric";

    private static String exporters(java.util.function.Predicate<ExporterDef> which) {
        List<String> ids = RuntimeCatalog.exporterIds(which);
        return ids.size() <= 1 ? String.join("", ids) : String.join(", ", ids.subList(0, ids.size() - 1)) + " and " + ids.get(ids.size() - 1);
    }

    /** The runtime of an exporter type; anything else is refused with the types there are. */
    private static String exporterType(String value) {
        if (RuntimeCatalog.find(value).map(r -> r.exporter() == null).orElse(true)) {
            throw new IllegalArgumentException("not an exporter type; one of " + exporters(def -> true));
        }
        return value;
    }

    /** Where a help text lists exporters of templates/runtimes.yml (description() fills them in). */
    private static final String EXPORTER_TYPES = "<exporter types>", URL_EXPORTERS = "<url exporters>",
            USERNAME_EXPORTERS = "<username exporters>";

    /** In the compact form, several values of a repeatable setting in one item: static=web1:80+web2:80. */
    public static final String VALUE_SEPARATOR = "+";

    /** Where, after a '+', a new label starts: a Prometheus label name and '='. */
    private static final Pattern NEXT_LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*=");

    private final String key;
    private final String specPath;
    private final String shortFlag;
    private final String paramLabel;
    private final Kind kind;
    private final String description;
    private final BiConsumer<TargetDraft, Object> setter;
    private final Function<Target, Object> getter;

    @SuppressWarnings("unchecked")
    TargetSetting(String key, String specPath, String shortFlag, String paramLabel, Kind kind, String description,
            BiConsumer<TargetDraft, Object> setter, Function<Target, ?> getter) {
        this.key = key;
        this.specPath = specPath;
        this.shortFlag = shortFlag;
        this.paramLabel = paramLabel;
        this.kind = kind;
        this.description = description;
        this.setter = setter;
        this.getter = (Function<Target, Object>) getter;
    }

    /**
     * Sets a typed value (a flag's, a compact key's, a wizard answer): one element for a repeatable
     * setting. An IllegalArgumentException's message says what is wrong with it.
     */
    public void apply(TargetDraft d, String value) {
        switch (kind) {
            case TEXT, LIST -> setter.accept(d, value);
            case PORT -> {
                if (!value.matches("\\d{1,5}") || !SpecRules.isPort(Long.parseLong(value))) {
                    throw new IllegalArgumentException("must be a number from 1 to 65535");
                }
                setter.accept(d, Integer.parseInt(value));
            }
            case LABELS -> {
                int eq = value.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("must be NAME=VALUE, e.g. team=shop");
                }
                setter.accept(d, Map.entry(value.substring(0, eq), value.substring(eq + 1)));
            }
            case METRICS -> setter.accept(d, parseMetric(value));
        }
    }

    /** Sets a value already of the kind's type (String, Integer, Map.Entry, CustomMetric), as monstack.yml's reader has it. */
    public void set(TargetDraft d, Object value) {
        setter.accept(d, value);
    }

    /** The target's value: String, Integer, List, Map or List of CustomMetric by kind; null (or empty) when unset. */
    public Object get(Target t) {
        return getter.apply(t);
    }

    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    /** Where the setting sits in a target of monstack.yml, e.g. dns.port. */
    public String specPath() {
        return specPath;
    }

    /** The key of its mapping in monstack.yml: port for dns.port. */
    public String yamlKey() {
        return specPath == null ? null : specPath.substring(specPath.lastIndexOf('.') + 1);
    }

    /** The mapping of the target it sits in: "dns" for dns.port, "" for a key of the target itself. */
    public String yamlBlock() {
        int dot = specPath == null ? -1 : specPath.lastIndexOf('.');
        return dot < 0 ? "" : specPath.substring(0, dot);
    }

    /** The settings that sit in one mapping of a target ("" for the target's own keys). */
    public static List<TargetSetting> inBlock(String block) {
        return inSpec().stream().filter(s -> s.yamlBlock().equals(block)).toList();
    }

    /** The settings monstack.yml holds (--exporter is only a way to type the runtime). */
    public static List<TargetSetting> inSpec() {
        return Arrays.stream(values()).filter(s -> s.specPath != null).toList();
    }

    /** The setting a path inside a target is about: dns.names[0] is DNS, dns.port is DNS_PORT; null for none. */
    static TargetSetting bySpecPath(String pathInTarget) {
        TargetSetting best = null;
        for (TargetSetting s : inSpec()) {
            boolean under = pathInTarget.equals(s.specPath) || pathInTarget.startsWith(s.specPath + ".")
                    || pathInTarget.startsWith(s.specPath + "[");
            if (under && (best == null || s.specPath.length() > best.specPath.length())) {
                best = s;
            }
        }
        return best;
    }

    /** The long flag, e.g. --dns-port. */
    public String flag() {
        return "--" + key;
    }

    /** The short flag, e.g. -r, or null. */
    public String shortFlag() {
        return shortFlag;
    }

    public String paramLabel() {
        return paramLabel;
    }

    /** Whether a flag may be given several times. */
    public boolean repeatable() {
        return kind == Kind.LIST || kind == Kind.LABELS || kind == Kind.METRICS;
    }

    /** Whether a flag's value may list several, comma-separated (host names hold no commas). */
    public boolean commaSeparated() {
        return kind == Kind.LIST;
    }

    /** The help text; the &lt;... exporters&gt; in it stand for exporters of templates/runtimes.yml, which an enum constant cannot read. */
    public String description() {
        return description.replace(EXPORTER_TYPES, exporters(def -> true))
                .replace(URL_EXPORTERS, exporters(ExporterDef::url))
                .replace(USERNAME_EXPORTERS, exporters(def -> def.takes("username")));
    }

    /** The settings that are flags of add-target (the name is its NAME parameter). */
    public static List<TargetSetting> flags() {
        return Arrays.stream(values()).filter(s -> s != NAME).toList();
    }

    public static Optional<TargetSetting> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }

    /** " (did you mean \"x\"?)" for a near miss among candidates, else "" (for keys spelled elsewhere, e.g. labels). */
    public static String didYouMean(String given, List<String> candidates) {
        return YamlTree.didYouMean(given, candidates);
    }

    /**
     * --exporter and --runtime both set the runtime: given together they must name the same one.
     * Each name is how the source spells the setting (--exporter, exporter, label monstack.exporter);
     * null when they agree (or one is not given), else the one-line problem.
     */
    public static String runtimeClash(String exporterName, String exporter, String runtimeName, String runtime) {
        if (exporter == null || runtime == null || exporter.equals(runtime)) {
            return null;
        }
        return exporterName + " " + SpecValidator.show(exporter) + " and " + runtimeName + " " + SpecValidator.show(runtime)
                + " do not go together: " + exporterName + " sets the runtime; give one of them";
    }

    /** The keys, for error messages. */
    public static String keys() {
        return String.join(", ", Arrays.stream(values()).map(TargetSetting::key).toList());
    }

    /**
     * init's compact form: name=web,runtime=go,static=web:8080+web2:8080,label=team=shop,... with the
     * keys of the long flags; a repeatable key may repeat or join values with '+' (labels: only before NAME=).
     */
    public static TargetDraft parseCompact(String text) {
        TargetDraft d = new TargetDraft();
        Map<TargetSetting, String> given = new java.util.EnumMap<>(TargetSetting.class);
        for (String item : text.split(",")) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new SpecException("--target " + SpecValidator.show(text) + ": " + SpecValidator.show(item) + " must be key=value (keys: "
                        + keys() + ")");
            }
            String key = item.substring(0, eq).strip();
            String value = item.substring(eq + 1).strip();
            TargetSetting setting = byKey(key).orElseThrow(() -> new SpecException("--target " + SpecValidator.show(text) + ": unknown key "
                    + SpecValidator.show(key) + YamlTree.didYouMean(key, Arrays.stream(values()).map(TargetSetting::key).toList())
                    + "; the keys are " + keys()));
            given.put(setting, value);
            List<String> values = setting.repeatable() ? setting.splitValues(value).stream().map(String::strip).toList() : List.of(value);
            for (String v : values) {
                try {
                    setting.apply(d, v);
                } catch (IllegalArgumentException e) {
                    throw new SpecException("--target " + SpecValidator.show(text) + ": " + key + " " + SpecValidator.show(v) + ": " + e.getMessage());
                }
            }
        }
        String clash = runtimeClash(EXPORTER.key, given.get(EXPORTER), RUNTIME.key, given.get(RUNTIME));
        if (clash != null) {
            throw new SpecException("--target " + SpecValidator.show(text) + ": " + clash);
        }
        if (d.name() == null) {
            throw new SpecException("--target " + SpecValidator.show(text) + " needs name=...");
        }
        return d;
    }

    /**
     * One value of a repeatable setting (a compact key, a compose label) as its several values, as
     * written: split at each '+', but for labels only where a new NAME= follows, so a label's value
     * may hold '+' (label=build=1.0+abc+env=prod is build "1.0+abc" and env "prod").
     */
    public List<String> splitValues(String value) {
        String[] pieces = value.split("\\" + VALUE_SEPARATOR, -1);
        if (kind != Kind.LABELS) {
            return List.of(pieces);
        }
        List<String> out = new ArrayList<>();
        for (String piece : pieces) {
            if (out.isEmpty() || NEXT_LABEL.matcher(piece).lookingAt()) {
                out.add(piece);
            } else {
                out.set(out.size() - 1, out.get(out.size() - 1) + VALUE_SEPARATOR + piece);
            }
        }
        return out;
    }

    /** The NAME:TYPE[:HELP] form of one custom metric, as --metric, --target metric= and the wizard take it. */
    public static CustomMetric parseMetric(String text) {
        String[] parts = text.split(":", 3);
        if (parts.length < 2) {
            throw new IllegalArgumentException("write name:type[:help], e.g. access_log_total:counter:total log requests");
        }
        return new CustomMetric(parts[0], MetricType.parse(parts[1]), parts.length == 3 ? parts[2] : "");
    }
}

package io.monstack.spec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every setting of a target that a user types, defined once: its key (the long flag of add-target,
 * and the key of init's compact {@code --target key=value,...} form), its short flag, what it
 * takes, its help, and how a typed value lands in a {@link TargetDraft}. The flags, the compact
 * form, the wizard's checks and their messages all come from here.
 */
public enum TargetSetting {
    NAME("name", "name", null, "NAME", false, "Target name; becomes the Prometheus job name.") {
        @Override
        void set(TargetDraft d, String value) {
            d.name(value);
        }
    },
    RUNTIME("runtime", "runtime", "-r", "RUNTIME", false,
            "Runtime preset (monstack runtimes lists them; default: other): sets the default metrics path and the dashboard.") {
        @Override
        void set(TargetDraft d, String value) {
            d.runtime(value);
        }
    },
    PATH("path", "metricsPath", "-p", "PATH", false, "Metrics path (default: the runtime's, e.g. /actuator/prometheus).") {
        @Override
        void set(TargetDraft d, String value) {
            d.metricsPath(value);
        }
    },
    STATIC("static", "static", "-s", "HOST[:PORT]", true, "One container by host name (repeat or comma-separate for several).") {
        @Override
        void set(TargetDraft d, String value) {
            d.addStatic(value);
        }
    },
    DNS("dns", "dns.names", null, "NAME", true,
            "Many replicas: a DNS name that resolves to every container (e.g. the compose service name).") {
        @Override
        void set(TargetDraft d, String value) {
            d.addDnsName(value);
        }
    },
    DNS_TYPE("dns-type", "dns.type", null, "A|AAAA|SRV", false, "DNS record type (default: A).") {
        @Override
        void set(TargetDraft d, String value) {
            d.dnsType(value);
        }
    },
    DNS_PORT("dns-port", "dns.port", null, "PORT", false, "Port to scrape on each address (required for A/AAAA).") {
        @Override
        void set(TargetDraft d, String value) {
            if (!value.matches("\\d{1,5}") || !SpecRules.isPort(Long.parseLong(value))) {
                throw new IllegalArgumentException("must be a number from 1 to 65535");
            }
            d.dnsPort(Integer.parseInt(value));
        }
    },
    DNS_REFRESH("dns-refresh", "dns.refreshInterval", null, "DURATION", false, "How often to re-resolve the DNS name (default: 30s).") {
        @Override
        void set(TargetDraft d, String value) {
            d.dnsRefresh(value);
        }
    },
    INTERVAL("interval", "scrapeInterval", "-i", "DURATION", false, "Scrape interval for this target, e.g. 3s (default: the stack's).") {
        @Override
        void set(TargetDraft d, String value) {
            d.scrapeInterval(value);
        }
    },
    TIMEOUT("timeout", "scrapeTimeout", null, "DURATION", false, "Scrape timeout, at most the interval.") {
        @Override
        void set(TargetDraft d, String value) {
            d.scrapeTimeout(value);
        }
    },
    LABEL("label", "labels", "-l", "NAME=VALUE", true, "Extra label on every series of this target (repeatable).") {
        @Override
        void set(TargetDraft d, String value) {
            int eq = value.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("must be NAME=VALUE, e.g. team=shop");
            }
            d.label(value.substring(0, eq), value.substring(eq + 1));
        }
    },
    METRIC("metric", "metrics", "-m", "NAME:TYPE[:HELP]", true,
            "One of the app's own metrics as /metrics shows it; TYPE: counter, gauge, histogram or summary (repeatable).") {
        @Override
        void set(TargetDraft d, String value) {
            d.addMetric(parseMetric(value));
        }
    },
    FALLBACK_SCRAPE_PROTOCOL("fallback-scrape-protocol", "fallbackScrapeProtocol", null, "PROTOCOL", false,
            "How Prometheus 3 reads a page sent without Content-Type (default: " + Target.DEFAULT_FALLBACK
                    + "; none: fail such scrapes).") {
        @Override
        void set(TargetDraft d, String value) {
            d.fallbackScrapeProtocol(value);
        }
    };

    /** Every key, for help and error messages (a constant, so annotations can use it). */
    public static final String KEYS = "name, runtime, path, static, dns, dns-type, dns-port, dns-refresh, interval, timeout, "
            + "label, metric, fallback-scrape-protocol";

    /** In the compact form, several values of a repeatable setting in one item: static=web1:80+web2:80. */
    public static final String VALUE_SEPARATOR = "+";

    private final String key;
    private final String specPath;
    private final String shortFlag;
    private final String paramLabel;
    private final boolean repeatable;
    private final String description;

    TargetSetting(String key, String specPath, String shortFlag, String paramLabel, boolean repeatable, String description) {
        this.key = key;
        this.specPath = specPath;
        this.shortFlag = shortFlag;
        this.paramLabel = paramLabel;
        this.repeatable = repeatable;
        this.description = description;
    }

    abstract void set(TargetDraft d, String value);

    /** Sets a typed value; an IllegalArgumentException's message says what is wrong with it. */
    public void apply(TargetDraft d, String value) {
        set(d, value);
    }

    public String key() {
        return key;
    }

    /** Where the setting sits in a target of monstack.yml, e.g. dns.port. */
    public String specPath() {
        return specPath;
    }

    /** The setting a path inside a target is about: dns.names[0] is DNS, dns.port is DNS_PORT; null for none. */
    static TargetSetting bySpecPath(String pathInTarget) {
        TargetSetting best = null;
        for (TargetSetting s : values()) {
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

    public boolean repeatable() {
        return repeatable;
    }

    /** Whether a flag's value may list several, comma-separated (host names hold no commas). */
    public boolean commaSeparated() {
        return this == STATIC || this == DNS;
    }

    public String description() {
        return description;
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

    /** The keys, for error messages. */
    public static String keys() {
        return String.join(", ", Arrays.stream(values()).map(TargetSetting::key).toList());
    }

    /**
     * init's compact form: name=web,runtime=go,static=web:8080+web2:8080,label=team=shop,... with the
     * keys of the long flags; a repeatable key may repeat or join values with '+'.
     */
    public static TargetDraft parseCompact(String text) {
        TargetDraft d = new TargetDraft();
        for (String item : text.split(",")) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new SpecException("--target \"" + text + "\": \"" + item + "\" must be key=value (keys: " + keys() + ")");
            }
            String key = item.substring(0, eq).strip();
            String value = item.substring(eq + 1).strip();
            TargetSetting setting = byKey(key).orElseThrow(() -> new SpecException("--target \"" + text + "\": unknown key \""
                    + key + "\"" + YamlTree.didYouMean(key, Arrays.stream(values()).map(TargetSetting::key).toList())
                    + "; the keys are " + keys()));
            List<String> values = setting.repeatable ? splitValues(value) : List.of(value);
            for (String v : values) {
                try {
                    setting.apply(d, v);
                } catch (IllegalArgumentException e) {
                    throw new SpecException("--target \"" + text + "\": " + key + " \"" + v + "\": " + e.getMessage());
                }
            }
        }
        if (d.name() == null) {
            throw new SpecException("--target \"" + text + "\" needs name=...");
        }
        return d;
    }

    private static List<String> splitValues(String value) {
        List<String> out = new ArrayList<>();
        for (String v : value.split("\\" + VALUE_SEPARATOR)) {
            out.add(v.strip());
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

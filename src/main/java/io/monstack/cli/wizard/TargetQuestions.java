package io.monstack.cli.wizard;

import io.monstack.cli.MetricOption;
import io.monstack.spec.CustomMetric;
import io.monstack.spec.DnsDiscovery;
import io.monstack.spec.Durations;
import io.monstack.spec.Runtime;
import io.monstack.spec.RuntimeCatalog;
import io.monstack.spec.SpecRules;
import io.monstack.spec.SpecValidator;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The questions about one service to scrape; each has a flag (add-target's), which skips it. */
public final class TargetQuestions {
    /** What the command line already said; null or empty fields are asked. */
    public static final class Given {
        public String name;
        public String runtime;
        public String metricsPath;
        public List<String> staticTargets = List.of();
        public List<String> dnsNames = List.of();
        public String dnsType;
        public Integer dnsPort;
        public String dnsRefresh;
        public String interval;
        public String timeout;
        public String fallbackScrapeProtocol;
        public Map<String, String> labels = Map.of();
        public List<CustomMetric> metrics = List.of();
    }

    private final Prompter p;
    private final String stackInterval;

    /** stackInterval: the stack's scrape interval, which an empty answer keeps. */
    public TargetQuestions(Prompter prompter, String stackInterval) {
        this.p = prompter;
        this.stackInterval = stackInterval;
    }

    /** Asks for one target; taken holds the job names it may not have. */
    public Target ask(Given g, Set<String> taken) {
        String name = p.given(g.name, "Service name (its Prometheus job name)", null, a -> checkName(a, taken));
        String runtime = g.runtime != null ? p.given(g.runtime, "", null, TargetQuestions::checkRuntime) : askRuntime(name);
        Runtime preset = RuntimeCatalog.get(runtime);
        List<String> statics = g.staticTargets;
        DnsDiscovery dns = null;
        if (statics.isEmpty() && g.dnsNames.isEmpty()) {
            p.say("How does Prometheus reach " + name + "?");
            String how = p.choose("Choice", List.of("static", "dns"), List.of("one container: host[:port]",
                    "many replicas: a DNS name that resolves to each of them"), "1");
            if (how.equals("static")) {
                String def = name + (preset.port() == null ? "" : ":" + preset.port());
                statics = List.of(p.ask("Host[:port] (comma-separate several)", def, TargetQuestions::checkHosts).split("\\s*,\\s*"));
            }
        } else {
            statics.forEach(h -> p.given(h, "", null, TargetQuestions::checkHosts));
        }
        if (statics.isEmpty()) {
            List<String> names = g.dnsNames.isEmpty()
                    ? List.of(p.ask("DNS name", name, a -> SpecRules.HOST_NAME.matcher(a).matches() ? null : "not a DNS name"))
                    : g.dnsNames;
            String type = p.given(g.dnsType, "Record type: A, AAAA or SRV", "A",
                    a -> Set.of("A", "AAAA", "SRV").contains(a) ? null : "answer A, AAAA or SRV");
            Integer port = null;
            if (!type.equals("SRV")) {
                String def = preset.port() == null ? null : preset.port().toString();
                port = Integer.valueOf(p.given(g.dnsPort == null ? null : g.dnsPort.toString(), "Port on each replica", def,
                        TargetQuestions::checkPort));
            }
            dns = new DnsDiscovery(names, type, port, g.dnsRefresh);
        }
        String path = p.given(g.metricsPath, "Metrics path", preset.metricsPath(),
                a -> SpecRules.METRICS_PATH.matcher(a).matches() ? null : "must start with '/' and hold no spaces, '?' or '#'");
        String interval = p.given(g.interval, "Scrape interval, e.g. 15s (empty: the stack's " + stackInterval + ")", "",
                a -> a.isEmpty() || Durations.isValid(a) ? null : "not a duration; write e.g. 15s, 1m or 1h30m");
        Target target = new Target(name, runtime, path, statics, dns, interval.isEmpty() ? null : interval, g.timeout,
                g.fallbackScrapeProtocol, new TreeMap<>(g.labels), g.metrics);
        return g.metrics.isEmpty() ? target.withMetrics(askMetrics(target)) : target;
    }

    private String askRuntime(String name) {
        p.say("Runtime of " + name + ":");
        List<Runtime> all = List.copyOf(RuntimeCatalog.all().values());
        return p.choose("Runtime (number or name)", all.stream().map(Runtime::id).toList(),
                all.stream().map(Runtime::label).toList(), RuntimeCatalog.DEFAULT);
    }

    private List<CustomMetric> askMetrics(Target target) {
        p.say("The app's own metrics, one a line as name:type[:help] (type: counter, gauge, histogram, summary);"
                + " an empty line ends the list:");
        List<CustomMetric> metrics = new ArrayList<>();
        while (true) {
            String line = p.ask("  metric", "", a -> a.isEmpty() ? null : checkMetric(a, target, metrics));
            if (line.isEmpty()) {
                return metrics;
            }
            metrics.add(MetricOption.parse(line));
        }
    }

    static String checkName(String name, Set<String> taken) {
        if (!SpecRules.TARGET_NAME.matcher(name).matches()) {
            return "use letters, digits, '-', '_' or '.', starting with a letter or digit (at most 63)";
        }
        if (name.equals(SpecValidator.SELF_JOB) || name.equals(SpecValidator.DOCKER_JOB)) {
            return "\"" + name + "\" is monstack's own job; choose another name";
        }
        return taken.contains(name) ? "there is a service \"" + name + "\" already; choose another name" : null;
    }

    private static String checkRuntime(String id) {
        return RuntimeCatalog.find(id).isPresent() ? null : "unknown runtime; choose one of " + String.join(", ", RuntimeCatalog.ids());
    }

    private static String checkHosts(String answer) {
        for (String host : answer.split("\\s*,\\s*")) {
            String problem = SpecRules.checkHostPort(host);
            if (problem != null) {
                return "\"" + host + "\": " + problem;
            }
        }
        return null;
    }

    static String checkPort(String answer) {
        return answer.matches("\\d{1,5}") && SpecRules.isPort(Long.parseLong(answer)) ? null : "a port is a number from 1 to 65535";
    }

    /** name:type[:help], as --metric parses it, then the validator's own metric rules. */
    private static String checkMetric(String line, Target target, List<CustomMetric> before) {
        List<CustomMetric> trial = new ArrayList<>(before);
        try {
            trial.add(MetricOption.parse(line));
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return StackQuestions.problem(StackSpec.empty("wizard").withTarget(target.withMetrics(trial)), "targets[0].metrics");
    }
}

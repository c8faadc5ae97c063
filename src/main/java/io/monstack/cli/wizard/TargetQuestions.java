package io.monstack.cli.wizard;

import io.monstack.spec.CustomMetric;
import io.monstack.spec.DnsDiscovery;
import io.monstack.spec.Durations;
import io.monstack.spec.ExporterDef;
import io.monstack.spec.Runtime;
import io.monstack.spec.RuntimeCatalog;
import io.monstack.spec.SpecRules;
import io.monstack.spec.SpecValidator;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Problem;
import io.monstack.spec.Target;
import io.monstack.spec.TargetDraft;
import io.monstack.spec.TargetSetting;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The questions about one service to scrape; each has a flag (add-target's), which skips it. */
public final class TargetQuestions {
    private final Prompter p;
    private final String stackInterval;

    /** stackInterval: the stack's scrape interval, which an empty answer keeps. */
    public TargetQuestions(Prompter prompter, String stackInterval) {
        this.p = prompter;
        this.stackInterval = stackInterval;
    }

    /** Asks for what the draft leaves open (flags, a compose service, a probed page filled the rest); taken: job names it may not have. */
    public Target ask(TargetDraft d, Set<String> taken) {
        String name = p.given(d.name(), "Service name (its Prometheus job name)", null, a -> checkName(a, taken));
        d.name(name);
        String runtime = d.runtime() != null ? p.given(d.runtime(), "", null, TargetQuestions::checkRuntime) : askRuntime(name);
        d.runtime(runtime);
        Runtime preset = RuntimeCatalog.get(runtime);
        if (!d.hasEndpoints() && preset.exporter() != null
                && p.yesNo(name + " serves no metrics of its own: run its exporter in the stack?", true)) {
            askExporter(d, preset);
        }
        if (!d.hasEndpoints()) {
            p.say("How does Prometheus reach " + name + "?");
            String how = p.choose("Choice", List.of("static", "dns"), List.of("one container: host[:port]",
                    "many replicas: a DNS name that resolves to each of them"), "1");
            if (how.equals("static")) {
                String def = name + (preset.port() == null ? "" : ":" + preset.port());
                for (String host : p.ask("Host[:port] (comma-separate several)", def, TargetQuestions::checkHosts).split("\\s*,\\s*")) {
                    d.addStatic(host);
                }
            } else {
                d.addDnsName(p.ask("DNS name", name, a -> SpecRules.HOST_NAME.matcher(a).matches() ? null : "not a DNS name"));
            }
        } else {
            d.staticTargets().forEach(h -> p.given(h, "", null, TargetQuestions::checkHosts));
        }
        if (d.hasDns()) {
            String type = p.given(d.dnsType(), "Record type: A, AAAA or SRV", DnsDiscovery.DEFAULT_TYPE,
                    a -> Set.of("A", "AAAA", "SRV").contains(a) ? null : "answer A, AAAA or SRV");
            d.dnsType(type);
            if (!type.equals("SRV")) {
                String def = preset.port() == null ? null : preset.port().toString();
                d.dnsPort(Integer.valueOf(p.given(d.dnsPort() == null ? null : d.dnsPort().toString(), "Port on each replica", def,
                        TargetQuestions::checkPort)));
            }
        }
        d.metricsPath(p.given(d.metricsPath(), "Metrics path", preset.metricsPath(),
                a -> SpecRules.METRICS_PATH.matcher(a).matches() ? null : "must start with '/' and hold no spaces, '?' or '#'"));
        String interval = p.given(d.scrapeInterval(), "Scrape interval, e.g. 15s (empty: the stack's " + stackInterval + ")", "",
                a -> a.isEmpty() || Durations.isValid(a) ? null : "not a duration; write e.g. 15s, 1m or 1h30m");
        d.scrapeInterval(interval.isEmpty() ? null : interval);
        if (d.metrics().isEmpty()) {
            d.addMetrics(askMetrics(d.toTarget()));
        }
        return d.toTarget();
    }

    /** Where the service is and the exporter's credentials, each checked by the validator's own rules. */
    private void askExporter(TargetDraft d, Runtime preset) {
        ExporterDef e = preset.exporter();
        d.exporterAddress(p.ask("Address: " + e.address(), null, a -> exporterProblem(d.copy().exporterAddress(a), TargetSetting.ADDRESS)));
        if (e.takes("username")) {
            String user = p.given(d.exporterUsername(), "User it logs in as (empty: none)", "", a -> a.isEmpty() ? null
                    : exporterProblem(d.copy().exporterUsername(a), TargetSetting.USERNAME));
            d.exporterUsername(user.isEmpty() ? null : user);
        }
        if (e.takes("passwordFile")) {
            if (d.exporterPasswordFile() == null) {
                p.say("The password file stays on this host and holds " + e.passwordFile().replace("<address>", d.exporterAddress()));
            }
            String file = p.given(d.exporterPasswordFile(), "Password file, from the stack folder (empty: none)", "", a -> a.isEmpty() ? null
                    : exporterProblem(d.copy().exporterPasswordFile(a), TargetSetting.PASSWORD_FILE));
            d.exporterPasswordFile(file.isEmpty() ? null : file);
        }
    }

    private static String exporterProblem(TargetDraft trial, TargetSetting setting) {
        return SpecValidator.validate(StackSpec.empty("wizard").withTarget(trial.toTarget())).stream()
                .filter(pr -> pr.setting() == setting).map(Problem::message).findFirst().orElse(null);
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
            metrics.add(TargetSetting.parseMetric(line));
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

    /** name:type[:help], as --metric parses it, then the validator's own rules for a target's metrics. */
    private static String checkMetric(String line, Target target, List<CustomMetric> before) {
        List<CustomMetric> trial = new ArrayList<>(before);
        try {
            trial.add(TargetSetting.parseMetric(line));
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return SpecValidator.validate(StackSpec.empty("wizard").withTarget(target.withMetrics(trial))).stream()
                .filter(pr -> pr.setting() == TargetSetting.METRIC).map(Problem::message).findFirst().orElse(null);
    }
}

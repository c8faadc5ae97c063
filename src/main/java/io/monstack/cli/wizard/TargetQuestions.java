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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The questions about one service to scrape; each has a flag (add-target's), which skips it. The
 * checks are the validator's own rules, on a trial stack of the target as answered so far; a rule
 * between answers (a password file needs a user) is checked again once they are all given, and the
 * question it is about is asked again, so a finished wizard never ends in a validation error on a
 * rule it could have asked about.
 */
public final class TargetQuestions {
    /** How often the finished draft is checked and a question asked again before the rest is left to the final check. */
    private static final int MAX_REASKS = 20;

    private final Prompter p;
    private final String stackInterval;
    /** The stack the target joins, without its targets: answers are checked against its settings (interval, major). */
    private final StackSpec stack;
    /** The questions asked (not given as flags), by the setting whose problems each one answers. */
    private final Map<TargetSetting, Runnable> asked = new EnumMap<>(TargetSetting.class);

    /** stack: the stack as it is so far (its scrape interval is what an empty interval answer keeps). */
    public TargetQuestions(Prompter prompter, StackSpec stack) {
        this.p = prompter;
        this.stackInterval = stack.prometheus().scrapeInterval();
        this.stack = stack.withTargets(List.of());
    }

    /** Asks for what the draft leaves open (flags, a probed page filled the rest); taken: job names it may not have. */
    public Target ask(TargetDraft d, Set<String> taken) {
        asked.clear();
        askName(d, taken);
        Runtime preset = askRuntime(d);
        if (!d.hasEndpoints() && preset.exporter() != null
                && p.yesNo(d.name() + " serves no metrics of its own: run its exporter in the stack?", true)) {
            askExporter(d, preset.exporter());
            settle(d);
        }
        if (!d.hasEndpoints()) {
            p.say("How does Prometheus reach " + d.name() + "?");
            String how = p.choose("Choice", List.of("static", "dns"), List.of("one container: host[:port]",
                    "many replicas: a DNS name that resolves to each of them"), "1");
            if (how.equals("static")) {
                String def = d.name() + (preset.port() == null ? "" : ":" + preset.port());
                // runtimes.yml gives the runtimes with a conventional port one; for the others say what no port means
                String question = "Host[:port] (comma-separate several" + (preset.port() == null ? "; port 80 if none" : "") + ")";
                for (String host : p.ask(question, def, TargetQuestions::checkHosts).split("\\s*,\\s*")) {
                    d.addStatic(host);
                }
            } else {
                d.addDnsName(p.ask("DNS name", d.name(), a -> SpecRules.HOST_NAME.matcher(a).matches() ? null : "not a DNS name"));
            }
        } else {
            d.staticTargets().forEach(h -> p.given(h, "", null, TargetQuestions::checkHosts));
        }
        if (d.hasDns()) {
            Prompter.Check type = a -> Set.of("A", "AAAA", "SRV").contains(a) ? null : "answer A, AAAA or SRV";
            given(d.dnsType(), type, TargetSetting.DNS_TYPE,
                    () -> d.dnsType(p.ask("Record type: A, AAAA or SRV", DnsDiscovery.DEFAULT_TYPE, type)));
            if (!d.dnsType().equals("SRV")) {
                String def = preset.port() == null ? null : preset.port().toString();
                given(d.dnsPort() == null ? null : d.dnsPort().toString(), TargetQuestions::checkPort, TargetSetting.DNS_PORT,
                        () -> d.dnsPort(Integer.valueOf(p.ask("Port on each replica", def, TargetQuestions::checkPort))));
            }
        }
        // The exporter the stack runs serves a fixed path, and its metrics are the exporter's, not the app's own.
        boolean exporter = d.hasExporter();
        if (!exporter || d.metricsPath() != null) {
            Prompter.Check path = a -> SpecRules.METRICS_PATH.matcher(a).matches() ? problem(d.copy().metricsPath(a), TargetSetting.PATH)
                    : "must start with '/' and hold no spaces, '?' or '#'";
            given(d.metricsPath(), path, TargetSetting.PATH, () -> d.metricsPath(p.ask("Metrics path", preset.metricsPath(), path)));
        }
        // The interval answers a problem of the timeout too (a --timeout longer than the interval).
        Prompter.Check interval = a -> !a.isEmpty() && !Durations.isValid(a) ? "not a duration; write e.g. 15s, 1m or 1h30m"
                : problem(d.copy().scrapeInterval(a.isEmpty() ? null : a), TargetSetting.INTERVAL, TargetSetting.TIMEOUT);
        given(d.scrapeInterval(), interval, TargetSetting.INTERVAL, () -> {
            String answer = p.ask("Scrape interval, e.g. 15s (empty: the stack's " + stackInterval + ")", "", interval);
            d.scrapeInterval(answer.isEmpty() ? null : answer);
        });
        if (asked.containsKey(TargetSetting.INTERVAL)) {
            asked.put(TargetSetting.TIMEOUT, asked.get(TargetSetting.INTERVAL));
        }
        if (!exporter && d.metrics().isEmpty()) {
            ask(TargetSetting.METRIC, () -> d.clearMetrics().addMetrics(askMetrics(d.toTarget())));
        }
        settle(d);
        return d.toTarget();
    }

    /**
     * A service found in the app's compose file: asks only what the file left open (its runtime,
     * the port that serves its metrics). Returns null when the user leaves the service out (an empty
     * port), as a run without questions leaves out a service whose port nothing tells.
     */
    public Target askFound(TargetDraft d, Set<String> taken) {
        asked.clear();
        askName(d, taken);
        Runtime preset = askRuntime(d);
        String leaveOut = " (" + (preset.port() == null ? "" : "e.g. " + preset.port() + "; ") + "empty: leave " + d.name() + " out)";
        if (d.hasDns() && d.dnsPort() == null && !"SRV".equals(d.dnsType())) {
            String port = p.ask("Port on each replica" + leaveOut, "", a -> a.isEmpty() ? null
                    : checkPort(a) != null ? checkPort(a) + ", or empty to leave " + d.name() + " out" : null);
            if (port.isEmpty()) {
                return null;
            }
            d.dnsPort(Integer.valueOf(port));
        } else if (!d.hasEndpoints()) {
            String host = p.ask("Host:port of " + d.name() + "'s metrics" + leaveOut, "",
                    a -> a.isEmpty() ? null : checkHostAndPort(a, d.name()));
            if (host.isEmpty()) {
                return null;
            }
            d.addStatic(host);
        }
        settle(d);
        return d.toTarget();
    }

    private void askName(TargetDraft d, Set<String> taken) {
        d.name(p.given(d.name(), "Service name (its Prometheus job name)", null, a -> checkName(a, taken)));
    }

    private Runtime askRuntime(TargetDraft d) {
        d.runtime(d.runtime() != null ? p.given(d.runtime(), "", null, TargetQuestions::checkRuntime) : chooseRuntime(d.name()));
        return RuntimeCatalog.get(d.runtime());
    }

    /** Where the service is and the exporter's credentials, each checked by the validator's own rules. */
    private void askExporter(TargetDraft d, ExporterDef e) {
        ask(TargetSetting.ADDRESS, () -> {
            String def = e.proposedAddress() == null || e.servicePort() == null ? null : e.proposeAddress(d.name(), e.servicePort());
            if (def != null && problem(d.copy().exporterAddress(def), TargetSetting.ADDRESS) != null) {
                def = null; // a target name that is no host name
            }
            d.exporterAddress(p.ask("Address: " + e.address(), def, a -> problem(d.copy().exporterAddress(a), TargetSetting.ADDRESS)));
        });
        if (e.takes("username")) {
            Prompter.Check user = a -> problem(d.copy().exporterUsername(a.isEmpty() ? null : a), TargetSetting.USERNAME);
            given(d.exporterUsername(), user, TargetSetting.USERNAME, () -> {
                // empty is no user, unless the rest of the draft needs one (a password file)
                String answer = p.ask("User it logs in as" + (user.apply("") == null ? " (empty: none)" : ""), "", user);
                d.exporterUsername(answer.isEmpty() ? null : answer);
            });
        }
        if (e.takes("passwordFile")) {
            Prompter.Check file = a -> a.isEmpty() ? null : problem(d.copy().exporterPasswordFile(a), TargetSetting.PASSWORD_FILE);
            given(d.exporterPasswordFile(), file, TargetSetting.PASSWORD_FILE, () -> {
                p.say("The password file stays on this host and holds " + e.passwordFile().replace("<address>", d.exporterAddress()));
                String answer = p.ask("Password file, from the stack folder (empty: none)", "", file);
                d.exporterPasswordFile(answer.isEmpty() ? null : answer);
            });
        }
    }

    /** A value given (a flag, the compose file) skips its question but must pass its check; else the question is asked, and kept to ask again. */
    private void given(String value, Prompter.Check check, TargetSetting setting, Runnable question) {
        if (value != null) {
            p.given(value, "", null, check);
        } else {
            ask(setting, question);
        }
    }

    private void ask(TargetSetting setting, Runnable question) {
        asked.put(setting, question);
        question.run();
    }

    /**
     * The draft as a whole, by the validator: a problem with a setting that was asked is said, and
     * its question asked again (its check then refuses what the rest of the draft makes wrong),
     * until none is left. What flags alone got wrong is left to the final check, which names them.
     */
    private void settle(TargetDraft d) {
        for (int i = 0; i < MAX_REASKS; i++) {
            Problem problem = problems(d).stream().filter(pr -> asked.containsKey(pr.setting())).findFirst().orElse(null);
            if (problem == null) {
                return;
            }
            p.say("  ! " + problem.pathInTarget() + ": " + problem.message());
            asked.get(problem.setting()).run();
        }
    }

    private List<Problem> problems(TargetDraft trial) {
        return SpecValidator.validate(stack.withTarget(trial.toTarget()));
    }

    /** The first problem the validator finds with one of the settings in the target as the trial draft has it, or null. */
    private String problem(TargetDraft trial, TargetSetting... settings) {
        List<TargetSetting> of = List.of(settings);
        return problems(trial).stream().filter(pr -> of.contains(pr.setting())).map(Problem::message).findFirst().orElse(null);
    }

    private String chooseRuntime(String name) {
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

    /** host:port, the port given: what a compose service without one leaves open. */
    private static String checkHostAndPort(String answer, String name) {
        String problem = SpecRules.checkHostPort(answer);
        if (problem != null) {
            return "\"" + answer + "\": " + problem;
        }
        return answer.lastIndexOf(':') > answer.lastIndexOf(']') ? null : "give the port too: " + name + ":PORT";
    }

    static String checkPort(String answer) {
        return answer.matches("\\d{1,5}") && SpecRules.isPort(Long.parseLong(answer)) ? null : "a port is a number from 1 to 65535";
    }

    /** name:type[:help], as --metric parses it, then the validator's own rules for a target's metrics. */
    private String checkMetric(String line, Target target, List<CustomMetric> before) {
        List<CustomMetric> trial = new ArrayList<>(before);
        try {
            trial.add(TargetSetting.parseMetric(line));
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return SpecValidator.validate(stack.withTarget(target.withMetrics(trial))).stream()
                .filter(pr -> pr.setting() == TargetSetting.METRIC).map(Problem::message).findFirst().orElse(null);
    }
}

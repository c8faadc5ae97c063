package io.monstack.cli;

import io.monstack.cli.wizard.StackQuestions;
import io.monstack.cli.wizard.Wizard;
import io.monstack.cli.wizard.WizardOptions;
import io.monstack.spec.DeploySettings;
import io.monstack.spec.DockerEngine;
import io.monstack.spec.GrafanaSettings;
import io.monstack.spec.ImageSettings;
import io.monstack.spec.PrometheusSettings;
import io.monstack.spec.RemoteStorage;
import io.monstack.spec.RemoteWrite;
import io.monstack.spec.SpecReader;
import io.monstack.spec.SpecRules;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import io.monstack.stack.RunResult;
import io.monstack.stack.StackService;
import io.monstack.stack.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Create a stack: write DIR/monstack.yml and render Prometheus, Grafana, dashboards, "
                + "daemon.json, Dockerfiles and compose.yaml from it.",
            "On a terminal, without --from/--target/--no-input, it asks for the stack service by service, "
                + "shows the monstack.yml and writes only once you say yes.", ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  monstack init mystack                  # on a terminal: answer the questions",
            "  monstack init mystack --answers answers.txt   # the same answers, from a file",
            "  monstack init mystack --from samples/diamol-ch09/monstack.yml",
            "  monstack init mystack --name shop --no-input \\",
            "      --target name=web,runtime=go,static=web:8080 \\",
            "      --target name=api,runtime=spring-boot,dns=api,dns-port=8080,interval=5s \\",
            "      --target name=cart,runtime=node,static=cart:80,metric=orders_total:counter",
            "  monstack init mystack --from monstack.yml --alerting  # rules + Alertmanager",
            "  monstack init mystack --from monstack.yml --dry-run   # show, write nothing",
            "  monstack init mystack --platform swarm \\",
            "      --registry registry.example.com:5000/team \\",
            "      --target name=web,runtime=go,dns=tasks.web,dns-port=8080 \\",
            "      --external-label cluster=prod"})
final class InitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Folder for the stack (default: current folder).")
    Path dir = Path.of(".");

    @Option(names = {"-f", "--from"}, paramLabel = "FILE", description = "Start from an existing spec (e.g. a sample); flags below override it.")
    Path from;

    @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "Stack name: names images, network and dashboard folder (default: DIR's name).")
    String name;

    @Option(names = {"-t", "--target"}, paramLabel = "KEY=VALUE,...",
            description = "A service to scrape, e.g. name=web,runtime=go,static=web:8080 (repeatable; see add-target for the keys).")
    List<String> targets = new ArrayList<>();

    @Option(names = "--scrape-interval", paramLabel = "DURATION", description = "Global scrape interval (default: 10s).")
    String scrapeInterval;

    @Option(names = "--prometheus-image", paramLabel = "IMAGE", description = "Base Prometheus image (default: " + PrometheusSettings.DEFAULT_IMAGE + ").")
    String prometheusImage;

    @Option(names = "--grafana-image", paramLabel = "IMAGE", description = "Base Grafana image (default: " + GrafanaSettings.DEFAULT_IMAGE + ").")
    String grafanaImage;

    @Option(names = "--docker-engine", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Scrape the Docker engine's own metrics (default: on).")
    boolean dockerEngine;

    @Option(names = "--metrics-addr", paramLabel = "HOST:PORT",
            description = "Address the Docker engine serves metrics on (daemon.json metrics-addr; default " + DockerEngine.DEFAULT_ADDR
                    + ", which exposes them to the network).")
    String metricsAddr;

    @Option(names = "--alerting", negatable = true,
            description = "Alerting: rules per job and runtime, an Alertmanager service; add receivers in monstack.yml (default: off).")
    Boolean alerting;

    @Option(names = "--publish-address", paramLabel = "IP", description = "Host address the UIs are published on (default: 127.0.0.1; 0.0.0.0 exposes them).")
    String publishAddress;

    @Option(names = "--platform", paramLabel = "PLATFORM",
            description = "compose (default: compose.yaml, one host) or swarm (stack.yaml for docker stack deploy; needs --registry).")
    String platform;

    @Option(names = "--registry", paramLabel = "PREFIX",
            description = "Registry the stack's images are pushed to and pulled from (images.registry), e.g. registry.example.com:5000/team.")
    String registry;

    @Option(names = "--swarm-discovery", paramLabel = "MODE",
            description = "On swarm: dns (default; tasks.SERVICE names) or dockerswarm (the swarm API; mounts the Docker socket into Prometheus).")
    String swarmDiscovery;

    @Option(names = "--publish-mode", paramLabel = "MODE",
            description = "On swarm: ingress (default; every node, routing mesh) or host (the node running the service; for hosts without IPVS).")
    String publishMode;

    @Option(names = "--remote-write", paramLabel = "URL",
            description = "Also send every sample to this Prometheus-compatible store (repeatable; credentials: remoteWrite in monstack.yml).")
    List<String> remoteWrite = new ArrayList<>();

    @Option(names = "--external-label", paramLabel = "NAME=VALUE",
            description = "A label on every series that leaves this Prometheus, e.g. cluster=prod (repeatable).")
    List<String> externalLabels = new ArrayList<>();

    @Mixin
    WizardOptions wizard;

    @Mixin
    RunFlags run;

    @Override
    public Integer call() {
        boolean flagsOnly = from != null || !targets.isEmpty();
        if (wizard.requested() && (flagsOnly || wizard.noInput)) {
            throw new ParameterException(spec.commandLine(), "--answers and --interactive answer the questions of init; "
                    + "they do not go with --from, --target or --no-input");
        }
        StackSpec stack;
        if (!flagsOnly && wizard.canAsk()) {
            if (!run.dryRun && !run.force && Files.exists(dir.resolve(StackService.SPEC_FILE))) {
                throw new UserException(dir + " already holds a stack (" + StackService.SPEC_FILE
                        + "); use `monstack add-target` to extend it, or init --force to start over");
            }
            ParseResult parsed = spec.commandLine().getParseResult();
            boolean engineGiven = parsed.hasMatchedOption("--docker-engine") || parsed.hasMatchedOption("--no-docker-engine");
            try (Wizard w = wizard.open(spec.commandLine().getOut())) {
                stack = w.init(dir, buildSpec(true),
                        new StackQuestions.Given(name != null, engineGiven, metricsAddr != null, alerting != null, platform != null));
            }
        } else {
            stack = buildSpec(false);
        }
        RunResult result = new StackService(msg -> spec.commandLine().getErr().println(msg)).init(dir, stack, run.options());
        Output.printResult(spec.commandLine().getOut(), spec.commandLine().getErr(), result, dir.toString());
        if (!result.dryRun()) {
            spec.commandLine().getOut().println(result.spec().deploy().isSwarm()
                    ? "next: monstack build-images " + dir + " --push && cd " + dir
                            + " && set -a && . ./.env && set +a && docker stack deploy -c stack.yaml " + result.spec().name()
                            + "   (see README.md there)"
                    : "next: cd " + dir + " && docker compose up -d --build   (see README.md there)");
        }
        return ExitCodes.OK;
    }

    /** The spec the flags describe; lenientName: the wizard asks the name, so an unusable folder name is no error. */
    StackSpec buildSpec(boolean lenientName) {
        StackSpec base = from != null ? SpecReader.read(from) : StackSpec.empty(defaultName(lenientName));
        if (name != null) {
            base = base.withName(name);
        }
        PrometheusSettings p = base.prometheus();
        p = new PrometheusSettings(prometheusImage != null ? prometheusImage : p.image(),
                scrapeInterval != null ? scrapeInterval : p.scrapeInterval(), p.scrapeTimeout(), p.retention(), p.port());
        GrafanaSettings g = base.grafana();
        g = new GrafanaSettings(grafanaImage != null ? grafanaImage : g.image(), g.port(), g.dashboards(), g.datasourceUrl());
        DockerEngine e = base.dockerEngine();
        boolean engineOn = spec.commandLine().getParseResult().hasMatchedOption("--docker-engine")
                || spec.commandLine().getParseResult().hasMatchedOption("--no-docker-engine") ? dockerEngine : e.enabled();
        e = new DockerEngine(engineOn, metricsAddr != null ? metricsAddr : e.metricsAddr(), e.experimental());
        ImageSettings images = base.images();
        if (registry != null) {
            images = new ImageSettings(registry, images.tag());
        }
        List<Target> all = new ArrayList<>(base.targets());
        StackSpec result = new StackSpec(base.name(), p, g, e, images,
                publishAddress != null ? publishAddress : base.publishAddress(), all,
                alerting != null ? base.alerting().withEnabled(alerting) : base.alerting(),
                deploySettings(base.deploy()), remoteStorage(base.remote()));
        for (String t : targets) {
            Target target = TargetFlags.parseCompact(t);
            if (result.target(target.name()).isPresent()) {
                throw new UserException("target \"" + target.name() + "\" is given twice");
            }
            result = result.withTarget(target);
        }
        return result;
    }

    private DeploySettings deploySettings(DeploySettings d) {
        if (platform != null) {
            d = d.withPlatform(platform);
        }
        if (swarmDiscovery != null) {
            d = d.withDiscovery(swarmDiscovery);
        }
        if (publishMode != null) {
            d = d.withPublishMode(publishMode);
        }
        return d;
    }

    private RemoteStorage remoteStorage(RemoteStorage r) {
        List<RemoteWrite> stores = new ArrayList<>(r.remoteWrite());
        for (String url : remoteWrite) {
            stores.add(new RemoteWrite(url));
        }
        Map<String, String> labels = new TreeMap<>(r.externalLabels());
        for (String pair : externalLabels) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new ParameterException(spec.commandLine(), "--external-label '" + pair + "' must be NAME=VALUE, e.g. cluster=prod");
            }
            labels.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return new RemoteStorage(stores, new TreeMap<>(labels));
    }

    private String defaultName(boolean lenient) {
        if (name != null) {
            return name;
        }
        Path abs = dir.toAbsolutePath().normalize();
        String folder = abs.getFileName() == null ? "" : abs.getFileName().toString().toLowerCase(Locale.ROOT);
        if (!SpecRules.STACK_NAME.matcher(folder).matches()) {
            if (lenient) {
                return null;
            }
            throw new UserException("the folder name \"" + folder + "\" is not a valid stack name; give one with --name");
        }
        return folder;
    }
}

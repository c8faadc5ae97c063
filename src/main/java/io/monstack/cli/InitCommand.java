package io.monstack.cli;

import io.monstack.cli.wizard.Wizard;
import io.monstack.compose.ComposeImport;
import io.monstack.compose.ComposeImporter;
import io.monstack.compose.ComposeRequest;
import io.monstack.cli.wizard.WizardOptions;
import io.monstack.spec.DockerEngine;
import io.monstack.spec.GrafanaSettings;
import io.monstack.spec.PrometheusSettings;
import io.monstack.spec.SpecException;
import io.monstack.spec.SpecReader;
import io.monstack.spec.StackOverrides;
import io.monstack.spec.StackSpec;
import io.monstack.spec.TargetSetting;
import io.monstack.stack.RunResult;
import io.monstack.stack.StackService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
                + "shows the monstack.yml and writes only once you say yes.",
            "With --compose, it starts from your app's compose file: a target per service that serves metrics, "
                + "and Prometheus on the app's networks (the file is only read; on a terminal, only what it could not tell is asked).", ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  monstack init mystack                  # on a terminal: answer the questions",
            "  monstack init mystack --answers answers.txt   # the same answers, from a file",
            "  monstack init mystack --from samples/diamol-ch09/monstack.yml",
            "  monstack init mon --compose ../shop/compose.yaml --no-input  # from the app",
            "  monstack init mon --compose compose.yaml --compose compose.prod.yaml \\",
            "      --probe                             # the app running: read its pages",
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
            description = "A service to scrape, e.g. name=web,runtime=go,static=web:8080 (repeatable). The keys are "
                    + "add-target's long flags (" + TargetSetting.KEYS + "); join several values with +.")
    List<String> targets = new ArrayList<>();

    @Option(names = "--compose", paramLabel = "FILE",
            description = "Start from your app's compose file: a target per service that serves metrics, Prometheus on the app's "
                    + "networks (repeatable: merged in order, as docker compose -f does; .env and the environment interpolated).")
    List<Path> compose = new ArrayList<>();

    @Option(names = "--probe",
            description = "With --compose, the app running: read each service's metrics page on its containers (runtime, path, "
                    + "the app's own metrics), through the docker CLI (DOCKER_HOST applies).")
    boolean probe;

    @Option(names = "--compose-profile", paramLabel = "PROFILE",
            description = "With --compose: a profile to count as active, as docker compose --profile (repeatable; COMPOSE_PROFILES counts too).")
    List<String> composeProfiles = new ArrayList<>();

    @Option(names = "--scrape-interval", paramLabel = "DURATION", description = "Global scrape interval (default: " + PrometheusSettings.DEFAULT_SCRAPE_INTERVAL + ").")
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

    @Option(names = "--host-metrics", negatable = true,
            description = "A host view: node-exporter in the stack (host network and PID namespaces, the host's root read-only), a Host dashboard and alerts (default: off).")
    Boolean hostMetrics;

    @Option(names = "--container-metrics", negatable = true,
            description = "A container view: cAdvisor in the stack (reads every container's use; mounts the Docker socket folder), a Containers dashboard and alerts (default: off).")
    Boolean containerMetrics;

    @Option(names = "--publish-address", paramLabel = "IP", description = "Host address the UIs are published on (default: 127.0.0.1; 0.0.0.0 exposes them).")
    String publishAddress;

    @Option(names = "--platform", paramLabel = "PLATFORM", completionCandidates = ShellCompletion.Platforms.class,
            description = "compose (default: compose.yaml, one host) or swarm (stack.yaml for docker stack deploy; needs --registry).")
    String platform;

    @Option(names = "--registry", paramLabel = "PREFIX",
            description = "Registry the stack's images are pushed to and pulled from (images.registry), e.g. registry.example.com:5000/team.")
    String registry;

    @Option(names = "--swarm-discovery", paramLabel = "MODE", completionCandidates = ShellCompletion.SwarmDiscoveries.class,
            description = "On swarm: dns (default; tasks.SERVICE names) or dockerswarm (the swarm API; mounts the Docker socket into Prometheus).")
    String swarmDiscovery;

    @Option(names = "--publish-mode", paramLabel = "MODE", completionCandidates = ShellCompletion.PublishModes.class,
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
        StackOverrides overrides = overrides();
        boolean flagsOnly = from != null || overrides.givesTargets();
        if (wizard.requested() && (flagsOnly || wizard.noInput)) {
            throw new ParameterException(spec.commandLine(), "--answers and --interactive answer the questions of init; "
                    + "they do not go with --from, --target or --no-input");
        }
        if (compose.isEmpty() && (probe || !composeProfiles.isEmpty())) {
            throw new ParameterException(spec.commandLine(), "--probe and --compose-profile go with --compose FILE");
        }
        StackService service = new StackService(msg -> spec.commandLine().getErr().println(msg));
        if (from != null && !java.nio.file.Files.isRegularFile(from)) {
            throw new SpecException("--from " + from + ": no such file (give a stack's monstack.yml, e.g. "
                    + "samples/diamol-ch09/monstack.yml)");
        }
        StackSpec base = from != null ? SpecReader.read(from) : null;
        boolean ask = !flagsOnly && wizard.canAsk();
        ComposeImport found = compose.isEmpty() ? null : fromCompose(dir, base, overrides, ask);
        StackSpec stack;
        if (ask) {
            service.requireNoStack(dir, run.options());
            try (Wizard w = wizard.open(spec.commandLine().getOut())) {
                stack = w.init(dir, StackService.initialSpec(dir, base, overrides, true), overrides,
                        found == null ? List.of() : found.drafts());
            }
        } else {
            stack = StackService.initialSpec(dir, base, overrides, false);
        }
        RunResult result = service.init(dir, stack, run.options(), overrides.flagLocator());
        Output.printResult(spec.commandLine().getOut(), spec.commandLine().getErr(), result, dir.toString());
        Output.printNext(spec.commandLine().getOut(), result, dir.toString(), true);
        return ExitCodes.OK;
    }

    /** Reads the app's compose files (for the stack the flags describe so far), reports what it found, and adds it to the flags. */
    private ComposeImport fromCompose(Path dir, StackSpec base, StackOverrides overrides, boolean ask) {
        StackSpec so = StackService.initialSpec(dir, base, overrides, true);
        ComposeImport found = new ComposeImporter(System.getenv()).importAll(new ComposeRequest(compose, composeProfiles, probe,
                so.deploy().isSwarm(), so.prometheus().majorVersion(), ask).withStack(so));
        ComposeReport.print(spec.commandLine().getOut(), spec.commandLine().getErr(), found);
        found.addTo(overrides, ask);
        return found;
    }

    /** The flags, as the core takes them; only what was typed is set. */
    private StackOverrides overrides() {
        ParseResult parsed = spec.commandLine().getParseResult();
        boolean engineGiven = parsed.hasMatchedOption("--docker-engine") || parsed.hasMatchedOption("--no-docker-engine");
        StackOverrides o = new StackOverrides().name(name).prometheusImage(prometheusImage).scrapeInterval(scrapeInterval)
                .grafanaImage(grafanaImage).dockerEngine(engineGiven ? dockerEngine : null).metricsAddr(metricsAddr)
                .alerting(alerting).publishAddress(publishAddress).platform(platform).registry(registry)
                .swarmDiscovery(swarmDiscovery).publishMode(publishMode).remoteWrite(remoteWrite)
                .hostMetrics(hostMetrics).containerMetrics(containerMetrics).baseFile(from == null ? null : from.toString());
        externalLabels.forEach(o::externalLabel);
        targets.forEach(o::target);
        return o;
    }
}

package io.monstack.cli;

import io.monstack.cli.wizard.Wizard;
import io.monstack.cli.wizard.WizardOptions;
import io.monstack.compose.ComposeImport;
import io.monstack.discover.MetricsDiscovery;
import io.monstack.spec.SpecValidator;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import io.monstack.spec.TargetDraft;
import io.monstack.stack.ComposeTargetRequest;
import io.monstack.stack.RunResult;
import io.monstack.stack.StackService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "add-target", mixinStandardHelpOptions = true,
        description = {"Add a service to scrape: updates monstack.yml and re-renders the stack "
                + "(only files whose content changes are rewritten).",
            "Without NAME, on a terminal, it asks for the service (flags given skip their questions).",
            "With --compose FILE, NAME is a service of your app's compose file: its port, runtime, path and replicas come "
                + "from there (flags given win), and Prometheus joins its network.", ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  monstack add-target -C mystack          # on a terminal: answer the questions",
            "  monstack add-target image-gallery --runtime go --static image-gallery:80",
            "  monstack add-target iotd-api --runtime spring-boot --static iotd -C mystack",
            "  monstack add-target access-log --runtime node --dns accesslog \\",
            "      --dns-port 80 --interval 3s \\",
            "      --metric access_log_total:counter:'total log requests' \\",
            "      --metric access_client_ip_current:gauge",
            "  monstack add-target web --runtime go --static web:9000 --replace  # change it",
            "  monstack add-target api --static api:8080 \\",
            "      --probe http://localhost:8080/actuator/prometheus",
            "  monstack add-target orders --compose ../shop/compose.yaml  # from the app",
            "  monstack add-target orders --compose ../shop/compose.yaml --probe"})
final class AddTargetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME",
            description = "Target name; becomes the Prometheus job name (asked for when left out, on a terminal).")
    String name;

    @Option(names = "--replace", description = "Replace the target if one of this name exists.")
    boolean replace;

    @Option(names = "--probe", paramLabel = "URL", arity = "0..1", fallbackValue = CONTAINERS,
            description = "Read the app's metrics page first: runtime, path, host:port and custom metrics come from it unless given "
                    + "as flags. With --compose and no URL: the page of the service's running containers (docker CLI, DOCKER_HOST).")
    String probe;

    @Option(names = "--compose", paramLabel = "FILE",
            description = "NAME is a service of your app's compose file (repeatable: merged in order, as docker compose -f does).")
    List<Path> compose = new ArrayList<>();

    /** --probe without a URL: what picocli sets. */
    private static final String CONTAINERS = "(running containers)";

    @Mixin
    DirOption dir;

    @Mixin
    WizardOptions wizard;

    @Mixin
    RunFlags run;

    /** The command with its target flags, which TargetOptions makes from the one list of target settings. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new AddTargetCommand());
        new TargetOptions().transform(cli.getCommandSpec());
        return cli;
    }

    @Override
    public Integer call() {
        if (wizard.requested() && wizard.noInput) {
            throw new ParameterException(spec.commandLine(), "--answers and --interactive do not go with --no-input");
        }
        StackService service = new StackService(msg -> spec.commandLine().getErr().println(msg));
        if (!compose.isEmpty()) {
            return fromCompose(service);
        }
        if (CONTAINERS.equals(probe)) {
            throw new ParameterException(spec.commandLine(), "--probe needs a URL (or --compose FILE, to read the service's "
                    + "running containers)");
        }
        TargetDraft given = TargetOptions.draft(spec, name);
        Target t;
        if (name == null || wizard.requested()) {
            if (!wizard.canAsk()) {
                throw new ParameterException(spec.commandLine(), "give NAME or run on a terminal (or answer from a file with --answers FILE)");
            }
            try (Wizard w = wizard.open(spec.commandLine().getOut())) {
                t = w.addTarget(dir.dir, service.load(dir.dir), given, replace);
            }
        } else {
            if (probe != null) {
                int major = service.load(dir.dir).prometheus().majorVersion();
                new MetricsDiscovery().discover(probe).fillIn(given, major);
            }
            t = given.toTarget();
        }
        RunResult result = service.addTarget(dir.dir, t, replace, run.options());
        Output.printResult(spec.commandLine().getOut(), spec.commandLine().getErr(), result, dir.dir.toString());
        Output.printNext(spec.commandLine().getOut(), result, dir.dir.toString(), false);
        return ExitCodes.OK;
    }

    /** add-target --compose FILE SERVICE: the service as found (flags win), asked on a terminal for what is open. */
    private Integer fromCompose(StackService service) {
        if (probe != null && !CONTAINERS.equals(probe) && !probe.contains("://")) {
            throw new ParameterException(spec.commandLine(), "--probe " + SpecValidator.show(probe) + ": not a URL; to read the running "
                    + "containers of the service, put --probe after it: add-target SERVICE --compose FILE --probe");
        }
        if (name == null) {
            throw new ParameterException(spec.commandLine(), "with --compose, give the service to add: add-target SERVICE --compose FILE");
        }
        boolean ask = wizard.canAsk();
        ComposeTargetRequest request = new ComposeTargetRequest(compose, name, TargetOptions.given(spec, null), CONTAINERS.equals(probe),
                CONTAINERS.equals(probe) ? null : probe, ask, System.getenv());
        RunResult result = service.addFromCompose(dir.dir, request, replace, run.options(), new ComposeTargetRequest.Dialog() {
            @Override
            public void found(ComposeImport found) {
                ComposeReport.print(spec.commandLine().getOut(), spec.commandLine().getErr(), found);
            }

            @Override
            public Target ask(StackSpec stack, TargetDraft draft) {
                try (Wizard w = wizard.open(spec.commandLine().getOut())) {
                    return w.addFoundTarget(dir.dir, stack, draft, replace);
                }
            }
        });
        Output.printResult(spec.commandLine().getOut(), spec.commandLine().getErr(), result, dir.dir.toString());
        Output.printNext(spec.commandLine().getOut(), result, dir.dir.toString(), false);
        return ExitCodes.OK;
    }
}

package io.monstack.cli;

import io.monstack.discover.MetricsDiscovery;
import io.monstack.cli.wizard.Wizard;
import io.monstack.cli.wizard.WizardOptions;
import io.monstack.spec.Target;
import io.monstack.spec.TargetDraft;
import io.monstack.stack.RunResult;
import io.monstack.stack.StackService;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "add-target", mixinStandardHelpOptions = true,
        description = {"Add a service to scrape: updates monstack.yml and re-renders the stack "
                + "(only files whose content changes are rewritten).",
            "Without NAME, on a terminal, it asks for the service (flags given skip their questions).", ""},
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
            "      --probe http://localhost:8080/actuator/prometheus"})
final class AddTargetCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME",
            description = "Target name; becomes the Prometheus job name (asked for when left out, on a terminal).")
    String name;

    @Option(names = "--replace", description = "Replace the target if one of this name exists.")
    boolean replace;

    @Option(names = "--probe", paramLabel = "URL",
            description = "Read the app's metrics page first: runtime, path, host:port and custom metrics come from it unless given as flags.")
    String probe;

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
        return ExitCodes.OK;
    }
}

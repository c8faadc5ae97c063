package io.monstack.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "monstack",
        mixinStandardHelpOptions = true,
        versionProvider = MonstackCommand.Version.class,
        description = {"A working Prometheus + Grafana monitoring stack for your containerised app, without hand-written YAML.", ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  monstack init mystack --from samples/diamol-ch09/monstack.yml",
            "  monstack init mystack --name shop --no-input \\",
            "      --target name=web,runtime=go,static=web:8080",
            "  monstack add-target api --runtime spring-boot --static api:8080 -C mystack",
            "  monstack generate mystack",
            "  monstack build-images mystack --registry registry.example.com/team --push",
            "  monstack discover http://localhost:8080/actuator/prometheus \\",
            "      --add api --static api:8080 -C mystack",
            "  sudo monstack merge-daemon-json -C mystack  # into /etc/docker/daemon.json",
            "  monstack check mystack --wait 2m  # after compose up: all up, all panels fed?",
            "",
            "Tab completion: monstack completion --help. Manual: man monstack-COMMAND.",
            "Exit codes: 0 ok, 1 user error, 2 usage error, 3 environment missing",
            "(e.g. no Docker engine, Prometheus not reachable), 4 conflict with a hand edit,",
            "5 check found problems."})
public final class MonstackCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Every subcommand, by name; built lazily because picocli inspects each one by reflection. */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("init", InitCommand::new);
        SUBCOMMANDS.put("add-target", AddTargetCommand::commandLine);
        SUBCOMMANDS.put("remove-target", RemoveTargetCommand::new);
        SUBCOMMANDS.put("generate", GenerateCommand::new);
        SUBCOMMANDS.put("build-images", BuildImagesCommand::new);
        SUBCOMMANDS.put("runtimes", RuntimesCommand::new);
        SUBCOMMANDS.put("discover", DiscoverCommand::new);
        SUBCOMMANDS.put("merge-daemon-json", MergeDaemonJsonCommand::new);
        SUBCOMMANDS.put("check", CheckCommand::new);
        SUBCOMMANDS.put("completion", CompletionCommand::new);
        SUBCOMMANDS.put("help", CommandLine.HelpCommand::new);
    }

    public static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line for these arguments: when they name a subcommand, only that one is
     * registered (start-up time); otherwise all of them, for help and "did you mean".
     */
    public static CommandLine commandLine(String[] args) {
        CommandLine cli = new CommandLine(new MonstackCommand());
        String first = args.length > 0 ? args[0] : "";
        String only = first.equals("regenerate") ? "generate" : first;
        if (SUBCOMMANDS.containsKey(only) && !only.equals("help")) {
            cli.addSubcommand(SUBCOMMANDS.get(only).get());
        } else {
            SUBCOMMANDS.values().forEach(s -> cli.addSubcommand(s.get()));
        }
        // subcommands offer -V too (mixinStandardHelpOptions): they print the same line
        cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().versionProvider(new Version()));
        cli.setExecutionExceptionHandler(ExitCodes.handler());
        cli.setParameterExceptionHandler(ExitCodes.usageHandler());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setUsageHelpAutoWidth(true);
        cli.setHelpFactory(SpaceWrappingHelp.FACTORY); // lines break at spaces only: "monstack.yml" stays whole
        cli.setAbbreviatedOptionsAllowed(false);
        return cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a command: init, add-target, discover, generate, build-images, ...");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {VersionLine.text()};
        }
    }
}

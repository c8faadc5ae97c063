package io.monstack.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "monstack",
        mixinStandardHelpOptions = true,
        versionProvider = MonstackCommand.Version.class,
        description = {"A working Prometheus + Grafana monitoring stack for your containerised app, without hand-written YAML.", ""},
        subcommands = {InitCommand.class, AddTargetCommand.class, RemoveTargetCommand.class, GenerateCommand.class,
                RuntimesCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
            "  monstack init mystack --from samples/diamol-ch09/monstack.yml",
            "  monstack init mystack --name shop --target name=web,runtime=go,static=web:8080 --no-input",
            "  monstack add-target api --runtime spring-boot --static api:8080 --dir mystack",
            "  monstack generate mystack",
            "",
            "Exit codes: 0 ok, 1 user error, 2 usage error, 3 environment missing (e.g. no Docker engine), 4 conflict."})
public final class MonstackCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new MonstackCommand());
        cli.setExecutionExceptionHandler(ExitCodes.handler());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setUsageHelpAutoWidth(true);
        cli.setAbbreviatedOptionsAllowed(false);
        return cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a command: init, add-target, generate, ... (see --help)");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = MonstackCommand.class.getResourceAsStream("/monstack.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"monstack " + p.getProperty("version", "dev")};
        }
    }
}

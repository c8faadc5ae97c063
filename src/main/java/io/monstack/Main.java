package io.monstack;

import io.monstack.cli.MonstackCommand;
import io.monstack.cli.ExitCodes;
import picocli.CommandLine;

/** Builds the command line and maps failures to exit codes; the core never exits or prints. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cli = MonstackCommand.commandLine();
        return cli.execute(args);
    }

    static {
        // Keep start-up lean: picocli's ANSI detection is cheap, nothing else is initialised here.
        ExitCodes.class.getName();
    }
}

package io.monstack;

import io.monstack.cli.MonstackCommand;
import io.monstack.cli.VersionLine;

/** Builds the command line and maps failures to exit codes; the core never exits or prints. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // Answered without building the command model (or loading picocli): scripts call this a lot.
            System.out.println(VersionLine.text());
            return 0;
        }
        Warmup.startFor(args);
        return MonstackCommand.commandLine(args).execute(args);
    }
}

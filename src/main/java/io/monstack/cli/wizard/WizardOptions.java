package io.monstack.cli.wizard;

import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The flags that decide whether a command asks its questions, and where the answers come from. */
public final class WizardOptions {
    @Option(names = "--no-input", description = "Never ask questions: use flags and defaults, fail naming any missing flag.")
    public boolean noInput;

    @Option(names = "--answers", paramLabel = "FILE",
            description = "Answer the questions from FILE, one answer a line (an empty line takes the default).")
    public Path answers;

    @Option(names = "--interactive", description = "Ask the questions even when stdin is not a terminal (answers piped in, one a line).")
    public boolean interactive;

    /** --answers or --interactive: the user asked for the questions. */
    public boolean requested() {
        return answers != null || interactive;
    }

    /** Whether questions can be asked: asked for, or on a terminal without --no-input. */
    public boolean canAsk() {
        return !noInput && (requested() || Wizard.onTerminal());
    }

    public Wizard open(PrintWriter out) {
        return Wizard.open(answers, out);
    }
}

package io.monstack.cli.wizard;

import io.monstack.spec.PathLocator;
import io.monstack.spec.SpecValidator;
import io.monstack.spec.SpecWriter;
import io.monstack.spec.StackOverrides;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import io.monstack.spec.TargetDraft;
import io.monstack.stack.StackService;
import io.monstack.stack.UserException;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The questions init and add-target ask instead of flags. It only builds a spec: it shows the
 * monstack.yml it would write and asks before the command writes anything, so Ctrl-C or end of
 * input at any question leaves the folder as it was.
 */
public final class Wizard implements Closeable {
    private final BufferedReader in;
    private final Prompter prompter;
    private final boolean ownsInput;

    /** Reads answers from in (a terminal, an answers file, a test's StringReader); prompts go to out. */
    public Wizard(BufferedReader in, PrintWriter out, boolean echoAnswers) {
        this(in, new Prompter(in, out, echoAnswers), false);
    }

    private Wizard(BufferedReader in, Prompter prompter, boolean ownsInput) {
        this.in = in;
        this.prompter = prompter;
        this.ownsInput = ownsInput;
    }

    /** Answers from the file, or (null) from stdin; a terminal echoes what is typed, a file or pipe does not. */
    public static Wizard open(Path answers, PrintWriter out) {
        if (answers == null) {
            Console console = System.console();
            Charset cs = console != null ? console.charset() : Charset.defaultCharset();
            return new Wizard(new BufferedReader(new InputStreamReader(System.in, cs)), out, !onTerminal());
        }
        try {
            BufferedReader file = Files.newBufferedReader(answers, StandardCharsets.UTF_8);
            return new Wizard(file, new Prompter(file, out, true), true);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserException("no answers file " + answers + "; give --answers an existing file, one answer a line");
        } catch (IOException e) {
            throw new UserException("cannot read the answers file " + answers + ": " + e.getMessage());
        }
    }

    /**
     * Whether stdin and stdout are a terminal: System.console() != null (Java 22+ also needs
     * Console.isTerminal()). The system property monstack.terminal=true|false overrides it.
     */
    public static boolean onTerminal() {
        String forced = System.getProperty("monstack.terminal");
        if (forced != null) {
            return Boolean.parseBoolean(forced);
        }
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** init: asks for the whole stack, shows it, asks to write it. */
    public StackSpec init(Path dir, StackSpec base, StackOverrides given) {
        return init(dir, base, given, java.util.List.of());
    }

    /** init --compose: the same, starting from the targets found in the app's compose file. */
    public StackSpec init(Path dir, StackSpec base, StackOverrides given, java.util.List<TargetDraft> found) {
        // A wrong flag (--scrape-interval 5x, ...) fails now, not after every question has been answered.
        SpecValidator.requireValid(base.name() == null ? base.withName("stack") : base, given.flagLocator());
        StackSpec spec = new StackQuestions(prompter).ask(base, given, found);
        confirm(spec, given.flagLocator(), "This is the monstack.yml it will write:", "Write this stack to " + show(dir) + "?");
        return spec;
    }

    /** add-target: asks for one target (flags pre-fill), shows the spec with it, asks to write it. */
    public Target addTarget(Path dir, StackSpec current, TargetDraft given, boolean replace) {
        return addOne(dir, current, replace, (questions, taken) -> questions.ask(given, taken));
    }

    /**
     * add-target --compose: one service as the app's compose file (and the flags) gave it; asks only
     * what they left open, as init --compose does. Leaving the service out (an empty port) ends the run.
     */
    public Target addFoundTarget(Path dir, StackSpec current, TargetDraft found, boolean replace) {
        return addOne(dir, current, replace, (questions, taken) -> questions.askFound(found, taken));
    }

    /** One target asked by ask (null: left out), then the spec with it shown and confirmed. */
    private Target addOne(Path dir, StackSpec current, boolean replace,
            java.util.function.BiFunction<TargetQuestions, Set<String>, Target> ask) {
        Set<String> taken = new HashSet<>();
        if (!replace) {
            current.targets().forEach(t -> taken.add(t.name()));
        }
        Target target = ask.apply(new TargetQuestions(prompter, current), taken);
        if (target == null) {
            throw new Prompter.Aborted();
        }
        StackSpec next = current.withTarget(target);
        confirm(next, new io.monstack.spec.TargetFlagLocator(next, target.name()), StackService.SPEC_FILE + " will be:",
                "Add " + target.name() + " to " + show(dir) + " and re-render the stack?");
        return target;
    }

    private void confirm(StackSpec spec, PathLocator locator, String heading, String question) {
        // What the service would refuse anyway is said now, before the user is asked to confirm.
        SpecValidator.requireValid(spec, locator);
        prompter.say("");
        prompter.say(heading);
        prompter.say(SpecWriter.write(spec));
        if (!prompter.yesNo(question, true)) {
            throw new Prompter.Aborted();
        }
    }

    private static String show(Path dir) {
        return dir.toAbsolutePath().normalize().toString();
    }

    /** Closes an answers file the wizard opened; a failure to close a reader loses nothing. */
    @Override
    public void close() {
        if (ownsInput) {
            try {
                in.close();
            } catch (IOException e) {
                // nothing was written through it
            }
        }
    }
}

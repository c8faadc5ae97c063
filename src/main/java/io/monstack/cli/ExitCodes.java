package io.monstack.cli;

import io.monstack.cli.wizard.Prompter;
import io.monstack.images.EngineUnavailableException;
import io.monstack.output.StackLock;
import io.monstack.spec.SpecException;
import io.monstack.spec.SpecValidator;
import io.monstack.stack.ConflictException;
import io.monstack.stack.UserException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/** Exit codes (DESIGN.md §5) and the one-line messages for every failure. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int USER_ERROR = 1;
    public static final int USAGE = 2;
    public static final int ENVIRONMENT = 3;
    public static final int CONFLICT = 4;
    /** monstack check found problems in the running stack. */
    public static final int PROBLEMS = 5;

    private ExitCodes() {
    }

    /**
     * A usage error, as kubectl and gh show one: {@code error: <message>}, picocli's "did you mean"
     * line if it has one, and where the usage is, never the whole help (which buries the error).
     */
    static CommandLine.IParameterExceptionHandler usageHandler() {
        return (ex, args) -> {
            CommandLine cli = ex.getCommandLine();
            PrintWriter err = cli.getErr();
            err.println("error: " + sentence(ex.getMessage() == null ? null : SpecValidator.safeLine(ex.getMessage().strip())));
            StringWriter suggestions = new StringWriter();
            PrintWriter suggestionWriter = new PrintWriter(suggestions);
            if (CommandLine.UnmatchedArgumentException.printSuggestions(ex, suggestionWriter)) {
                suggestionWriter.flush();
                suggestions.toString().lines().map(String::strip).filter(l -> !l.isEmpty()).map(SpecValidator::safeLine)
                        .forEach(err::println);
            }
            err.println("Run '" + cli.getCommandSpec().qualifiedName() + " --help' for usage.");
            err.flush();
            return USAGE;
        };
    }

    /** picocli's messages start upper case ("Unknown option: ..."); ours after "error: " do not. */
    private static String sentence(String message) {
        if (message == null || message.isBlank()) {
            return "invalid command line";
        }
        String line = message.strip();
        boolean word = line.length() > 1 && Character.isUpperCase(line.charAt(0)) && Character.isLowerCase(line.charAt(1));
        return word ? Character.toLowerCase(line.charAt(0)) + line.substring(1) : line;
    }

    static CommandLine.IExecutionExceptionHandler handler() {
        return (ex, cli, parseResult) -> {
            PrintWriter err = cli.getErr();
            int code = codeFor(ex);
            if (ex instanceof Prompter.Aborted) {
                // The user stopped the wizard: not an error to explain, just what happened.
                err.println(ex.getMessage());
                err.flush();
                return USER_ERROR;
            }
            if (ex instanceof SpecException spec) {
                spec.problems().forEach(p -> err.println("error: " + p));
            } else if (code == USER_ERROR && !(ex instanceof UserException || ex instanceof StackLock.LockBusyException
                    || ex instanceof UncheckedIOException)) {
                err.println("error: " + ex);
                if (System.getenv("MONSTACK_DEBUG") != null) {
                    ex.printStackTrace(err);
                }
            } else {
                err.println("error: " + ex.getMessage());
            }
            if (ex instanceof ConflictException conflict) {
                Output.printPlan(cli.getErr(), conflict.plan(), true);
            }
            err.flush();
            return code;
        };
    }

    static int codeFor(Exception ex) {
        if (ex instanceof ConflictException) {
            return CONFLICT;
        }
        if (ex instanceof EnvironmentException || ex instanceof EngineUnavailableException) {
            return ENVIRONMENT;
        }
        return USER_ERROR;
    }

    /** Something this machine lacks (no Docker engine, no CLI): exit 3. */
    public static class EnvironmentException extends RuntimeException {
        public EnvironmentException(String message) {
            super(message);
        }
    }
}

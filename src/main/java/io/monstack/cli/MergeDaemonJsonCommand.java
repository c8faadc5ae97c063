package io.monstack.cli;

import io.monstack.daemon.DaemonJsonException;
import io.monstack.daemon.DaemonJsonMerger;
import io.monstack.daemon.DaemonJsonUpdate;
import io.monstack.daemon.Redact;
import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Merges the stack's daemon.json snippet into the engine's daemon.json: keeps every key already
 * there, refuses invalid JSON and conflicting values, shows the diff, backs up, writes atomically.
 * Public so that it can also run on its own (tests); refusals print one line and exit 1.
 */
@Command(name = "merge-daemon-json", mixinStandardHelpOptions = true,
        description = {"Merge the stack's docker/daemon.json (metrics-addr) into the Docker engine's configuration, "
                + "keeping every setting already there. Shows the diff, asks, writes a timestamped backup next to the "
                + "file, then replaces it atomically with the same permissions. Invalid JSON or a different "
                + "metrics-addr already set is refused and nothing is changed.", ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  sudo monstack merge-daemon-json                 # docker/daemon.json in .",
            "  sudo monstack merge-daemon-json -C mystack --dry-run    # show the diff",
            "  sudo monstack merge-daemon-json docker/daemon.json --yes   # scripts",
            "  monstack merge-daemon-json -t ~/.config/docker/daemon.json # rootless",
            "",
            "Afterwards restart the engine: sudo systemctl restart docker"})
public final class MergeDaemonJsonCommand implements Callable<Integer> {
    static final String SNIPPET = "docker/daemon.json";
    static final String RESTART = "restart the engine: sudo systemctl restart docker";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SNIPPET",
            description = "The JSON to merge (default: " + SNIPPET + " of the stack in -C DIR).")
    Path snippet;

    @Option(names = {"-C", "--dir"}, paramLabel = "DIR", description = "The stack folder (default: current folder).")
    Path dir = Path.of(".");

    @Option(names = {"-t", "--target"}, paramLabel = "FILE",
            description = "The engine's configuration to update (default: /etc/docker/daemon.json; created if missing).")
    Path target = DaemonJsonUpdate.DEFAULT_TARGET;

    @Option(names = "--dry-run", description = "Show the diff and write nothing.")
    boolean dryRun;

    @Option(names = {"-y", "--yes"}, description = "Write without asking (needed when not on a terminal).")
    boolean yes;

    @Option(names = "--force", description = "Replace a value the file already sets differently (e.g. another metrics-addr).")
    boolean force;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run(out, err);
        } catch (DaemonJsonException e) {
            err.println("error: " + e.getMessage());
            return ExitCodes.USER_ERROR;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int run(PrintWriter out, PrintWriter err) {
        Path snippetFile = snippet != null ? snippet : dir.resolve(SNIPPET);
        DaemonJsonUpdate.Plan plan = DaemonJsonUpdate.plan(snippetFile, target, force);
        DaemonJsonMerger.Result result = plan.result();
        for (DaemonJsonMerger.Conflict c : result.conflicts()) {
            err.println("warning: --force: replacing " + c);
        }
        if (!plan.changes()) {
            for (String key : result.alreadySet()) {
                com.fasterxml.jackson.databind.JsonNode value = result.merged().at(pointer(key));
                out.println("already set: \"" + key + "\"" + (value.isMissingNode() ? "" : " is " + shown(key, value.toString()))
                        + " in " + target + "; nothing to do");
            }
            return ExitCodes.OK;
        }
        out.print(plan.diff());
        if (dryRun) {
            out.println("dry run: " + target + " was not changed");
            return ExitCodes.OK;
        }
        if (!yes && !confirm(out)) {
            throw new DaemonJsonException("not confirmed; " + target + " was not changed"
                    + (System.console() == null ? " (not on a terminal: re-run with --yes to write it)" : ""));
        }
        Path backup = DaemonJsonUpdate.apply(plan, Clock.systemDefaultZone());
        if (backup != null) {
            out.println("backup     " + backup);
        }
        out.println((plan.exists() ? "updated    " : "created    ") + target);
        out.println(RESTART);
        return ExitCodes.OK;
    }

    private static boolean confirm(PrintWriter out) {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        out.flush();
        String answer = console.readLine("Write these changes (a backup is made first)? [y/N] ");
        return answer != null && answer.trim().toLowerCase(Locale.ROOT).matches("y|yes");
    }

    private static String shown(String key, String value) {
        return Redact.isSecretKey(key) ? "(hidden)" : Redact.line(value);
    }

    private static String pointer(String dottedKey) {
        StringBuilder sb = new StringBuilder();
        for (String part : dottedKey.split("\\.")) {
            sb.append('/').append(part.replace("~", "~0").replace("/", "~1"));
        }
        return sb.toString();
    }
}

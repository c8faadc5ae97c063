package io.monstack.cli;

import io.monstack.generate.NextSteps;
import io.monstack.output.FileAction;
import io.monstack.output.Plan;
import io.monstack.output.PlannedFile;
import io.monstack.stack.RunResult;
import io.monstack.stack.StackService;
import java.io.PrintWriter;
import java.util.Map;

/** How commands report what they did: one line per changed file, then a one-line summary. */
final class Output {
    private Output() {
    }

    static void printResult(PrintWriter out, PrintWriter err, RunResult result, String dir) {
        if (result.dryRun()) {
            out.println("dry run: nothing is written. Plan for " + dir + ":");
        }
        if (result.specChanged()) {
            out.printf("  %-10s %s%n", result.dryRun() ? "write" : "wrote", StackService.SPEC_FILE);
        }
        // A run that wrote despite conflicts was forced: those files were overwritten.
        printPlan(out, result.plan(), false, !result.dryRun());
        if (result.secretsCreated()) {
            out.printf("  %-10s %s%n", "create", ".env (random Grafana admin password, mode 600)");
        }
        Map<FileAction, Integer> counts = result.plan().counts();
        int conflicts = counts.getOrDefault(FileAction.CONFLICT, 0);
        out.printf("%s: %d created, %d updated, %d unchanged, %d deleted%s%n",
                result.dryRun() ? "would change" : "done",
                counts.getOrDefault(FileAction.CREATE, 0), counts.getOrDefault(FileAction.UPDATE, 0),
                counts.getOrDefault(FileAction.UNCHANGED, 0), counts.getOrDefault(FileAction.DELETE, 0),
                conflicts == 0 ? "" : result.dryRun() ? ", " + conflicts + " conflict(s): the run stops on them unless --force"
                        : ", " + conflicts + " overwritten (hand edits replaced, --force)");
        for (String note : result.notes()) {
            err.println("note: " + note);
        }
        out.flush();
        err.flush();
    }

    /** After a run that changed the stack: what to type to run it (init: always, as the stack is new). */
    static void printNext(PrintWriter out, RunResult result, String dir, boolean always) {
        Map<FileAction, Integer> counts = result.plan().counts();
        boolean changed = result.specChanged() || counts.getOrDefault(FileAction.CREATE, 0) + counts.getOrDefault(FileAction.UPDATE, 0)
                + counts.getOrDefault(FileAction.DELETE, 0) > 0;
        if (!result.dryRun() && (always || changed)) {
            out.println("next: " + NextSteps.oneLine(result.spec(), dir) + "   (see README.md there)");
            out.flush();
        }
    }

    static void printPlan(PrintWriter out, Plan plan, boolean conflictsOnly) {
        printPlan(out, plan, conflictsOnly, false);
    }

    private static void printPlan(PrintWriter out, Plan plan, boolean conflictsOnly, boolean conflictsOverwritten) {
        for (PlannedFile f : plan.files()) {
            if (f.action() == FileAction.UNCHANGED || (conflictsOnly && f.action() != FileAction.CONFLICT)) {
                continue;
            }
            String label = f.action() == FileAction.CONFLICT && conflictsOverwritten ? "overwrite" : f.action().label();
            out.printf("  %-10s %s%n", label, f.path());
        }
        out.flush();
    }
}

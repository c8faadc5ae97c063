package io.monstack.cli;

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
        printPlan(out, result.plan(), false);
        if (result.secretsCreated()) {
            out.printf("  %-10s %s%n", "create", ".env (random Grafana admin password, mode 600)");
        }
        Map<FileAction, Integer> counts = result.plan().counts();
        out.printf("%s: %d created, %d updated, %d unchanged, %d deleted%s%n",
                result.dryRun() ? "would change" : "done",
                counts.getOrDefault(FileAction.CREATE, 0), counts.getOrDefault(FileAction.UPDATE, 0),
                counts.getOrDefault(FileAction.UNCHANGED, 0), counts.getOrDefault(FileAction.DELETE, 0),
                counts.containsKey(FileAction.CONFLICT) ? ", " + counts.get(FileAction.CONFLICT) + " conflicts" : "");
        for (String note : result.notes()) {
            err.println("note: " + note);
        }
        out.flush();
        err.flush();
    }

    static void printPlan(PrintWriter out, Plan plan, boolean conflictsOnly) {
        for (PlannedFile f : plan.files()) {
            if (f.action() == FileAction.UNCHANGED || (conflictsOnly && f.action() != FileAction.CONFLICT)) {
                continue;
            }
            out.printf("  %-10s %s%n", f.action().label(), f.path());
        }
        out.flush();
    }
}

package io.monstack.cli;

import io.monstack.compose.ComposeImport;
import io.monstack.compose.Shown;
import io.monstack.spec.AppNetwork;
import java.io.PrintWriter;

/** What init --compose and add-target --compose found, before the plan: a line per target, then what was left out and why. */
final class ComposeReport {
    private ComposeReport() {
    }

    static void print(PrintWriter out, PrintWriter err, ComposeImport found) {
        out.println("From " + found.files() + " (compose project " + found.project() + "):");
        int width = Math.max(found.targets().stream().mapToInt(t -> Shown.name(t.service()).length()).max().orElse(0),
                found.leftOut().stream().mapToInt(l -> Shown.name(l.service()).length()).max().orElse(0));
        for (ComposeImport.FoundTarget t : found.targets()) {
            out.printf("  target   %-" + width + "s  %s%n", Shown.name(t.service()), String.join("; ", t.how()));
            if (!t.open().isEmpty()) {
                out.printf("  %-8s %-" + width + "s  %s%n", "", "", "to ask: " + String.join(", ", t.open()));
            }
        }
        for (ComposeImport.LeftOut l : found.leftOut()) {
            out.printf("  left out %-" + width + "s  %s%n", Shown.name(l.service()), l.reason());
        }
        for (AppNetwork n : found.networks()) {
            out.println("  network  " + Shown.name(n.name()) + ": Prometheus joins it (external; start the app before the stack)");
        }
        out.flush();
        found.notes().forEach(n -> err.println("note: " + n));
        err.flush();
    }
}

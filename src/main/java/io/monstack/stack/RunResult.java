package io.monstack.stack;

import io.monstack.output.Plan;
import io.monstack.spec.StackSpec;
import java.util.List;

/** What a run did (or, for --dry-run, would do), and notes for the user. */
public record RunResult(StackSpec spec, Plan plan, boolean specChanged, boolean secretsCreated, boolean dryRun,
        List<String> notes) {
    /** The same result with one more note. */
    public RunResult withNote(String note) {
        List<String> more = new java.util.ArrayList<>(notes);
        more.add(note);
        return new RunResult(spec, plan, specChanged, secretsCreated, dryRun, more);
    }
}

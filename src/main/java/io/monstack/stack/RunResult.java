package io.monstack.stack;

import io.monstack.output.Plan;
import io.monstack.spec.StackSpec;
import java.util.List;

/** What a run did (or, for --dry-run, would do), and notes for the user. */
public record RunResult(StackSpec spec, Plan plan, boolean specChanged, boolean secretsCreated, boolean dryRun,
        List<String> notes) {
}

package io.monstack.cli;

import io.monstack.stack.RunOptions;
import picocli.CommandLine.Option;

/** --dry-run and --force, shared by every command that writes the stack. */
final class RunFlags {
    @Option(names = "--dry-run", description = "Print the plan (what would be created, updated, deleted) and write nothing.")
    boolean dryRun;

    @Option(names = "--force", description = "Overwrite files edited by hand since monstack wrote them (their edits are lost).")
    boolean force;

    RunOptions options() {
        return new RunOptions(dryRun, force);
    }
}

package io.monstack.stack;

/** How a run treats the stack folder: --dry-run writes nothing; --force overwrites edited files. */
public record RunOptions(boolean dryRun, boolean force) {
    public static final RunOptions DEFAULT = new RunOptions(false, false);
}

package io.monstack.output;

/** What a run does to one file of the stack. */
public enum FileAction {
    /** New file. */
    CREATE("create"),
    /** Generated before, not edited since, content changes. */
    UPDATE("update"),
    /** Already has exactly the new content. */
    UNCHANGED("unchanged"),
    /** Edited by hand (or not ours): left alone unless --force. */
    CONFLICT("conflict"),
    /** Generated before, no longer part of the stack, not edited: removed. */
    DELETE("delete"),
    /** No longer part of the stack but edited by hand: left in place. */
    ORPHAN("keep (edited, no longer generated)");

    private final String label;

    FileAction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean writes() {
        return this == CREATE || this == UPDATE;
    }
}

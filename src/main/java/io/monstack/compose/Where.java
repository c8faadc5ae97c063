package io.monstack.compose;

/** A place in a compose file, as errors and notes name it: file:line:column. */
record Where(String file, int line, int column) {
    /** The file itself, when no line is known. */
    static Where file(String file) {
        return new Where(file, 0, 0);
    }

    /** "compose.yaml:12:7: " (or "compose.yaml: "), the prefix of a one-line message. */
    String prefix() {
        return this + ": ";
    }

    @Override
    public String toString() {
        return line == 0 ? file : file + ":" + line + ":" + column;
    }
}

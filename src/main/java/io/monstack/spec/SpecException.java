package io.monstack.spec;

import java.util.List;

/** The spec (file or flags) is wrong; the message names where and what was expected. */
public class SpecException extends RuntimeException {
    private final List<String> problems;

    public SpecException(String message) {
        this(List.of(message));
    }

    public SpecException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

package io.monstack.check;

import java.util.List;

/**
 * One thing {@code monstack check} found: what it is about, why it happens and what to type.
 *
 * @param area the part of the stack (targets, panels, rules, Grafana)
 * @param severity a problem fails the check (exit 5); a note does not
 * @param subject what it is about: a job, "dashboard / panel", a rule, "grafana"
 * @param cause what is wrong and why, one line
 * @param fix what to do, one line; null when there is nothing to type
 * @param snippet lines to paste (e.g. the compose lines that join the stack's network); may be empty
 */
public record Finding(Area area, Severity severity, String subject, String cause, String fix, List<String> snippet) {
    public enum Area { PROMETHEUS, TARGETS, PANELS, RULES, GRAFANA }

    public enum Severity { PROBLEM, NOTE }

    public Finding {
        snippet = snippet == null ? List.of() : List.copyOf(snippet);
    }

    public static Finding problem(Area area, String subject, String cause, String fix) {
        return new Finding(area, Severity.PROBLEM, subject, cause, fix, List.of());
    }

    public static Finding note(Area area, String subject, String cause, String fix) {
        return new Finding(area, Severity.NOTE, subject, cause, fix, List.of());
    }

    public Finding withSnippet(List<String> lines) {
        return new Finding(area, severity, subject, cause, fix, lines);
    }

    public boolean isProblem() {
        return severity == Severity.PROBLEM;
    }
}

package io.monstack.spec;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One thing wrong with the spec, at a path like {@code targets[2].scrapeInterval}. */
public record Problem(String path, String message) {
    /** targets[N] or targets[N].path.in.target */
    private static final Pattern TARGET_PATH = Pattern.compile("^targets\\[(\\d+)](?:\\.(.+))?$");

    /** The top-level section the problem is in (null: the spec as a whole). */
    public SpecSection section() {
        return SpecSection.of(path);
    }

    /** The target setting the problem is about, when it is about one setting of a target; else null. */
    public TargetSetting setting() {
        String inTarget = pathInTarget();
        return inTarget == null ? null : TargetSetting.bySpecPath(inTarget);
    }

    /** The index of the target the problem is in (targets[N]...), or -1 when it is not in one. */
    public int targetIndex() {
        Matcher m = TARGET_PATH.matcher(path);
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** Where in its target the problem is (scrapeInterval, exporter.address), or null: not in a target, or the whole one. */
    public String pathInTarget() {
        Matcher m = TARGET_PATH.matcher(path);
        return m.matches() ? m.group(2) : null;
    }

    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}

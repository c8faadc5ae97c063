package io.monstack.spec;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One thing wrong with the spec, at a path like {@code targets[2].scrapeInterval}. */
public record Problem(String path, String message) {
    private static final Pattern TARGET_PATH = Pattern.compile("^targets\\[(\\d+)]\\.(.+)$");

    /** The top-level section the problem is in (null: the spec as a whole). */
    public SpecSection section() {
        return SpecSection.of(path);
    }

    /** The target setting the problem is about, when it is about one setting of a target; else null. */
    public TargetSetting setting() {
        Matcher m = TARGET_PATH.matcher(path);
        return m.matches() ? TargetSetting.bySpecPath(m.group(2)) : null;
    }

    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}

package io.monstack.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Appends items to the block list under the top-level `targets:` key of a monstack.yml text,
 * leaving every other line (comments included) as it is. Returns null for a layout it does not
 * handle (no block list there, e.g. `targets: []`); the caller then rewrites the whole file.
 */
final class SpecTextAppender {
    private static final Pattern TARGETS_KEY = Pattern.compile("^targets:\\s*(#.*)?$");
    private static final Pattern TOP_LEVEL = Pattern.compile("^[^\\s#-].*");
    private static final Pattern ITEM = Pattern.compile("^(\\s*)- .*");

    private SpecTextAppender() {
    }

    /** itemsYaml: the new items as a block list at column 0 ("- name: ...\n  runtime: ..."). */
    static String append(String text, String itemsYaml) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int key = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (TARGETS_KEY.matcher(lines.get(i)).matches()) {
                key = i;
                break;
            }
        }
        if (key < 0) {
            return null;
        }
        int end = lines.size();
        String indent = null;
        int lastContent = key;
        for (int i = key + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (TOP_LEVEL.matcher(line).matches()) {
                end = i;
                break;
            }
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            var item = ITEM.matcher(line);
            if (indent == null) {
                if (!item.matches()) {
                    return null;
                }
                indent = item.group(1);
            }
            lastContent = i;
        }
        if (indent == null) {
            return null; // an empty block: let the full rewrite lay it out
        }
        List<String> added = new ArrayList<>();
        for (String line : itemsYaml.split("\n")) {
            if (!line.isEmpty()) {
                added.add(indent + line);
            }
        }
        lines.addAll(Math.min(lastContent + 1, end), added);
        return String.join("\n", lines);
    }
}

package io.monstack.output;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Everything a run would do to the stack folder, computed before anything is written. */
public record Plan(List<PlannedFile> files) {
    public Plan {
        files = List.copyOf(files);
    }

    public List<PlannedFile> with(FileAction action) {
        return files.stream().filter(f -> f.action() == action).toList();
    }

    public boolean hasConflicts() {
        return files.stream().anyMatch(f -> f.action() == FileAction.CONFLICT);
    }

    public Map<FileAction, Integer> counts() {
        Map<FileAction, Integer> counts = new EnumMap<>(FileAction.class);
        files.forEach(f -> counts.merge(f.action(), 1, Integer::sum));
        return counts;
    }
}

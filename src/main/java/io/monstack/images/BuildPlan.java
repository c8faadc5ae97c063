package io.monstack.images;

import io.monstack.render.ShellQuote;
import io.monstack.spec.StackSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything build-images will run, computed before anything runs: the images (in build order)
 * and the exact command lines, as a user could type them.
 */
public record BuildPlan(StackSpec spec, ImageBuildOptions options, List<ImageJob> jobs,
                        List<List<String>> buildCommands, List<List<String>> pushCommands) {
    public BuildPlan {
        jobs = List.copyOf(jobs);
        buildCommands = buildCommands.stream().map(List::copyOf).toList();
        pushCommands = pushCommands.stream().map(List::copyOf).toList();
    }

    /** Every command in the order it runs: all builds, then all pushes. */
    public List<List<String>> commands() {
        List<List<String>> all = new ArrayList<>(buildCommands);
        all.addAll(pushCommands);
        return all;
    }

    /** The commands as shell lines (quoted where needed), for --dry-run and messages. */
    public List<String> shellLines() {
        return commands().stream().map(ShellQuote::join).toList();
    }
}

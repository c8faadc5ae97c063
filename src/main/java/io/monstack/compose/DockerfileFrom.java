package io.monstack.compose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The image a built service runs on: the last stage's FROM of its Dockerfile (following stage
 * names back to an image), for the image-name hints when the service has no image: of its own.
 * Only a local build context is read; a Git or URL context, a missing file or FROM ${BASE} gives none.
 */
final class DockerfileFrom {
    private static final long MAX_BYTES = 1024 * 1024;

    private DockerfileFrom() {
    }

    /** build: as the compose file says it (a context path, or {context, dockerfile}); null when there is none to read. */
    static String of(ComposeNode build, Path projectDir, String what, List<String> notes) {
        if (build == null) {
            return null;
        }
        String context = null;
        String dockerfile = "Dockerfile";
        if (build instanceof ComposeNode.Scalar s) {
            context = s.value();
        } else if (build instanceof ComposeNode.Mapping m) {
            context = m.get("context") instanceof ComposeNode.Scalar c ? c.value() : ".";
            if (m.get("dockerfile") instanceof ComposeNode.Scalar f && f.value() != null) {
                dockerfile = f.value();
            }
            if (m.get("dockerfile_inline") instanceof ComposeNode.Scalar inline && inline.value() != null) {
                return lastFrom(inline.value());
            }
        }
        if (context == null || context.contains("://") || context.startsWith("git@")) {
            return null;
        }
        Path file = projectDir.resolve(context).resolve(dockerfile).normalize();
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
                return null;
            }
            return lastFrom(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            notes.add(what + ": cannot read " + file + " for its base image: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
            return null;
        }
    }

    /** The image of the last FROM, through stage names (FROM base AS app ... FROM app); null for FROM ${ARG} or scratch. */
    static String lastFrom(String dockerfile) {
        Map<String, String> stages = new HashMap<>();
        String last = null;
        for (String raw : dockerfile.split("\n")) {
            String[] words = raw.strip().split("\\s+");
            if (words.length < 2 || !words[0].equalsIgnoreCase("FROM")) {
                continue;
            }
            int i = 1;
            while (i < words.length && words[i].startsWith("--")) {
                i++;
            }
            if (i >= words.length) {
                continue;
            }
            String image = words[i].toLowerCase(Locale.ROOT);
            image = stages.getOrDefault(image, image);
            if (i + 2 < words.length && words[i + 1].equalsIgnoreCase("AS")) {
                stages.put(words[i + 2].toLowerCase(Locale.ROOT), image);
            }
            last = image;
        }
        if (last != null && last.contains("$")) {
            // FROM node:${NODE_VERSION}: the repository still says what runs; FROM ${BASE} says nothing
            int colon = last.lastIndexOf(':');
            boolean onlyTheTag = colon > last.lastIndexOf('/') && last.substring(0, colon).indexOf('$') < 0;
            last = onlyTheTag ? last.substring(0, colon) : null;
        }
        return last == null || last.equals("scratch") ? null : last;
    }
}

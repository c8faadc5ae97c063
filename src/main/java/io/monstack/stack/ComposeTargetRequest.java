package io.monstack.stack;

import io.monstack.compose.ComposeImport;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import io.monstack.spec.TargetDraft;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * add-target --compose FILE SERVICE, as the command read it.
 *
 * @param files the app's compose files, merged in order
 * @param service the service to add
 * @param given what the target flags said (they win over the file; filled in with what was found)
 * @param probeContainers --probe without a URL: read the service's running containers
 * @param probeUrl --probe URL: read this page (null: none)
 * @param asking a wizard asks for what is open ({@link Dialog#ask})
 * @param env the environment Compose would see
 */
public record ComposeTargetRequest(List<Path> files, String service, TargetDraft given, boolean probeContainers, String probeUrl,
        boolean asking, Map<String, String> env) {
    public ComposeTargetRequest {
        files = List.copyOf(files);
        env = Map.copyOf(env);
    }

    /** What the command does between reading the files and writing: report what was found, and ask what is open. */
    public interface Dialog {
        /** What the import found, before anything is asked or written. */
        void found(ComposeImport found);

        /** The target, with what the draft leaves open asked; stack: the stack with the service's networks joined. */
        Target ask(StackSpec stack, TargetDraft draft);
    }
}

package io.monstack.generate;

import io.monstack.render.TemplateRenderer;
import java.util.List;

/** stack.yaml, for `docker stack deploy`, when the spec says platform: swarm. */
final class SwarmFiles implements StackGenerator.Contributor {
    static final String STACK_FILE = "stack.yaml";

    @Override
    public List<GeneratedFile> files(StackModel model, TemplateRenderer renderer) {
        if (!model.spec().deploy().isSwarm()) {
            return List.of();
        }
        return List.of(new GeneratedFile(STACK_FILE, renderer.render("stack.yaml.ftl", model.templateModel())));
    }
}

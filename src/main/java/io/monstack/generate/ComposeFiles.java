package io.monstack.generate;

import io.monstack.render.TemplateRenderer;
import java.util.List;

/** compose.yaml, which builds and runs the two images, and the stack's .gitignore. */
final class ComposeFiles implements StackGenerator.Contributor {
    @Override
    public List<GeneratedFile> files(StackModel model, TemplateRenderer renderer) {
        return List.of(
                new GeneratedFile("compose.yaml", renderer.render("compose.yaml.ftl", model.templateModel())),
                new GeneratedFile(".gitignore", renderer.render("gitignore.ftl", model.templateModel())));
    }
}

package io.monstack.generate;

import io.monstack.render.TemplateRenderer;
import java.util.ArrayList;
import java.util.List;

/** compose.yaml, which builds and runs the images, the stack's .gitignore, and Alertmanager's build context when alerting is on. */
final class ComposeFiles implements StackGenerator.Contributor {
    @Override
    public List<GeneratedFile> files(StackModel model, TemplateRenderer renderer) {
        List<GeneratedFile> files = new ArrayList<>();
        if (!model.spec().deploy().isSwarm()) { // a swarm stack has stack.yaml instead (SwarmFiles)
            files.add(new GeneratedFile("compose.yaml", renderer.render("compose.yaml.ftl", model.templateModel())));
        }
        files.add(new GeneratedFile(".gitignore", renderer.render("gitignore.ftl", model.templateModel())));
        files.addAll(AlertingFiles.alertmanagerFiles(model, renderer));
        return files;
    }
}

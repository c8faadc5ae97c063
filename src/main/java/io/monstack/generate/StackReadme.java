package io.monstack.generate;

import io.monstack.render.TemplateRenderer;
import java.util.List;
import java.util.Map;

/** README.md of the generated stack: how to run it, where to look, what to merge into the engine. */
final class StackReadme implements StackGenerator.Contributor {
    @Override
    public List<GeneratedFile> files(StackModel model, TemplateRenderer renderer) {
        Map<String, Object> m = model.templateModel();
        m.put("dashboards", DashboardFiles.titles(model));
        return List.of(new GeneratedFile("README.md", renderer.render("README.md.ftl", m)));
    }
}

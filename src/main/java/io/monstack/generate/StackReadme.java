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
        m.put("nextSteps", NextSteps.of(model.spec()));
        if (model.spec().alerting().enabled()) {
            m.put("alertSummary", AlertRules.summary(model.spec()));
            m.put("bySeverity", model.spec().alerting().receiversBySeverity());
            m.put("overrides", model.spec().targets().stream().filter(t -> !t.alerts().isEmpty()).toList());
        }
        return List.of(new GeneratedFile("README.md", renderer.render("README.md.ftl", m)));
    }
}

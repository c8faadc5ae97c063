package io.monstack.generate;

import io.monstack.render.TemplateRenderer;
import java.util.ArrayList;
import java.util.List;

/** prometheus/prometheus.yml (+ the alerting rule files) and the Dockerfile that bakes them into an image. */
final class PrometheusFiles implements StackGenerator.Contributor {
    @Override
    public List<GeneratedFile> files(StackModel model, TemplateRenderer renderer) {
        List<GeneratedFile> files = new ArrayList<>(List.of(
                new GeneratedFile("prometheus/prometheus.yml", renderer.render("prometheus/prometheus.yml.ftl", model.templateModel())),
                new GeneratedFile("prometheus/Dockerfile", renderer.render("prometheus/Dockerfile.ftl", model.templateModel()))));
        files.addAll(AlertingFiles.ruleFiles(model, renderer));
        return files;
    }
}

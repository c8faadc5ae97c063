package io.monstack.generate;

import io.monstack.render.TemplateRenderer;
import java.util.List;

/** prometheus/prometheus.yml and the Dockerfile that bakes it into an image. */
final class PrometheusFiles implements StackGenerator.Contributor {
    @Override
    public List<GeneratedFile> files(StackModel model, TemplateRenderer renderer) {
        return List.of(
                new GeneratedFile("prometheus/prometheus.yml", renderer.render("prometheus/prometheus.yml.ftl", model.templateModel())),
                new GeneratedFile("prometheus/Dockerfile", renderer.render("prometheus/Dockerfile.ftl", model.templateModel())));
    }
}

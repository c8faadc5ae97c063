package io.monstack.generate;

import io.monstack.render.TemplateRenderer;
import java.util.List;

/** Grafana's datasource and dashboard-provider provisioning, and its Dockerfile. */
final class GrafanaFiles implements StackGenerator.Contributor {
    static final String DATASOURCE = "grafana/provisioning/datasources/prometheus.yml";
    static final String PROVIDER = "grafana/provisioning/dashboards/monstack.yml";

    @Override
    public List<GeneratedFile> files(StackModel model, TemplateRenderer renderer) {
        return List.of(
                new GeneratedFile(DATASOURCE, renderer.render(DATASOURCE + ".ftl", model.templateModel())),
                new GeneratedFile(PROVIDER, renderer.render(PROVIDER + ".ftl", model.templateModel())),
                new GeneratedFile("grafana/Dockerfile", renderer.render("grafana/Dockerfile.ftl", model.templateModel())));
    }
}

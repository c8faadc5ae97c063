package io.monstack.generate;

import io.monstack.render.TemplateRenderer;
import io.monstack.spec.StackSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * spec -> every file of the stack. Pure: no I/O, no clock, no randomness, so the same spec
 * always renders the same bytes (secrets are created by the output layer, not here).
 */
public final class StackGenerator {
    private final TemplateRenderer renderer = new TemplateRenderer();
    private final List<Contributor> contributors = List.of(
            new PrometheusFiles(), new GrafanaFiles(), new DashboardFiles(), new DockerEngineFiles(),
            new ComposeFiles(), new SwarmFiles(), new StackReadme());

    public List<GeneratedFile> generate(StackSpec spec) {
        StackModel model = new StackModel(spec);
        List<GeneratedFile> files = new ArrayList<>();
        for (Contributor c : contributors) {
            files.addAll(c.files(model, renderer));
        }
        files.sort(Comparator.comparing(GeneratedFile::path));
        return files;
    }

    /** One artifact of the stack (Prometheus config, Grafana provisioning, dashboards, ...). */
    interface Contributor {
        List<GeneratedFile> files(StackModel model, TemplateRenderer renderer);
    }
}

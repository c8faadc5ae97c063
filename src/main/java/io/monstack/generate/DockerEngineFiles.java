package io.monstack.generate;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monstack.render.TemplateRenderer;
import io.monstack.spec.DockerEngine;
import java.util.List;

/** docker/daemon.json: the snippet to merge into the engine's config so it serves metrics. */
final class DockerEngineFiles implements StackGenerator.Contributor {
    @Override
    public List<GeneratedFile> files(StackModel model, TemplateRenderer renderer) {
        if (!model.spec().dockerEngine().enabled()) {
            return List.of();
        }
        return List.of(new GeneratedFile("docker/daemon.json", Json.pretty(snippet(model.spec().dockerEngine()))));
    }

    /** Engines since 20.10 need only metrics-addr; older ones also needed experimental. */
    static ObjectNode snippet(DockerEngine engine) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("metrics-addr", engine.metricsAddr());
        if (engine.experimental()) {
            node.put("experimental", true);
        }
        return node;
    }
}

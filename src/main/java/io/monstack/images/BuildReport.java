package io.monstack.images;

import java.util.List;

/** What build-images did: the plan, and for a real run the engine's version and the built images. */
public record BuildReport(BuildPlan plan, boolean dryRun, String engineVersion, List<BuiltImage> images, boolean pushed) {
    public BuildReport {
        images = List.copyOf(images);
    }
}

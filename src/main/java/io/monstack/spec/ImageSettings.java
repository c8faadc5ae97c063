package io.monstack.spec;

/** How the stack's own images are named: [registry/]stack/prometheus:tag. Registry may be empty. */
public record ImageSettings(String registry, String tag) {
    public static ImageSettings defaults() {
        return new ImageSettings("", "latest");
    }

    public String imageName(String stackName, String component) {
        String prefix = registry.isEmpty() ? "" : (registry.endsWith("/") ? registry : registry + "/");
        return prefix + stackName + "/" + component + ":" + tag;
    }
}

package io.monstack.images;

import java.nio.file.Path;

/** One image to build: the component (prometheus, grafana), its full name and its build context. */
public record ImageJob(String component, String image, Path context) {
    /** The image name without its tag: [registry/]stack/component. */
    public String repository() {
        return image.substring(0, tagSeparator());
    }

    public String tag() {
        return image.substring(tagSeparator() + 1);
    }

    private int tagSeparator() {
        int colon = image.lastIndexOf(':');
        if (colon < 0 || colon < image.lastIndexOf('/')) {
            throw new IllegalStateException("image name without a tag: " + image);
        }
        return colon;
    }
}

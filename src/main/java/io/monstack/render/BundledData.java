package io.monstack.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads data files shipped in the jar under /templates (presets, panel sets). */
public final class BundledData {
    private BundledData() {
    }

    public static String text(String path) {
        try (InputStream in = BundledData.class.getResourceAsStream("/templates/" + path)) {
            if (in == null) {
                throw new IllegalStateException("bundled file templates/" + path + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, Object> yaml(String path) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        return yaml.load(text(path));
    }
}

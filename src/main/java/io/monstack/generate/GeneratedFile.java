package io.monstack.generate;

import java.nio.charset.StandardCharsets;

/** One file of the rendered stack: a path relative to the stack folder and its full content. */
public record GeneratedFile(String path, String content) {
    public byte[] bytes() {
        return content.getBytes(StandardCharsets.UTF_8);
    }
}

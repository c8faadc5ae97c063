package io.monstack.images;

import java.util.List;

/** An image that was built (and maybe pushed), as the engine reports it. */
public record BuiltImage(String component, String repository, String tag, String id, long sizeBytes, List<String> repoDigests) {
    public BuiltImage {
        repoDigests = List.copyOf(repoDigests);
    }

    /** The image ID without "sha256:", cut to 12 characters like `docker images` shows it. */
    public String shortId() {
        String hex = id.startsWith("sha256:") ? id.substring(7) : id;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }

    /** The registry digest of this repository (after a push), or "-" when there is none. */
    public String digest() {
        for (String d : repoDigests) {
            int at = d.indexOf('@');
            if (at > 0 && sameRepository(d.substring(0, at))) {
                return d.substring(at + 1);
            }
        }
        return "-";
    }

    /** Size as the docker CLI shows it (decimal units). */
    public String humanSize() {
        double v = sizeBytes;
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return u == 0 ? sizeBytes + " B" : String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }

    private boolean sameRepository(String name) {
        // Podman prefixes local names with localhost/; docker.io may be implied.
        return name.equals(repository) || name.endsWith("/" + repository);
    }
}

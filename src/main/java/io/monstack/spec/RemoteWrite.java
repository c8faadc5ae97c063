package io.monstack.spec;

/**
 * One central Prometheus-compatible store that Prometheus sends every sample to (remote_write).
 * Credentials never appear in monstack.yml, prometheus.yml or an image: basicAuth.passwordFile
 * and bearerTokenFile are files on the host that runs compose / stack deploy, mounted into
 * Prometheus as secrets under /run/secrets/, which prometheus.yml names (password_file,
 * authorization.credentials_file). name is optional: it names the queue in Prometheus' own
 * metrics and the secret.
 */
public record RemoteWrite(String url, String name, BasicAuth basicAuth, String bearerTokenFile) {

    public record BasicAuth(String username, String passwordFile) {
    }

    public RemoteWrite(String url) {
        this(url, null, null, null);
    }

    /** The host file holding this store's credential, or null when it needs none. */
    public String secretFile() {
        if (basicAuth != null) {
            return basicAuth.passwordFile();
        }
        return bearerTokenFile;
    }

    /** The secret's name (and file name under /run/secrets/); index is this entry's position, from 0. */
    public String secretName(int index) {
        String base = name != null ? "remote-write-" + name : "remote-write-" + (index + 1);
        return base + (basicAuth != null ? "-password" : "-token");
    }

    public String secretPath(int index) {
        return AlertReceiver.SECRETS_DIR + secretName(index);
    }
}

package io.monstack.spec;

import java.util.List;

/**
 * Where Alertmanager sends the alerts of the given severities: exactly one of email, slack or
 * webhook. Credentials are never in monstack.yml or any image: they are files on the host
 * (passwordFile, apiUrlFile, urlFile), mounted into the Alertmanager container as compose
 * secrets under /run/secrets/.
 */
public record AlertReceiver(String name, List<String> severities, boolean sendResolved,
                            Email email, Slack slack, Webhook webhook) {
    public static final List<String> DEFAULT_SEVERITIES = List.of("critical", "warning");
    public static final String SECRETS_DIR = "/run/secrets/";

    public AlertReceiver {
        severities = severities == null || severities.isEmpty() ? DEFAULT_SEVERITIES : List.copyOf(severities);
    }

    /** SMTP: the password (if the server needs one) is read from passwordFile. requireTls null: Alertmanager's default (true). */
    public record Email(String to, String from, String smarthost, String username, String passwordFile, Boolean requireTls) {
    }

    /** A Slack incoming webhook; its URL is the credential, read from apiUrlFile. */
    public record Slack(String channel, String apiUrlFile) {
    }

    /** A generic webhook: url in the clear, or (Alertmanager 0.26+) read from urlFile when the URL holds a token. */
    public record Webhook(String url, String urlFile) {
    }

    public String kind() {
        return email != null ? "email" : slack != null ? "slack" : webhook != null ? "webhook" : "none";
    }

    /** The host file holding this receiver's credential, or null when it has none. */
    public String secretFile() {
        if (email != null) {
            return email.passwordFile();
        }
        if (slack != null) {
            return slack.apiUrlFile();
        }
        return webhook != null ? webhook.urlFile() : null;
    }

    /** The compose secret's name (and file name under /run/secrets/) for this receiver's credential. */
    public String secretName() {
        return name + switch (kind()) {
            case "email" -> "-smtp-password";
            case "slack" -> "-slack-url";
            default -> "-webhook-url";
        };
    }

    public String secretPath() {
        return SECRETS_DIR + secretName();
    }
}

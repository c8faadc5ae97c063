package io.monstack.spec;

import java.util.HashSet;
import java.util.Set;

/**
 * The rules of alerting: Alertmanager settings, receivers (whose credentials are host files,
 * never in a build context), thresholds and custom-metric alerts.
 */
final class AlertingChecks {
    private final SpecValidator v;

    AlertingChecks(SpecValidator v) {
        this.v = v;
    }

    void alerting(StackSpec spec) {
        AlertingSettings a = spec.alerting();
        v.checkImage("alerting.image", a.image());
        v.checkPort("alerting.port", a.port());
        if (a.enabled() && (a.port() == spec.prometheus().port() || a.port() == spec.grafana().port())) {
            v.add("alerting.port", "Alertmanager cannot publish port " + a.port() + ": Prometheus or Grafana publishes it already");
        }
        v.checkDuration("alerting.groupWait", a.groupWait(), true);
        v.checkDuration("alerting.groupInterval", a.groupInterval(), true);
        v.checkDuration("alerting.repeatInterval", a.repeatInterval(), true);
        thresholds(a.defaults(), "alerting.defaults", null);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < a.receivers().size(); i++) {
            AlertReceiver r = a.receivers().get(i);
            String at = "alerting.receivers[" + i + "]";
            if (r.name() == null || !SpecRules.RECEIVER_NAME.matcher(r.name()).matches()) {
                v.add(at + ".name", "receiver name " + SpecValidator.show(r.name()) + " must be lowercase letters, digits, '-' or '_', "
                        + "starting with a letter or digit, at most 40 characters");
            } else if (!names.add(r.name())) {
                v.add(at + ".name", "receiver \"" + r.name() + "\" is listed twice");
            }
            for (String severity : r.severities()) {
                if (!MetricAlert.SEVERITIES.contains(severity)) {
                    v.add(at + ".severities", "severity " + SpecValidator.show(severity) + " must be one of " + String.join(", ", MetricAlert.SEVERITIES));
                }
            }
            int kinds = (r.email() != null ? 1 : 0) + (r.slack() != null ? 1 : 0) + (r.webhook() != null ? 1 : 0);
            if (kinds != 1) {
                v.add(at, "give exactly one of email, slack or webhook (add another receiver for a second one)");
                continue;
            }
            if (r.email() != null) {
                email(r.email(), at + ".email");
            } else if (r.slack() != null) {
                if (r.slack().channel() == null || !SpecRules.SLACK_CHANNEL.matcher(r.slack().channel()).matches()) {
                    v.add(at + ".slack.channel", "Slack channel " + SpecValidator.show(r.slack().channel()) + " must look like #alerts or @user");
                }
                if (r.slack().apiUrlFile() == null) {
                    v.add(at + ".slack.apiUrlFile", "is required: the file on this host that holds the Slack webhook URL (it is a credential)");
                } else {
                    v.checkSecretFile(at + ".slack.apiUrlFile", r.slack().apiUrlFile());
                }
            } else {
                AlertReceiver.Webhook w = r.webhook();
                if ((w.url() == null) == (w.urlFile() == null)) {
                    v.add(at + ".webhook", "give either url or urlFile (a file holding the URL, when it carries a token)");
                }
                if (w.url() != null && !SpecRules.HTTP_URL.matcher(w.url()).matches()) {
                    v.add(at + ".webhook.url", SpecValidator.show(w.url()) + " must be an http:// or https:// URL without spaces, quotes or braces");
                }
                if (w.urlFile() != null) {
                    v.checkSecretFile(at + ".webhook.urlFile", w.urlFile());
                    int minor = a.minorVersion();
                    if (minor >= 0 && minor < 26) {
                        v.add(at + ".webhook.urlFile", "needs Alertmanager 0.26 or newer; the pinned image " + a.image()
                                + " does not know url_file (use url, or pin a newer image)");
                    }
                }
            }
        }
        Set<String> secrets = new HashSet<>();
        for (AlertReceiver r : a.receivers()) {
            if (r.name() != null && r.secretFile() != null && !secrets.add(r.secretName())) {
                v.add("alerting.receivers", "two receivers would use the secret name \"" + r.secretName() + "\"; rename one");
            }
        }
    }

    private void email(AlertReceiver.Email e, String at) {
        if (e.to() == null || !SpecRules.EMAIL_LIST.matcher(e.to()).matches()) {
            v.add(at + ".to", SpecValidator.show(e.to()) + " must be one or more e-mail addresses, comma-separated");
        }
        if (e.from() == null || !SpecRules.EMAIL.matcher(e.from()).matches()) {
            v.add(at + ".from", SpecValidator.show(e.from()) + " must be an e-mail address");
        }
        String hostPort = e.smarthost();
        String problem = hostPort == null ? "is required (host:port of the SMTP server, e.g. smtp.example.com:587)"
                : hostPort.lastIndexOf(':') <= hostPort.lastIndexOf(']') ? "needs a port (e.g. smtp.example.com:587)"
                : SpecRules.checkHostPort(hostPort);
        if (problem != null) {
            v.add(at + ".smarthost", (hostPort == null ? "" : SpecValidator.show(hostPort) + " ") + problem);
        }
        if (e.username() != null && (e.username().isEmpty() || SpecRules.hasControlCharacters(e.username(), false)
                || e.username().length() > 256)) {
            v.add(at + ".username", "user name must be one line of at most 256 characters");
        }
        if (e.passwordFile() != null) {
            v.checkSecretFile(at + ".passwordFile", e.passwordFile());
            if (e.username() == null) {
                v.add(at + ".username", "is required with passwordFile (SMTP authentication needs both)");
            }
        }
    }

    /** family: the target's runtime family, whose alerts alone take a runtime threshold (null for the stack's defaults). */
    void thresholds(AlertThresholds t, String at, String family) {
        v.checkDuration(at + ".for", t.forDuration(), false);
        v.checkDuration(at + ".downFor", t.downFor(), false);
        ratio(at + ".scrapeSlowRatio", t.scrapeSlowRatio());
        ratio(at + ".scrapeFailureRatio", t.scrapeFailureRatio());
        t.runtime().forEach((key, value) -> {
            RuntimeFamily.ThresholdDef def = RuntimeCatalog.thresholds().get(key);
            if (def == null) {
                v.add(at, "unknown alert setting " + SpecValidator.show(key) + "; the settings are "
                        + String.join(", ", AlertThresholds.COMMON_KEYS) + ", " + String.join(", ", RuntimeCatalog.thresholds().keySet()));
                return;
            }
            String problem = def.type().problem(value);
            if (problem != null) {
                v.add(at + "." + key, problem);
            }
            RuntimeFamily owner = RuntimeCatalog.familyOfThreshold(key);
            if (family != null && !owner.id().equals(family)) {
                v.add(at + "." + key, "applies to " + owner.label() + " runtimes only ("
                        + String.join(", ", RuntimeCatalog.runtimesOf(owner.id())) + ")");
            }
        });
    }

    private void ratio(String at, Double ratio) {
        if (ratio != null && !(ratio > 0 && ratio <= 1)) {
            v.add(at, "must be a ratio above 0 and at most 1, e.g. 0.9");
        }
    }

    /** interval: the job's scrape interval, which a counter's rate window must span twice (two samples at least). */
    void metricAlert(CustomMetric m, String here, String interval) {
        MetricAlert a = m.alert();
        if (m.type() == MetricType.HISTOGRAM || m.type() == MetricType.SUMMARY) {
            v.add(here, "alerts are for counters (rate) and gauges (value); a " + m.type().id() + " has none");
            return;
        }
        if (a.above() == null && a.below() == null) {
            v.add(here, "give above and/or below (the threshold)");
        }
        if (a.above() != null && a.below() != null && a.below() >= a.above()) {
            v.add(here + ".below", "below " + a.below() + " must be less than above " + a.above());
        }
        v.checkDuration(here + ".for", a.forDuration(), false);
        v.checkDuration(here + ".window", a.window(), false);
        if (a.window() != null && m.type() != MetricType.COUNTER) {
            v.add(here + ".window", "is the rate window of a counter; a gauge's value is compared as it is");
        } else if (Durations.isValid(a.window()) && Durations.isValid(interval)
                && Durations.toMillis(a.window()) < 2 * Durations.toMillis(interval)) {
            v.add(here + ".window", "window " + a.window() + " holds fewer than two scrapes of this job (every " + interval
                    + "), so rate() has nothing to compute; make it at least " + Durations.format(2 * Durations.toMillis(interval))
                    + " (4 scrapes, " + Durations.format(4 * Durations.toMillis(interval)) + ", is safer)");
        }
        if (!MetricAlert.SEVERITIES.contains(a.severity())) {
            v.add(here + ".severity", "severity " + SpecValidator.show(a.severity()) + " must be one of " + String.join(", ", MetricAlert.SEVERITIES));
        }
    }
}

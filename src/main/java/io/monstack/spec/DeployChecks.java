package io.monstack.spec;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of platform/swarm, remoteWrite, externalLabels and grafana.datasourceUrl: what
 * `docker stack deploy` and Prometheus' remote_write accept, and that no credential is ever
 * written into a generated file.
 */
final class DeployChecks {
    /** A docker label key, optionally =value: what `--filter label=...` takes. */
    static final Pattern SCRAPE_LABEL = Pattern.compile("^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,126}[A-Za-z0-9])?(?:=[A-Za-z0-9._-]{1,128})?$");
    static final Pattern CPUS = Pattern.compile("^(?:0|[1-9]\\d{0,2})(?:\\.\\d{1,3})?$");
    static final Pattern MEMORY = Pattern.compile("^[1-9]\\d{0,5}(?:[kKmMgG][bB]?)?$");
    static final Pattern QUEUE_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$");

    private final SpecValidator v;

    private DeployChecks(SpecValidator v) {
        this.v = v;
    }

    static void check(StackSpec spec, SpecValidator v) {
        DeployChecks c = new DeployChecks(v);
        c.deploy(spec);
        c.remote(spec.remote());
        c.datasource(spec.grafana());
    }

    private void deploy(StackSpec spec) {
        DeploySettings d = spec.deploy();
        if (!SCRAPE_LABEL.matcher(d.scrapeLabel()).matches()) {
            v.add("swarm.scrapeLabel", SpecValidator.show(d.scrapeLabel()) + " must be a label key, optionally =value, "
                    + "e.g. prometheus.monstack.scrape=true");
        }
        resources("swarm.resources.prometheus", d.prometheusResources());
        resources("swarm.resources.grafana", d.grafanaResources());
        if (!d.isSwarm()) {
            return;
        }
        if (spec.images().registry() == null || spec.images().registry().isEmpty()) {
            v.add("images.registry", "is required on swarm: every node pulls the stack's images from it (stack deploy builds "
                    + "nothing); set it (init --registry registry.example.com:5000/team) and push with `monstack build-images --push`");
        }
        if (d.dockerSwarmDiscovery()) {
            for (int i = 0; i < spec.targets().size(); i++) {
                Target t = spec.targets().get(i);
                if (t.usesDns() && t.dns().port() == null) {
                    v.add("targets[" + i + "].dns", "swarm.discovery dockerswarm scrapes each task of the service at dns.port: "
                            + "give type A and the port");
                }
            }
        }
        DockerEngine e = spec.dockerEngine();
        if (e.enabled() && e.metricsAddr() != null && e.metricsAddr().contains(":") && !e.exposedToNetwork()) {
            v.add("dockerEngine.metricsAddr", "on swarm Prometheus reaches each node's engine at the node's swarm address, "
                    + "so metrics-addr must listen there: use 0.0.0.0:" + e.metricsAddr().substring(e.metricsAddr().lastIndexOf(':') + 1)
                    + " (and firewall the port)");
        }
    }

    private void resources(String at, DeploySettings.Resources r) {
        if (r.cpus() == null || !CPUS.matcher(r.cpus()).matches() || Double.parseDouble(r.cpus()) <= 0) {
            v.add(at + ".cpus", SpecValidator.show(r.cpus()) + " must be a number of CPUs above 0, e.g. 0.5 or 2");
        }
        if (r.memory() == null || !MEMORY.matcher(r.memory()).matches()) {
            v.add(at + ".memory", SpecValidator.show(r.memory()) + " must be a size such as 512M or 2G");
        }
    }

    private void remote(RemoteStorage remote) {
        Set<String> urls = new HashSet<>();
        Set<String> names = new HashSet<>();
        Set<String> secrets = new HashSet<>();
        List<RemoteWrite> stores = remote.remoteWrite();
        for (int i = 0; i < stores.size(); i++) {
            RemoteWrite w = stores.get(i);
            String at = "remoteWrite[" + i + "]";
            String problem = urlProblem(w.url());
            if (problem != null) {
                v.add(at + ".url", problem);
            } else if (!urls.add(w.url())) {
                v.add(at + ".url", "is listed twice; Prometheus refuses two identical remote_write entries");
            }
            if (w.name() != null) {
                if (!QUEUE_NAME.matcher(w.name()).matches()) {
                    v.add(at + ".name", SpecValidator.show(w.name()) + " must be letters, digits, '-' or '_', at most 40");
                } else if (!names.add(w.name())) {
                    v.add(at + ".name", "remote write \"" + w.name() + "\" is listed twice");
                }
            }
            if (w.basicAuth() != null && w.bearerTokenFile() != null) {
                v.add(at, "give basicAuth or bearerTokenFile, not both");
            }
            if (w.basicAuth() != null) {
                String user = w.basicAuth().username();
                if (user == null || user.isEmpty() || user.length() > 256 || SpecRules.hasControlCharacters(user, false)) {
                    v.add(at + ".basicAuth.username", "is required: one line of at most 256 characters");
                }
                if (w.basicAuth().passwordFile() == null) {
                    v.add(at + ".basicAuth.passwordFile", "is required: the file on this host that holds the password "
                            + "(monstack mounts it as a secret; the password is never written into a generated file)");
                } else {
                    v.checkSecretFile(at + ".basicAuth.passwordFile", w.basicAuth().passwordFile());
                }
            }
            if (w.bearerTokenFile() != null) {
                v.checkSecretFile(at + ".bearerTokenFile", w.bearerTokenFile());
            }
            if (w.secretFile() != null && (w.name() == null || QUEUE_NAME.matcher(w.name()).matches())
                    && !secrets.add(w.secretName(i))) {
                v.add(at + ".name", "two remote writes would use the secret name \"" + w.secretName(i) + "\"; rename one");
            }
        }
        for (Map.Entry<String, String> e : remote.externalLabels().entrySet()) {
            String name = e.getKey();
            String value = e.getValue();
            if (!SpecRules.LABEL_NAME.matcher(name).matches() || name.startsWith("__")) {
                v.add("externalLabels", "label name " + SpecValidator.show(name) + " must match [a-zA-Z_][a-zA-Z0-9_]* and not start with __");
            }
            if (value == null || value.isEmpty()) {
                v.add("externalLabels." + name, "label value must not be empty");
            } else if (value.length() > SpecRules.MAX_LABEL_VALUE_LENGTH) {
                v.add("externalLabels." + name, "label value is " + value.length() + " characters; at most "
                        + SpecRules.MAX_LABEL_VALUE_LENGTH + " are allowed");
            } else if (SpecRules.hasControlCharacters(value, false)) {
                v.add("externalLabels." + name, "label value must not contain control characters (newlines, tabs, ...)");
            } else if (value.indexOf('$') >= 0) {
                v.add("externalLabels." + name, "label value must not contain '$' (Prometheus 3 expands environment variables there)");
            }
        }
    }

    private void datasource(GrafanaSettings g) {
        if (g.datasourceUrl() != null) {
            String problem = urlProblem(g.datasourceUrl());
            if (problem != null) {
                v.add("grafana.datasourceUrl", problem);
            }
        }
    }

    /** An http(s) URL without credentials in it: a password in a URL would end up in the generated files. */
    static String urlProblem(String url) {
        if (url == null || !SpecRules.HTTP_URL.matcher(url).matches()) {
            return SpecValidator.show(url) + " must be an http:// or https:// URL without spaces, quotes or braces";
        }
        try {
            URI uri = new URI(url);
            if (uri.getRawUserInfo() != null) {
                return "must not carry credentials (user:password@): they would be written into prometheus.yml; "
                        + "use basicAuth.passwordFile or bearerTokenFile";
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                return SpecValidator.show(url) + " has no host";
            }
        } catch (URISyntaxException e) {
            return SpecValidator.show(url) + " is not a URL: " + e.getReason();
        }
        return null;
    }
}

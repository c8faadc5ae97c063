package io.monstack.generate;

import io.monstack.spec.AlertReceiver;
import io.monstack.spec.DeploySettings;
import io.monstack.spec.RemoteWrite;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the templates need to know about where the stack runs (compose or swarm) and what it sends
 * to a central store: derived from the spec once, so prometheus.yml, compose.yaml, stack.yaml and
 * the README agree. Exposed to every template as {@code platform}.
 */
public record PlatformModel(
        boolean swarm,
        boolean dockerSocket,
        boolean dockerSwarmDiscovery,
        boolean hostPublishing,
        String publishMode,
        String scrapeLabel,
        String network,
        List<String> socketReasons,
        List<RemoteWriteEntry> remoteWrites,
        List<Secret> prometheusSecrets,
        List<Secret> secrets,
        Map<String, String> serviceRegex,
        Map<String, List<String>> swarmServices) {

    /** A remote_write entry as prometheus.yml writes it: credentials as container paths under /run/secrets/. */
    public record RemoteWriteEntry(String url, String name, String username, String passwordFile, String credentialsFile) {
    }

    /** A compose/swarm secret: its name (file name under /run/secrets/) and the host file it is read from. */
    public record Secret(String name, String file) {
    }

    public static PlatformModel of(StackSpec spec) {
        DeploySettings d = spec.deploy();
        boolean swarm = d.isSwarm();
        List<String> reasons = new ArrayList<>();
        if (swarm && spec.dockerEngine().enabled()) {
            reasons.add("the Docker engine metrics of every swarm node (role nodes)");
        }
        if (d.dockerSwarmDiscovery() && spec.targets().stream().anyMatch(Target::usesDns)) {
            reasons.add("the services' tasks (swarm.discovery: dockerswarm)");
        }
        List<RemoteWriteEntry> writes = new ArrayList<>();
        List<Secret> prometheusSecrets = new ArrayList<>();
        List<RemoteWrite> stores = spec.remote().remoteWrite();
        for (int i = 0; i < stores.size(); i++) {
            RemoteWrite w = stores.get(i);
            String passwordFile = w.basicAuth() != null ? w.secretPath(i) : null;
            String credentialsFile = w.basicAuth() == null && w.bearerTokenFile() != null ? w.secretPath(i) : null;
            writes.add(new RemoteWriteEntry(w.url(), w.name(), w.basicAuth() != null ? w.basicAuth().username() : null,
                    passwordFile, credentialsFile));
            if (w.secretFile() != null) {
                prometheusSecrets.add(new Secret(w.secretName(i), w.secretFile()));
            }
        }
        List<Secret> all = new ArrayList<>(prometheusSecrets);
        if (spec.alerting().enabled()) {
            for (AlertReceiver r : spec.alerting().withSecrets()) {
                all.add(new Secret(r.secretName(), r.secretFile()));
            }
        }
        Map<String, String> regex = new LinkedHashMap<>();
        Map<String, List<String>> services = new LinkedHashMap<>();
        for (Target t : spec.targets()) {
            if (t.usesDns()) {
                List<String> names = t.dns().names().stream().map(PlatformModel::serviceName).distinct().toList();
                services.put(t.name(), names);
                regex.put(t.name(), "(?:[^_]+_)?(?:" + String.join("|", names.stream().map(n -> n.replace(".", "\\.")).toList()) + ")");
            }
        }
        return new PlatformModel(swarm, swarm && !reasons.isEmpty(), d.dockerSwarmDiscovery(), d.hostPublishing(),
                d.publishMode().id(), d.scrapeLabel(), spec.name() + "-monitoring", reasons, writes, prometheusSecrets, all, regex, services);
    }

    /** tasks.web -> web: the swarm service a tasks.SERVICE name stands for. */
    static String serviceName(String dnsName) {
        String name = dnsName.endsWith(".") ? dnsName.substring(0, dnsName.length() - 1) : dnsName;
        return name.startsWith("tasks.") ? name.substring("tasks.".length()) : name;
    }
}

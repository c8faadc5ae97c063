package io.monstack.stack;

import io.monstack.generate.PlatformModel;
import io.monstack.spec.DeploySettings;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import java.util.ArrayList;
import java.util.List;

/** What init and generate say on stderr about a swarm stack and remote storage: the risks the user takes on. */
final class DeployNotes {
    private DeployNotes() {
    }

    static List<String> of(StackSpec spec) {
        List<String> notes = new ArrayList<>();
        DeploySettings d = spec.deploy();
        PlatformModel platform = PlatformModel.of(spec);
        if (!d.isSwarm()) {
            if (!platform.prometheusSecrets().isEmpty()) {
                notes.add("compose mounts the remote-write credential files "
                        + String.join(", ", platform.prometheusSecrets().stream().map(PlatformModel.Secret::file).toList())
                        + " into Prometheus: create them before `docker compose up`, readable by uid 65534 (see README.md)");
            }
            return notes;
        }
        if (platform.dockerSocket()) {
            notes.add("Prometheus mounts " + DeploySettings.DOCKER_SOCKET + " and runs as root, for "
                    + String.join(" and ", platform.socketReasons())
                    + ": that is root-equivalent control of the Docker engine of the manager it runs on (read_only does not "
                    + "limit the API); anyone who controls the Prometheus container controls that host. Without it: "
                    + "dockerEngine.enabled: false and swarm.discovery: dns (see the stack's README.md)");
        }
        notes.add("on swarm, Prometheus (" + spec.prometheus().port() + ") and Grafana (" + spec.grafana().port()
                + ") are published on every interface of "
                + (d.hostPublishing() ? "the manager that runs them (publishMode host)" : "every node (publishMode ingress)")
                + ": stack deploy cannot bind them to " + spec.publishAddress() + "; firewall those ports");
        if (!d.dockerSwarmDiscovery()) {
            for (Target t : spec.targets()) {
                if (t.usesDns() && "A".equals(t.dns().type()) || t.usesDns() && "AAAA".equals(t.dns().type())) {
                    for (String name : t.dns().names()) {
                        if (!name.startsWith("tasks.")) {
                            notes.add("target \"" + t.name() + "\": on swarm, " + name + " resolves to the service's virtual IP "
                                    + "(one target for all replicas, none on hosts without IPVS); use tasks." + name
                                    + " for one target per replica");
                        }
                    }
                }
            }
        }
        return notes;
    }
}

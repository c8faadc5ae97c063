package io.monstack.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The whole stack as the user described it in monstack.yml: the single source of truth. */
public record StackSpec(
        String name,
        PrometheusSettings prometheus,
        GrafanaSettings grafana,
        DockerEngine dockerEngine,
        ImageSettings images,
        String publishAddress,
        List<Target> targets,
        AlertingSettings alerting,
        DeploySettings deploy,
        RemoteStorage remote,
        HostMetrics hostMetrics,
        ContainerMetrics containerMetrics,
        List<AppNetwork> networks) {

    public static final String LOCAL_ONLY = "127.0.0.1";

    public StackSpec {
        targets = List.copyOf(targets);
        alerting = alerting == null ? AlertingSettings.disabled() : alerting;
        deploy = deploy == null ? DeploySettings.compose() : deploy;
        remote = remote == null ? RemoteStorage.none() : remote;
        hostMetrics = hostMetrics == null ? HostMetrics.disabled() : hostMetrics;
        containerMetrics = containerMetrics == null ? ContainerMetrics.disabled() : containerMetrics;
        networks = networks == null ? List.of() : List.copyOf(networks);
    }

    /** A stack of this name with every default and no targets (null components take their defaults above). */
    public static StackSpec empty(String name) {
        return new StackSpec(name, PrometheusSettings.defaults(), GrafanaSettings.defaults(), DockerEngine.defaults(),
                ImageSettings.defaults(), LOCAL_ONLY, List.of(), null, null, null, null, null, null);
    }

    /** The stack's own network, with a fixed name (Grafana and Alertmanager reach Prometheus there). */
    public String ownNetwork() {
        return name + "-monitoring";
    }

    public Optional<Target> target(String targetName) {
        return targets.stream().filter(t -> t.name().equals(targetName)).findFirst();
    }

    /** Adds a target, or replaces the one of the same name in place (keeping its position). */
    public StackSpec withTarget(Target target) {
        List<Target> next = new ArrayList<>(targets);
        int at = indexOf(target.name());
        if (at >= 0) {
            next.set(at, target);
        } else {
            next.add(target);
        }
        return withTargets(next);
    }

    public StackSpec withoutTarget(String targetName) {
        List<Target> next = new ArrayList<>(targets);
        next.removeIf(t -> t.name().equals(targetName));
        return withTargets(next);
    }

    public StackSpec withTargets(List<Target> next) {
        return with(b -> b.targets(next));
    }

    public StackSpec withName(String newName) {
        return with(b -> b.name(newName));
    }

    public StackSpec withDockerEngine(DockerEngine engine) {
        return with(b -> b.dockerEngine(engine));
    }

    public StackSpec withAlerting(AlertingSettings newAlerting) {
        return with(b -> b.alerting(newAlerting));
    }

    public StackSpec withDeploy(DeploySettings newDeploy) {
        return with(b -> b.deploy(newDeploy));
    }

    public StackSpec withRemote(RemoteStorage newRemote) {
        return with(b -> b.remote(newRemote));
    }

    public StackSpec withImages(ImageSettings newImages) {
        return with(b -> b.images(newImages));
    }

    public StackSpec withPrometheus(PrometheusSettings newPrometheus) {
        return with(b -> b.prometheus(newPrometheus));
    }

    public StackSpec withGrafana(GrafanaSettings newGrafana) {
        return with(b -> b.grafana(newGrafana));
    }

    public StackSpec withNetworks(List<AppNetwork> newNetworks) {
        return with(b -> b.networks(newNetworks));
    }

    /** This spec also joining these networks: its own first, then the new ones it does not list yet. */
    public StackSpec joining(List<AppNetwork> more) {
        List<AppNetwork> all = new ArrayList<>(networks);
        more.stream().filter(n -> !all.contains(n)).forEach(all::add);
        return withNetworks(all);
    }

    public StackSpec withPublishAddress(String address) {
        return with(b -> b.publishAddress(address));
    }

    /** This spec with the builder's changes: spec.with(b -> b.publishAddress("0.0.0.0").targets(list)). */
    public StackSpec with(java.util.function.Consumer<Builder> change) {
        Builder b = toBuilder();
        change.accept(b);
        return b.build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A stack of this name with every default: start here and set what differs. */
    public static Builder builder(String name) {
        return empty(name).toBuilder();
    }

    /** The one place that lists the components in order: a new field is a field here, a setter and build(). */
    public static final class Builder {
        private String name;
        private PrometheusSettings prometheus;
        private GrafanaSettings grafana;
        private DockerEngine dockerEngine;
        private ImageSettings images;
        private String publishAddress;
        private List<Target> targets;
        private AlertingSettings alerting;
        private DeploySettings deploy;
        private RemoteStorage remote;
        private HostMetrics hostMetrics;
        private ContainerMetrics containerMetrics;
        private List<AppNetwork> networks;

        private Builder(StackSpec s) {
            name = s.name;
            prometheus = s.prometheus;
            grafana = s.grafana;
            dockerEngine = s.dockerEngine;
            images = s.images;
            publishAddress = s.publishAddress;
            targets = s.targets;
            alerting = s.alerting;
            deploy = s.deploy;
            remote = s.remote;
            hostMetrics = s.hostMetrics;
            containerMetrics = s.containerMetrics;
            networks = s.networks;
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        public Builder prometheus(PrometheusSettings value) {
            prometheus = value;
            return this;
        }

        public Builder grafana(GrafanaSettings value) {
            grafana = value;
            return this;
        }

        public Builder dockerEngine(DockerEngine value) {
            dockerEngine = value;
            return this;
        }

        public Builder images(ImageSettings value) {
            images = value;
            return this;
        }

        public Builder publishAddress(String value) {
            publishAddress = value;
            return this;
        }

        public Builder targets(List<Target> value) {
            targets = value;
            return this;
        }

        public Builder alerting(AlertingSettings value) {
            alerting = value;
            return this;
        }

        public Builder deploy(DeploySettings value) {
            deploy = value;
            return this;
        }

        public Builder remote(RemoteStorage value) {
            remote = value;
            return this;
        }

        public Builder hostMetrics(HostMetrics value) {
            hostMetrics = value;
            return this;
        }

        public Builder containerMetrics(ContainerMetrics value) {
            containerMetrics = value;
            return this;
        }

        public Builder networks(List<AppNetwork> value) {
            networks = value;
            return this;
        }

        public StackSpec build() {
            return new StackSpec(name, prometheus, grafana, dockerEngine, images, publishAddress, targets, alerting, deploy, remote,
                    hostMetrics, containerMetrics, networks);
        }
    }

    private int indexOf(String targetName) {
        for (int i = 0; i < targets.size(); i++) {
            if (targets.get(i).name().equals(targetName)) {
                return i;
            }
        }
        return -1;
    }
}

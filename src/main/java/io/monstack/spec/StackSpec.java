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
        RemoteStorage remote) {

    public static final String LOCAL_ONLY = "127.0.0.1";

    public StackSpec {
        targets = List.copyOf(targets);
        alerting = alerting == null ? AlertingSettings.disabled() : alerting;
        deploy = deploy == null ? DeploySettings.compose() : deploy;
        remote = remote == null ? RemoteStorage.none() : remote;
    }

    /** A compose stack without remote storage. */
    public StackSpec(String name, PrometheusSettings prometheus, GrafanaSettings grafana, DockerEngine dockerEngine,
            ImageSettings images, String publishAddress, List<Target> targets, AlertingSettings alerting) {
        this(name, prometheus, grafana, dockerEngine, images, publishAddress, targets, alerting, null, null);
    }

    /** A stack without alerting. */
    public StackSpec(String name, PrometheusSettings prometheus, GrafanaSettings grafana, DockerEngine dockerEngine,
            ImageSettings images, String publishAddress, List<Target> targets) {
        this(name, prometheus, grafana, dockerEngine, images, publishAddress, targets, AlertingSettings.disabled());
    }

    public static StackSpec empty(String name) {
        return new StackSpec(name, PrometheusSettings.defaults(), GrafanaSettings.defaults(),
                DockerEngine.defaults(), ImageSettings.defaults(), LOCAL_ONLY, List.of());
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
        return new StackSpec(name, prometheus, grafana, dockerEngine, images, publishAddress, next, alerting, deploy, remote);
    }

    public StackSpec withName(String newName) {
        return new StackSpec(newName, prometheus, grafana, dockerEngine, images, publishAddress, targets, alerting, deploy, remote);
    }

    public StackSpec withDockerEngine(DockerEngine engine) {
        return new StackSpec(name, prometheus, grafana, engine, images, publishAddress, targets, alerting, deploy, remote);
    }

    public StackSpec withAlerting(AlertingSettings newAlerting) {
        return new StackSpec(name, prometheus, grafana, dockerEngine, images, publishAddress, targets, newAlerting, deploy, remote);
    }

    public StackSpec withDeploy(DeploySettings newDeploy) {
        return new StackSpec(name, prometheus, grafana, dockerEngine, images, publishAddress, targets, alerting, newDeploy, remote);
    }

    public StackSpec withRemote(RemoteStorage newRemote) {
        return new StackSpec(name, prometheus, grafana, dockerEngine, images, publishAddress, targets, alerting, deploy, newRemote);
    }

    public StackSpec withImages(ImageSettings newImages) {
        return new StackSpec(name, prometheus, grafana, dockerEngine, newImages, publishAddress, targets, alerting, deploy, remote);
    }

    public StackSpec withPrometheus(PrometheusSettings newPrometheus) {
        return new StackSpec(name, newPrometheus, grafana, dockerEngine, images, publishAddress, targets, alerting, deploy, remote);
    }

    public StackSpec withGrafana(GrafanaSettings newGrafana) {
        return new StackSpec(name, prometheus, newGrafana, dockerEngine, images, publishAddress, targets, alerting, deploy, remote);
    }

    public StackSpec withPublishAddress(String address) {
        return new StackSpec(name, prometheus, grafana, dockerEngine, images, address, targets, alerting, deploy, remote);
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

package io.monstack.spec;

/**
 * Where the stack runs. platform compose (the default): compose.yaml on one Docker host.
 * platform swarm: stack.yaml for `docker stack deploy`, with the images pulled from
 * images.registry, Prometheus and Grafana placed on a manager, and the services' replicas found
 * through `tasks.SERVICE` DNS (discovery dns) or through the swarm API (discovery dockerswarm,
 * which mounts the Docker socket into Prometheus). publishMode ingress publishes the UIs on every
 * node through the routing mesh; host publishes them on the node that runs them (for hosts
 * without IPVS, where the mesh and service VIPs do not work). The swarm fields are ignored on
 * compose.
 */
public record DeploySettings(
        Platform platform,
        SwarmDiscovery discovery,
        PublishMode publishMode,
        String scrapeLabel,
        Resources prometheusResources,
        Resources grafanaResources) {

    /** The service label that dockerswarm discovery looks for (docker service create --label / deploy.labels). */
    public static final String DEFAULT_SCRAPE_LABEL = "prometheus.monstack.scrape=true";
    public static final String DOCKER_SOCKET = "/var/run/docker.sock";

    /** CPU and memory limits of one swarm service: cpus as docker takes it ("0.5"), memory as "512M" or "1G". */
    public record Resources(String cpus, String memory) {
    }

    public static final Resources DEFAULT_PROMETHEUS_RESOURCES = new Resources("1", "2G");
    public static final Resources DEFAULT_GRAFANA_RESOURCES = new Resources("0.5", "512M");

    public DeploySettings {
        platform = platform == null ? Platform.COMPOSE : platform;
        discovery = discovery == null ? SwarmDiscovery.DNS : discovery;
        publishMode = publishMode == null ? PublishMode.INGRESS : publishMode;
        scrapeLabel = scrapeLabel == null ? DEFAULT_SCRAPE_LABEL : scrapeLabel;
        prometheusResources = prometheusResources == null ? DEFAULT_PROMETHEUS_RESOURCES : prometheusResources;
        grafanaResources = grafanaResources == null ? DEFAULT_GRAFANA_RESOURCES : grafanaResources;
    }

    public static DeploySettings compose() {
        return new DeploySettings(Platform.COMPOSE, null, null, null, null, null);
    }

    public static DeploySettings swarm(SwarmDiscovery discovery, PublishMode publishMode) {
        return new DeploySettings(Platform.SWARM, discovery, publishMode, null, null, null);
    }

    public boolean isSwarm() {
        return platform == Platform.SWARM;
    }

    public boolean dockerSwarmDiscovery() {
        return isSwarm() && discovery == SwarmDiscovery.DOCKERSWARM;
    }

    public boolean hostPublishing() {
        return isSwarm() && publishMode == PublishMode.HOST;
    }

    /** Only the settings that differ from the defaults matter; equal settings say the same thing. */
    public boolean swarmDefaults() {
        return discovery == SwarmDiscovery.DNS && publishMode == PublishMode.INGRESS && DEFAULT_SCRAPE_LABEL.equals(scrapeLabel)
                && DEFAULT_PROMETHEUS_RESOURCES.equals(prometheusResources) && DEFAULT_GRAFANA_RESOURCES.equals(grafanaResources);
    }

    public DeploySettings withPlatform(Platform newPlatform) {
        return new DeploySettings(newPlatform, discovery, publishMode, scrapeLabel, prometheusResources, grafanaResources);
    }

    public DeploySettings withDiscovery(SwarmDiscovery newDiscovery) {
        return new DeploySettings(platform, newDiscovery, publishMode, scrapeLabel, prometheusResources, grafanaResources);
    }

    public DeploySettings withPublishMode(PublishMode newMode) {
        return new DeploySettings(platform, discovery, newMode, scrapeLabel, prometheusResources, grafanaResources);
    }

    /** The label's key (before '='), as dockerswarm_sd shows it: __meta_dockerswarm_service_label_KEY. */
    public String scrapeLabelKey() {
        int eq = scrapeLabel.indexOf('=');
        return eq < 0 ? scrapeLabel : scrapeLabel.substring(0, eq);
    }

    /** The label's value, or "" when the label is a bare key. */
    public String scrapeLabelValue() {
        int eq = scrapeLabel.indexOf('=');
        return eq < 0 ? "" : scrapeLabel.substring(eq + 1);
    }
}

package io.monstack.check;

import io.monstack.spec.Target;
import java.util.List;

/**
 * A scrape job as the generated prometheus.yml defines it.
 *
 * @param name the job_name
 * @param metricsPath the path Prometheus asks for
 * @param staticTargets the host:port list of static_configs (empty for discovered jobs)
 * @param dnsNames the names of dns_sd_configs (empty unless DNS-discovered)
 * @param fallback fallback_scrape_protocol, null when the job has none
 * @param target the monstack.yml target behind the job; null for prometheus and docker
 */
public record ScrapeJob(String name, String metricsPath, List<String> staticTargets, List<String> dnsNames,
        String fallback, Target target) {
    public ScrapeJob {
        staticTargets = List.copyOf(staticTargets);
        dnsNames = List.copyOf(dnsNames);
    }

    public boolean usesDns() {
        return !dnsNames.isEmpty();
    }

    /** Neither static nor DNS: found through the swarm API (dockerswarm_sd_configs). */
    public boolean discovered() {
        return staticTargets.isEmpty() && dnsNames.isEmpty();
    }

    /** The runtime preset of the target; null for monstack's own jobs. */
    public String runtime() {
        return target == null ? null : target.runtime();
    }
}

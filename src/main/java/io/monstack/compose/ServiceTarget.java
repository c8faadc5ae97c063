package io.monstack.compose;

import io.monstack.spec.DnsDiscovery;
import io.monstack.spec.Runtime;
import io.monstack.spec.RuntimeCatalog;
import io.monstack.spec.SpecValidator;
import io.monstack.spec.TargetDraft;
import io.monstack.spec.TargetSetting;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One compose service as a target: whether it is one (or why not), and its draft: the labels
 * first, then the port (a label, expose, the container side of ports), the runtime (a label, what
 * --probe read, an image-name hint), the metrics path (a label, the probed page, else the runtime's
 * preset, which TargetDraft applies), and how Prometheus reaches it (DNS on the service name when
 * it may run several containers, else a static service:port).
 */
final class ServiceTarget {
    /** What one service became: a target (found) or a reason (leftOut); sources say where settings came from. */
    record Outcome(ComposeImport.FoundTarget found, ComposeImport.LeftOut leftOut, Map<TargetSetting, Where> sources) {
    }

    /** What the whole import shares. */
    record Context(ImageHints hints, Set<String> activeProfiles, boolean swarm, int prometheusMajor, boolean asking,
            boolean named, RunningContainers running, ContainerProbe probe, List<String> notes) {
    }

    /** What a wizard asks when nothing in the files tells it. */
    static final String OPEN_PORT = "the port that serves metrics";
    static final String OPEN_RUNTIME = "the runtime";

    private final ComposeService s;
    private final Context ctx;
    private final List<String> how = new ArrayList<>();
    private final Map<TargetSetting, Where> sources = new EnumMap<>(TargetSetting.class);

    private ServiceTarget(ComposeService service, Context ctx) {
        this.s = service;
        this.ctx = ctx;
    }

    static Outcome of(ComposeService service, Context ctx) {
        return new ServiceTarget(service, ctx).build();
    }

    private Outcome leftOut(String reason) {
        return new Outcome(null, new ComposeImport.LeftOut(s.name(), reason), Map.of());
    }

    private Outcome build() {
        ServiceLabels labels = new ServiceLabels(s.name(), s.labels());
        ServiceLabels.Scrape scrape = labels.scrape();
        if (!ctx.named() && !s.activeWith(ctx.activeProfiles())) {
            return leftOut("only in profile " + String.join(", ", s.profiles().stream().map(Shown::name).toList()) + ", which is not active "
                    + "(COMPOSE_PROFILES, or --compose-profile NAME)");
        }
        if (scrape != null && !scrape.value()) {
            return leftOut("labelled " + scrape.label() + ": false");
        }
        String image = s.image() != null ? s.image() : s.dockerfileFrom();
        String imageSays = s.image() != null ? "image " + Shown.name(s.image()) : "its Dockerfile's FROM " + Shown.name(s.dockerfileFrom());
        Optional<ImageHints.Hint> monitoring = image == null ? Optional.empty() : ctx.hints().monitoring(image);
        if (monitoring.isPresent() && (scrape == null || !scrape.label().equals(ServiceLabels.SCRAPE))) {
            return leftOut("monitoring itself (" + monitoring.get().says() + ": " + imageSays + ")");
        }
        if (s.networkMode() != null) {
            return leftOut(networkModeReason(s.networkMode()));
        }
        if (s.replicas() != null && s.replicas() == 0) {
            return leftOut("deploy.replicas is 0: nothing of it runs");
        }
        if ("https".equals(labels.scheme())) {
            return leftOut("serves its metrics over https (" + ServiceLabels.PROM_SCHEME + "); monstack's jobs scrape plain http");
        }

        Optional<ImageHints.Hint> exporter = image == null ? Optional.empty() : ctx.hints().exporter(image);
        if (exporter.isPresent() && scrape == null) {
            return exporterTarget(exporter.get(), imageSays);
        }
        TargetDraft d = new TargetDraft(s.name());
        labels.applyTo(d).forEach((setting, label) -> {
            sources.put(setting, label.at());
            how.add(setting.key() + " from a label");
        });
        if (d.name().equals(SpecValidator.SELF_JOB) || d.name().equals(SpecValidator.DOCKER_JOB)) {
            ctx.notes().add("service " + Shown.name(s.name()) + ": \"" + d.name() + "\" is a job name monstack uses itself, so the target is "
                    + d.name() + "-app (label it " + ServiceLabels.PREFIX + "name to choose another)");
            d.name(d.name() + "-app");
        }
        Optional<ImageHints.Hint> hint = image == null ? Optional.empty() : ctx.hints().runtime(image);
        String hinted = hint.map(ImageHints.Hint::says).orElse(null);
        Runtime preset = RuntimeCatalog.find(d.runtime() != null ? d.runtime() : hinted != null ? hinted : RuntimeCatalog.DEFAULT)
                .orElse(RuntimeCatalog.get(RuntimeCatalog.DEFAULT));
        Integer labelPort = labels.port();
        List<Integer> candidates = candidatePorts(labelPort, preset);

        ContainerProbe.Result probed = probe(d, candidates, preset);
        Integer port = probed != null ? Integer.valueOf(probed.port()) : choosePort(labelPort, labels, candidates, preset);
        if (probed != null) {
            // The page is evidence, the image name a guess: a page without the hinted runtime's metrics
            // would leave that runtime's panels empty (and monstack check would say so).
            String pageSays = probed.page().runtime();
            if (d.runtime() == null) {
                how.add("runtime " + pageSays + " (probed: " + probed.page().runtimeEvidence() + ")"
                        + (hinted != null && !hinted.equals(pageSays) ? "; " + imageSays + " suggests " + hinted
                                + ", but its page has none of " + hinted + "'s metrics" : ""));
            }
        } else if (d.runtime() == null && hinted != null) {
            d.runtime(hinted);
            how.add("runtime " + hinted + " (" + imageSays + " matches " + hint.get().glob() + ")");
        }
        List<String> open = new ArrayList<>();
        endpoints(d, port);
        if (port == null) {
            open.add(OPEN_PORT);
        }
        if (probed != null) {
            // Endpoints are set: the page fills runtime, path, the app's own metrics and the fallback only.
            probed.page().fillIn(d, ctx.prometheusMajor());
            how.add("probed " + probed.url() + " (" + probed.answered() + " of " + probed.containers() + " containers answered, "
                    + probed.page().customMetrics().size() + " metrics of the app's own)");
        }
        if (d.runtime() == null && ctx.asking()) {
            open.add(OPEN_RUNTIME);
        } else if (d.runtime() == null) {
            how.add("runtime " + RuntimeCatalog.DEFAULT + " (nothing tells; label it " + ServiceLabels.PREFIX + "runtime)");
        }
        if (d.metricsPath() == null && d.runtime() != null) {
            how.add("path " + d.toTarget().metricsPath() + " (the " + d.runtime() + " preset)");
        }
        if (port == null && !ctx.asking()) {
            return leftOut("nothing tells which port serves its metrics: label it " + ServiceLabels.PORT
                    + " (or prometheus.io/port), expose the port, or answer on a terminal");
        }
        return new Outcome(new ComposeImport.FoundTarget(s.name(), d, how, open), null, sources);
    }

    /**
     * A service that serves no metrics (its image is postgres, redis, ...): the exporter the stack
     * runs for it, at the service's port (its usual one when the file lists it or none), with a note
     * of what is left to give (the password file).
     */
    private Outcome exporterTarget(ImageHints.Hint hint, String imageSays) {
        Runtime preset = RuntimeCatalog.get(hint.says());
        io.monstack.spec.ExporterDef def = preset.exporter();
        List<Integer> ports = servicePorts();
        int port = ports.isEmpty() || ports.contains(def.servicePort()) ? def.servicePort() : ports.get(0);
        String address = def.proposeAddress(s.name(), port);
        TargetDraft d = new TargetDraft(s.name()).runtime(preset.id()).exporterAddress(address);
        how.add("exporter " + preset.id() + " for " + address + " (" + imageSays + " matches " + hint.glob()
                + ": it serves no metrics, so the stack runs " + def.image() + ")");
        if (def.passwordFile() != null) {
            ctx.notes().add("service " + Shown.name(s.name()) + ": its exporter logs in with a password file you give "
                    + "(--password-file FILE, or exporter.passwordFile of the target in monstack.yml: a file holding "
                    + def.passwordFile().replace("<address>", Shown.name(address)) + ")"
                    + (def.takes("username") ? ", and a user name (--username, exporter.username)" : ""));
        }
        if (def.setupNote() != null) {
            ctx.notes().add("service " + Shown.name(s.name()) + ": its exporter reads " + Shown.name(address) + ": " + def.setupNote());
        }
        return new Outcome(new ComposeImport.FoundTarget(s.name(), d, how, List.of()), null, sources);
    }

    /** The label's port alone; else the runtime's conventional port first if the service has it, then expose, then ports. */
    private List<Integer> candidatePorts(Integer labelPort, Runtime preset) {
        if (labelPort != null) {
            return List.of(labelPort);
        }
        List<Integer> ports = servicePorts();
        List<Integer> ordered = new ArrayList<>();
        if (preset.port() != null && ports.contains(preset.port())) {
            ordered.add(preset.port());
        }
        ports.stream().filter(p -> !ordered.contains(p)).forEach(ordered::add);
        return ordered;
    }

    /** The service's container ports, once each: expose first, then the container side of ports. */
    private List<Integer> servicePorts() {
        Set<Integer> ports = new LinkedHashSet<>();
        s.expose().forEach(p -> ports.add(p.port()));
        s.ports().forEach(p -> ports.add(p.port()));
        return List.copyOf(ports);
    }

    private Integer choosePort(Integer labelPort, ServiceLabels labels, List<Integer> candidates, Runtime preset) {
        if (labelPort != null) {
            Where at = s.labels().get(labels.portLabel()).at();
            sources.put(TargetSetting.DNS_PORT, at);
            sources.put(TargetSetting.STATIC, at);
            how.add("port " + labelPort + " (label " + labels.portLabel() + ")");
            return labelPort;
        }
        if (!candidates.isEmpty()) {
            int port = candidates.get(0);
            String from = s.expose().stream().anyMatch(p -> p.port() == port) ? "expose" : "ports";
            how.add("port " + port + " (" + from + (port == (preset.port() == null ? -1 : preset.port())
                    ? ", the " + preset.id() + " default" : "") + ")");
            if (candidates.size() > 1) {
                ctx.notes().add("service " + Shown.name(s.name()) + " listens on " + String.join(", ", candidates.stream().map(String::valueOf).toList())
                        + ": took " + port + " for its metrics; label it " + ServiceLabels.PORT + " to choose (or use --probe)");
            }
            return port;
        }
        if (preset.port() != null) {
            how.add("port " + preset.port() + " (the " + preset.id() + " default; nothing in the compose file names a port)");
            return preset.port();
        }
        return null;
    }

    /**
     * The running containers' page, when --probe is on: tried on the candidate ports (or the
     * runtime's port when the file names none) and paths (the label's, else the runtime's, then
     * every preset's).
     */
    private ContainerProbe.Result probe(TargetDraft d, List<Integer> candidates, Runtime preset) {
        if (ctx.probe() == null) {
            return null;
        }
        List<RunningContainers.Container> containers = ctx.running().of(s.name());
        if (containers.isEmpty()) {
            ctx.notes().add("service " + Shown.name(s.name()) + ": --probe found no running container of it; took what the compose file says");
            return null;
        }
        List<Integer> ports = new ArrayList<>(candidates);
        if (ports.isEmpty() && preset.port() != null) {
            ports.add(preset.port());
        }
        Set<String> paths = new LinkedHashSet<>();
        if (d.metricsPath() != null) {
            paths.add(d.metricsPath());
        } else {
            paths.add(preset.metricsPath());
            RuntimeCatalog.all().values().forEach(r -> paths.add(r.metricsPath()));
        }
        return ctx.probe().probe(s.name(), containers, ports, List.copyOf(paths), ctx.notes());
    }

    /**
     * DNS on the service name when it may run several containers (swarm: tasks.SERVICE, one per
     * task), else static service:port. Without a port (the wizard asks it) only the DNS name is set.
     */
    private void endpoints(TargetDraft d, Integer port) {
        if (d.hasEndpoints()) {
            if (d.hasDns() && d.dnsPort() == null && !"SRV".equals(d.dnsType())) {
                d.dnsPort(port);
            }
            return;
        }
        String shown = port == null ? "" : ":" + port;
        if (ctx.swarm()) {
            d.addDnsName("tasks." + s.name()).dnsPort(port);
            how.add(0, "dns tasks." + Shown.name(s.name()) + shown + " (every task of the swarm service)");
        } else if (s.manyContainers() || s.containerName() == null) {
            d.addDnsName(s.name()).dnsPort(port).dnsType(DnsDiscovery.DEFAULT_TYPE);
            String why = s.global() ? "deploy.mode global" : s.replicas() != null && s.replicas() > 1
                    ? s.replicas() + " replicas" : "no container_name, so it can be scaled";
            how.add(0, "dns " + Shown.name(s.name()) + shown + " (" + why + ")");
        } else if (port != null) {
            d.addStatic(s.name() + ":" + port);
            how.add(0, "static " + Shown.name(s.name()) + shown + " (one container, " + Shown.name(s.containerName()) + ")");
        }
    }

    private static String networkModeReason(String mode) {
        if (mode.equals("host")) {
            return "network_mode: host, so it is on no network Prometheus can join; add it by hand at "
                    + "host.docker.internal:PORT (monstack add-target NAME --static host.docker.internal:PORT)";
        }
        if (mode.equals("none")) {
            return "network_mode: none: it has no network";
        }
        if (mode.startsWith("service:") || mode.startsWith("container:")) {
            return "network_mode: " + Shown.name(mode) + ": it shares that one's network, so scrape it at that address "
                    + "(monstack add-target NAME --static OTHER:PORT)";
        }
        return "network_mode: " + Shown.name(mode) + ": names do not resolve there; put it on a network of the project";
    }
}

package io.monstack.check;

import io.monstack.check.Finding.Area;
import io.monstack.spec.RuntimeCatalog;
import io.monstack.spec.SpecValidator;
import io.monstack.spec.Target;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Why a target is down, from the lastError Prometheus reports, and what to type about it. The
 * messages are those of Prometheus 2.x and 3.x (Go's net/http and its own scrape errors).
 */
final class ScrapeErrors {
    private final ExpectedStack stack;
    private final Fixes fixes;
    private final PageProbe probe;

    ScrapeErrors(ExpectedStack stack, Fixes fixes, PageProbe probe) {
        this.stack = stack;
        this.fixes = fixes;
        this.probe = probe;
    }

    Finding diagnose(ScrapeJob job, ActiveTarget t) {
        String error = t.lastError().toLowerCase(Locale.ROOT);
        String subject = job.name() + " " + t.instance();
        boolean engine = stack.isEngineJob(job.name());
        Optional<String> service = stack.stackService(job.name());
        if (service.isPresent() && unreachable(error)) {
            return stackServiceDown(job, subject, t, service.get());
        }
        if (error.contains("connection refused") && SpecValidator.SELF_JOB.equals(job.name())) {
            return Finding.problem(Area.TARGETS, subject, "Prometheus does not answer its own scrape at " + t.hostPort()
                    + " (connection refused): it listens elsewhere than the generated configuration says",
                    "run it with the stack's files (its image's command): " + fixes.redeploy());
        }
        if (error.contains("connection refused")) {
            return engine ? engineUnreachable(subject, t, "connection refused")
                    : Finding.problem(Area.TARGETS, subject, "nothing listens on " + t.hostPort() + " (connection refused): the app "
                            + "is not running, or listens on another port, or only on 127.0.0.1 inside its container",
                            "check that the app listens on 0.0.0.0 and on the port of target " + job.name() + " in monstack.yml, "
                                    + fixes.afterSpecEdit());
        }
        // before the network errors: "lookup NAME on DNS: i/o timeout" is a name problem
        if (error.contains("no such host") || error.contains("server misbehaving") || error.contains("lookup ")) {
            return unresolved(job, subject, t);
        }
        if (error.contains("no route to host") || error.contains("network is unreachable")
                || (error.contains("dial tcp") && error.contains("i/o timeout"))) {
            String why = error.contains("i/o timeout") ? "connect timed out" : "no route to host";
            return engine ? engineUnreachable(subject, t, why)
                    : Finding.problem(Area.TARGETS, subject, "Prometheus cannot reach " + t.hostPort() + " (" + why
                            + "): a firewall drops it, or the service is on a network Prometheus is not on", networkFix(job));
        }
        if (error.contains("http status 404")) {
            return wrongPath(job, subject, t, "answers 404 Not Found for " + t.path());
        }
        if (error.contains("content-type")) {
            return contentType(job, subject, t);
        }
        if (error.contains("deadline exceeded") || error.contains("timeout")) {
            return timeout(job, subject, t);
        }
        if (error.contains("http status 401") || error.contains("http status 403")) {
            return Finding.problem(Area.TARGETS, subject, t.scrapeUrl() + " wants credentials (" + t.lastError()
                    + "); monstack's scrape jobs do not authenticate", "serve the metrics without authentication "
                    + "(e.g. Spring Boot: permit /actuator/prometheus), on a port only the stack's network reaches");
        }
        if (error.contains("http status 5")) {
            return Finding.problem(Area.TARGETS, subject, "the app fails to render its metrics (" + t.lastError() + ")",
                    "look at the app's log for the error behind " + t.scrapeUrl());
        }
        if (error.contains("expected") || error.contains("invalid") || error.contains("unexpected") || error.contains("parse")) {
            return wrongPath(job, subject, t, "serves something that is not a metrics page (" + t.lastError() + ")");
        }
        return Finding.problem(Area.TARGETS, subject, "scrapes fail: " + t.lastError(),
                "fetch the page where the app is reachable: monstack discover " + t.scrapeUrl());
    }

    private static boolean unreachable(String error) {
        return error.contains("connection refused") || error.contains("no such host") || error.contains("lookup ")
                || error.contains("no route to host") || error.contains("network is unreachable")
                || (error.contains("dial tcp") && error.contains("i/o timeout"));
    }

    /** node-exporter, cAdvisor or an exporter: a service of the stack itself that does not answer. */
    private Finding stackServiceDown(ScrapeJob job, String subject, ActiveTarget t, String service) {
        String cause = "the stack's " + service + " service does not answer at " + t.hostPort() + " (" + t.lastError()
                + "): it is not running, failed to start, or was left out when the stack was started";
        if (SpecValidator.HOST_JOB.equals(job.name())) {
            cause += "; or node-exporter listens where Prometheus cannot reach it (hostMetrics.listenAddress "
                    + stack.spec().hostMetrics().listenAddress() + ", or a firewall in front of port " + stack.spec().hostMetrics().port() + ")";
        }
        return Finding.problem(Area.TARGETS, subject, cause, fixes.serviceStatus(service));
    }

    private Finding engineUnreachable(String subject, ActiveTarget t, String why) {
        return Finding.problem(Area.TARGETS, subject, "the Docker engine does not serve its metrics at " + t.hostPort() + " ("
                + why + "): metrics-addr is missing from the engine's daemon.json, or bound to 127.0.0.1, which containers "
                + "cannot reach", fixes.mergeDaemonJson()
                + (why.equals("connection refused") ? "" : "; let the docker networks (172.16.0.0/12) reach port "
                        + stack.spec().dockerEngine().port() + " through the firewall"));
    }

    private Finding unresolved(ScrapeJob job, String subject, ActiveTarget t) {
        if (stack.isEngineJob(job.name())) {
            return Finding.problem(Area.TARGETS, subject, t.host() + " does not resolve inside the Prometheus container: "
                    + "it runs without the generated extra_hosts entry (host.docker.internal:host-gateway)",
                    "run the stack from the generated files: " + fixes.redeploy());
        }
        return notOnNetwork(job, subject, "the name " + t.host() + " does not resolve from Prometheus");
    }

    /** A name Prometheus cannot resolve: the service is not on its network, or the name is wrong. */
    Finding notOnNetwork(ScrapeJob job, String subject, String what) {
        List<String> networks = stack.networks();
        String network = networks.isEmpty() ? stack.spec().ownNetwork() : networks.get(0);
        String on = networks.size() > 1 ? "one of Prometheus' networks (" + String.join(", ", networks) + ")"
                : "the stack's network " + network;
        String names = stack.spec().deploy().isSwarm() ? "the service name (tasks.SERVICE for every replica)"
                : "the compose service name";
        return Finding.problem(Area.TARGETS, subject, what + ": the service is not on " + on + ", or the name is wrong",
                "put the service on " + network + " (these lines in your app's compose file), or correct the name of target "
                        + job.name() + " in monstack.yml to " + names + ", " + fixes.afterSpecEdit())
                .withSnippet(Fixes.joinNetwork(network));
    }

    private String networkFix(ScrapeJob job) {
        List<String> networks = stack.networks();
        return "put the service on " + (networks.isEmpty() ? "the stack's network" : String.join(" or ", networks))
                + ", or correct the address of target " + job.name() + " in monstack.yml";
    }

    private Finding wrongPath(ScrapeJob job, String subject, ActiveTarget t, String what) {
        Target target = job.target();
        String presetPath = target == null ? null : RuntimeCatalog.find(target.runtime()).map(r -> r.metricsPath()).orElse(null);
        Optional<PageProbe.Found> found = probe.findMetricsPage(t.scrapeUrl(), presetPath);
        StringBuilder fix = new StringBuilder();
        if (found.isPresent()) {
            String path = java.net.URI.create(found.get().url()).getRawPath();
            fix.append("discover finds a ").append(found.get().discovery().runtime()).append(" metrics page at ")
                    .append(found.get().url()).append(": set metricsPath: ").append(path);
        } else if (presetPath != null && !presetPath.equals(t.path())) {
            fix.append("runtime ").append(target.runtime()).append(" serves ").append(presetPath)
                    .append(" by default: set metricsPath: ").append(presetPath);
        } else {
            fix.append("find the app's metrics path (monstack discover http://HOST:PORT/PATH where the app is reachable) "
                    + "and set metricsPath");
        }
        fix.append(" for target ").append(job.name()).append(" in monstack.yml, ").append(fixes.afterSpecEdit());
        return Finding.problem(Area.TARGETS, subject, t.hostPort() + " " + what + ": the metrics path is wrong", fix.toString());
    }

    private Finding contentType(ScrapeJob job, String subject, ActiveTarget t) {
        Target target = job.target();
        boolean turnedOff = target != null && Target.NO_FALLBACK.equals(target.fallbackScrapeProtocol());
        String cause = "Prometheus 3 refuses the page of " + t.hostPort() + ": " + t.lastError()
                + (turnedOff ? " (monstack.yml sets fallbackScrapeProtocol: none for target " + job.name() + ")" : "");
        String fix;
        if (turnedOff) {
            fix = "remove fallbackScrapeProtocol: none from target " + job.name() + " in monstack.yml (monstack's default "
                    + Target.DEFAULT_FALLBACK + " reads such pages), " + fixes.afterSpecEdit()
                    + "; or make the app send Content-Type: text/plain; version=0.0.4";
        } else if (job.fallback() == null || target == null) {
            fix = "the running Prometheus lacks the job's fallback_scrape_protocol: " + fixes.redeploy();
        } else {
            fix = "the page is not in the format fallbackScrapeProtocol " + job.fallback() + " says: check it with monstack "
                    + "discover " + t.scrapeUrl() + " and set the fallback it suggests";
        }
        return Finding.problem(Area.TARGETS, subject, cause, fix);
    }

    private Finding timeout(ScrapeJob job, String subject, ActiveTarget t) {
        OptionalLong took = probe.timePage(t.scrapeUrl());
        String measured = took.isPresent() ? "the page took " + seconds(took.getAsLong()) + " when monstack check fetched it"
                : "Prometheus gave up after " + seconds(t.lastScrapeMillis());
        long suggested = took.isPresent() ? roundUpSeconds(took.getAsLong() * 3 / 2) : roundUpSeconds(t.timeoutMillis() * 2);
        String fix = "make the page faster, or set scrapeTimeout: " + suggested + "s for target " + job.name() + " in monstack.yml"
                + (suggested * 1000 > t.intervalMillis() ? " with a scrapeInterval of at least " + suggested + "s" : "")
                + ", " + fixes.afterSpecEdit();
        return Finding.problem(Area.TARGETS, subject, "scrapes of " + t.scrapeUrl() + " time out: the scrape timeout is "
                + seconds(t.timeoutMillis()) + " and " + measured, fix);
    }

    static String seconds(long millis) {
        return millis % 1000 == 0 ? (millis / 1000) + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static long roundUpSeconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }
}

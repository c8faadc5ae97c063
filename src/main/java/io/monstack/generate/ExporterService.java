package io.monstack.generate;

import io.monstack.spec.ExporterDef;
import io.monstack.spec.ExporterSettings;
import io.monstack.spec.RuntimeCatalog;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exporter the stack runs for a service without metrics of its own: its compose/swarm service
 * and how Prometheus scrapes it, from the runtime's exporter block in templates/runtimes.yml with
 * the target's address and credentials filled in. Exposed to the templates as {@code exporters}.
 *
 * @param secret the password file's secret (null without one); its container path is /run/secrets/NAME
 * @param probe the blackbox module the job probes the address with, or null for a scrape of the exporter
 * @param serverSetup the SQL that gives the exporter's login what it reads (empty: none)
 */
public record ExporterService(String target, String service, String image, int port, Integer user,
        Map<String, String> environment, List<String> command, PlatformModel.Secret secret, String address, String probe,
        String passwordFileHolds, List<String> serverSetup) {

    public static List<ExporterService> of(StackSpec spec) {
        List<ExporterService> out = new ArrayList<>();
        for (Target t : spec.targets()) {
            if (t.runsExporter()) {
                out.add(of(t));
            }
        }
        return out;
    }

    /** The exporter of target t, which must run one. */
    public static ExporterService of(Target t) {
        ExporterDef def = RuntimeCatalog.get(t.runtime()).exporter();
        ExporterSettings e = t.exporter();
        PlatformModel.Secret secret = e.passwordFile() == null ? null : new PlatformModel.Secret(t.exporterService() + "-password",
                e.passwordFile());
        Map<String, String> values = new LinkedHashMap<>();
        values.put("<address>", e.address());
        values.put("<username>", e.username());
        values.put("<passwordFile>", secret == null ? null : "/run/secrets/" + secret.name());
        Map<String, String> environment = new LinkedHashMap<>();
        def.environment().forEach((name, value) -> {
            String filled = fill(value, values);
            if (filled != null) {
                environment.put(name, filled);
            }
        });
        List<String> command = new ArrayList<>();
        for (String arg : def.command()) {
            String filled = fill(arg, values);
            if (filled != null) {
                command.add(filled);
            }
        }
        String holds = def.passwordFile() == null ? null : def.passwordFile().replace("<address>", e.address() == null ? "" : e.address());
        return new ExporterService(t.name(), t.exporterService(), def.image(), def.port(), def.user(), environment, command, secret,
                e.address(), def.probe(), holds, def.serverSetup());
    }

    /** The text with its placeholders filled; null when one of them has no value (the entry is left out). */
    private static String fill(String text, Map<String, String> values) {
        String out = text;
        for (Map.Entry<String, String> v : values.entrySet()) {
            if (out.contains(v.getKey())) {
                if (v.getValue() == null) {
                    return null;
                }
                out = out.replace(v.getKey(), v.getValue());
            }
        }
        return out;
    }

    /** Where Prometheus scrapes the exporter on the stack's network. */
    public String scrapeAddress() {
        return service + ":" + port;
    }
}

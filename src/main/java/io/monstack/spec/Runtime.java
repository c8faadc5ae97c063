package io.monstack.spec;

/**
 * A runtime preset from templates/runtimes.yml. port is null where no port is conventional; family
 * names its RuntimeFamily; exporter is how the stack runs the exporter for a service of this kind,
 * or null for an app that serves its own metrics.
 */
public record Runtime(String id, String label, String metricsPath, Integer port, String family, ExporterDef exporter) {
}

package io.monstack.spec;

/** A runtime preset from templates/runtimes.yml. port is null where no port is conventional; family names its RuntimeFamily. */
public record Runtime(String id, String label, String metricsPath, Integer port, String family) {
}

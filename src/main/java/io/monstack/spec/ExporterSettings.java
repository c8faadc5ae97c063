package io.monstack.spec;

/**
 * A target whose runtime preset is an exporter the stack runs (postgres, mysql, redis, nginx,
 * blackbox): where the service is, and the credentials the exporter reads from a file on this
 * host (mounted as a secret, never in an image). username and passwordFile may be null.
 */
public record ExporterSettings(String address, String username, String passwordFile) {
}

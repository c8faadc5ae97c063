package io.monstack.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Prometheus family at the versions stacks pin, and the validators the tests run on generated
 * files. Prometheus 3 (the default image, prom/prometheus:v3.5.0) is Debian sid's 3.x; stacks that
 * pin a 2.x image get Debian bookworm's 2.42; Alertmanager is trixie's 0.28.1, the pinned image's.
 */
public final class PromTools {
    public static final String ALERTMANAGER = "0.28.1";
    /** Bookworm's node-exporter (old client_golang) and trixie's (a current one). */
    public static final String NODE_EXPORTER_OLD = "1.5.";
    public static final String NODE_EXPORTER_NEW = "1.9.0";

    private PromTools() {
    }

    /** The version prefix run for a major: the line of the pinned image (prom/prometheus:v3.5.0), any patch sid has. */
    public static String prometheusVersion(int major) {
        return switch (major) {
            case 2 -> "2.42.";
            case 3 -> "3.5.";
            default -> throw new AssertionError("no Prometheus " + major + ".x for the tests (2 and 3 exist)");
        };
    }

    public static Path prometheus(int major) {
        return Tools.require("prometheus", prometheusVersion(major), from(major));
    }

    public static Path promtool(int major) {
        return Tools.require("promtool", prometheusVersion(major), from(major));
    }

    public static Path alertmanager() {
        return Tools.require("prometheus-alertmanager", ALERTMANAGER, "Debian trixie");
    }

    public static Path amtool() {
        return Tools.require("amtool", ALERTMANAGER, "Debian trixie");
    }

    public static Path nodeExporter(String version) {
        return Tools.require("prometheus-node-exporter", version, version.equals(NODE_EXPORTER_OLD) ? "Debian bookworm" : "Debian trixie");
    }

    private static String from(int major) {
        return major == 2 ? "Debian bookworm (apt-get install prometheus)" : "Debian sid";
    }

    /**
     * promtool check KIND --lint=all --lint-fatal FILE... of the major, run in dir; KIND is config
     * (which also checks the rule files a config names) or rules.
     */
    public static Tools.Result check(String kind, int major, Path dir, List<String> files) {
        List<String> cmd = new ArrayList<>(List.of(promtool(major).toString(), "check", kind, "--lint=all", "--lint-fatal"));
        cmd.addAll(files);
        return Tools.run(dir, 120, cmd.toArray(String[]::new));
    }

    public static Tools.Result checkConfig(int major, Path prometheusYml) {
        Path file = prometheusYml.toAbsolutePath();
        return check("config", major, file.getParent(), List.of(file.toString()));
    }

    public static void assertConfigValid(int major, Path prometheusYml) {
        assertPasses(checkConfig(major, prometheusYml), "config", major, prometheusYml.toString());
    }

    public static void assertRulesValid(int major, Path dir, List<String> files) {
        assertPasses(check("rules", major, dir, files), "rules", major, String.join(" ", files));
    }

    private static void assertPasses(Tools.Result r, String kind, int major, String files) {
        assertThat(r.exitCode()).as("promtool %s check %s --lint=all --lint-fatal %s:%n%s", Tools.versionOf(promtool(major)), kind,
                files, r.output()).isZero();
    }

    /** amtool 0.28 check-config FILE (relative to dir) must pass. */
    public static void assertAlertmanagerConfigValid(Path dir, String file) {
        Tools.Result r = Tools.run(dir, 60, amtool().toString(), "check-config", file);
        assertThat(r.exitCode()).as("amtool %s check-config %s:%n%s", ALERTMANAGER, file, r.output()).isZero();
    }
}

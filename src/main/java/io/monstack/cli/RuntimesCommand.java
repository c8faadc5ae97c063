package io.monstack.cli;

import io.monstack.spec.ExporterDef;
import io.monstack.spec.Runtime;
import io.monstack.spec.RuntimeCatalog;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "runtimes", mixinStandardHelpOptions = true,
        description = "List the runtime presets (default metrics path, conventional port, dashboard) and the exporters the stack can run.")
final class RuntimesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-14s %-22s %-6s %s%n", "RUNTIME", "METRICS PATH", "PORT", "DESCRIPTION");
        for (Runtime r : RuntimeCatalog.all().values()) {
            out.printf("%-14s %-22s %-6s %s%n", r.id(), r.metricsPath(), r.port() == null ? "-" : r.port(), r.label());
        }
        out.println();
        out.println("For a service that serves no metrics, the stack runs its exporter: add-target NAME --exporter TYPE --address ADDRESS");
        for (Runtime r : RuntimeCatalog.all().values()) {
            ExporterDef e = r.exporter();
            if (e != null) {
                out.printf("  %-10s %s%n", r.id(), e.image());
                out.printf("  %-10s --address: %s%n", "", e.address());
                if (e.passwordFile() != null) {
                    out.printf("  %-10s --password-file: %s (readable by uid %s)%n", "", e.passwordFile().replace("<address>", "HOST:PORT"),
                            e.user());
                }
                if (!e.serverSetup().isEmpty()) {
                    out.printf("  %-10s the exporter's login, made by the server's admin:%n", "");
                }
                for (String sql : e.serverSetup()) {
                    out.printf("  %-10s   %s%n", "", sql);
                }
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}

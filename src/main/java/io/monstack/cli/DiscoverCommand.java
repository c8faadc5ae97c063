package io.monstack.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.monstack.discover.Discovery;
import io.monstack.discover.MetricsDiscovery;
import io.monstack.discover.MetricsFetcher;
import io.monstack.render.ShellQuote;
import io.monstack.spec.CustomMetric;
import io.monstack.spec.RuntimeCatalog;
import io.monstack.spec.SpecValidator;
import io.monstack.spec.StackSpec;
import io.monstack.spec.TargetDraft;
import io.monstack.stack.RunResult;
import io.monstack.stack.StackService;
import io.monstack.stack.UserException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "discover", mixinStandardHelpOptions = true,
        description = {"Fetch a running app's metrics page and tell what it is: the runtime, the metrics path, "
                + "the app's own metrics, and the add-target command that adds it (or add it right away with --add).", ""},
        footerHeading = "%nExamples:%n",
        footer = {
            "  monstack discover http://localhost:8080/actuator/prometheus",
            "  monstack discover http://127.0.0.1:9464/metrics --json",
            "  monstack discover http://accesslog:80/metrics --add access-log -C mystack",
            "  monstack discover http://localhost:8080/metrics --add web --static web:8080",
            "",
            "The fetch is bounded: 3 s to connect, --timeout for the whole answer,",
            "at most 10 MiB."})
public final class DiscoverCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "URL", description = "The metrics page, e.g. http://localhost:8080/metrics.")
    String url;

    @Option(names = "--json", description = "Print what was found as JSON (for scripts).")
    boolean json;

    @Option(names = "--add", paramLabel = "NAME",
            description = "Add the page to the stack as target NAME (runtime, path, host:port and metrics as found).")
    String add;

    @Option(names = "--replace", description = "With --add: replace the target if one of this name exists.")
    boolean replace;

    @Option(names = {"-s", "--static"}, paramLabel = "HOST[:PORT]",
            description = "With --add: where the stack's Prometheus reaches the app, if not at the URL's host:port "
                    + "(needed for a localhost URL: inside the stack that is Prometheus itself).")
    String staticTarget;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "10",
            description = "How long to wait for the whole page (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Mixin
    DirOption dir;

    @Mixin
    RunFlags run;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (timeoutSeconds < 1 || timeoutSeconds > 300) {
            throw new UserException("--timeout " + timeoutSeconds + " must be from 1 to 300 seconds");
        }
        if (staticTarget != null && add == null) {
            throw new UserException("--static goes with --add NAME: it says where the stack reaches the app it adds");
        }
        StackService service = new StackService(err::println);
        StackSpec stack = null;
        if (add != null) {
            // fail before the network when there is no stack to add to
            if (!Files.isRegularFile(dir.dir.resolve(StackService.SPEC_FILE))) {
                throw new UserException("no " + StackService.SPEC_FILE + " in " + dir.dir + "; run `monstack init "
                        + dir.dir + "` first, or point --dir at the stack folder");
            }
            stack = service.load(dir.dir);
        }
        MetricsFetcher fetcher = new MetricsFetcher(MetricsFetcher.DEFAULT_CONNECT_TIMEOUT,
                Duration.ofSeconds(timeoutSeconds), MetricsFetcher.DEFAULT_MAX_BYTES);
        Discovery d;
        try {
            d = new MetricsDiscovery(fetcher).discover(url);
        } catch (UserException e) {
            if (json) { // scripts read stdout: the failure is an answer there too (and the usual line on stderr)
                out.println(failureJson(url, e.getMessage()));
                out.flush();
            }
            throw e;
        }
        if (json) {
            out.println(toJson(d));
        } else {
            print(out, d);
            d.warnings().forEach(w -> err.println("warning: " + w));
        }
        out.flush();
        err.flush();
        if (add != null) {
            if (d.url().strip().toLowerCase(Locale.ROOT).startsWith("https:")) {
                throw new UserException("cannot add " + url + ": monstack's scrape jobs use plain http; give the app's http URL");
            }
            if (staticTarget == null && d.readOnLoopback()) {
                throw new UserException("cannot add " + SpecValidator.show(url) + " at its own address: inside the stack that is "
                        + "Prometheus' container; give --static HOST:PORT, where Prometheus reaches the app (its compose service "
                        + "name, e.g. SERVICE:" + d.port() + ", or host.docker.internal:" + d.port() + " for an app on this host)");
            }
            int major = stack.prometheus().majorVersion();
            TargetDraft draft = new TargetDraft(add);
            if (staticTarget != null) {
                draft.addStatic(staticTarget);
            }
            RunResult result = service.addTarget(dir.dir, d.fillIn(draft, major).toTarget(), replace, run.options());
            Output.printResult(out, err, result, dir.dir.toString());
            Output.printNext(out, result, dir.dir.toString(), false);
        }
        return ExitCodes.OK;
    }

    private static void print(PrintWriter out, Discovery d) {
        String label = RuntimeCatalog.find(d.runtime()).map(io.monstack.spec.Runtime::label).orElse(d.runtime());
        out.println("Discovered " + d.url());
        out.printf("  %-14s %s  (%s; from %s)%n", "runtime", d.runtime(), label, d.runtimeEvidence());
        out.printf("  %-14s %s%n", "metrics path", d.metricsPath());
        out.printf("  %-14s %s%n", "target", d.staticTarget());
        out.printf("  %-14s %s%n", "content type", d.contentType() == null ? "(none)" : d.contentType());
        if (d.suggestedFallbackScrapeProtocol() != null) {
            out.printf("  %-14s %s (what Prometheus 3 must assume for this page)%n", "fallback", d.suggestedFallbackScrapeProtocol());
        }
        out.printf("  %-14s %d (%d of the app's own)%n", "families", d.familyCount(), d.customMetrics().size());
        if (!d.customMetrics().isEmpty()) {
            int width = Math.max(4, d.customMetrics().stream().mapToInt(m -> m.name().length()).max().orElse(4));
            out.println();
            out.println("The app's own metrics:");
            out.printf("  %-" + width + "s  %-9s  %s%n", "NAME", "TYPE", "HELP");
            for (CustomMetric m : d.customMetrics()) {
                String help = m.help().length() > 70 ? m.help().substring(0, 67) + "..." : m.help();
                out.printf("  %-" + width + "s  %-9s  %s%n", m.name(), m.type().id(), help);
            }
        }
        out.println();
        out.println("To add it to a stack (run in the stack folder, or add -C DIR):");
        out.println("  " + d.addTargetCommand(d.suggestedName()));
        if (d.addTargetCommand(d.suggestedName()).contains("--fallback-scrape-protocol")) {
            out.println("  (leave out --fallback-scrape-protocol when the stack pins Prometheus 2)");
        }
        out.println("or: monstack discover " + ShellQuote.quote(d.url()) + " --add " + d.suggestedName()
                + (d.readOnLoopback() ? " --static host.docker.internal:" + d.port() : ""));
    }

    static String failureJson(String url, String error) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("url", url);
        root.put("error", error);
        return write(mapper, root);
    }

    static String toJson(Discovery d) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("url", d.url());
        root.putNull("error");
        root.put("runtime", d.runtime());
        root.put("runtimeEvidence", d.runtimeEvidence());
        root.put("metricsPath", d.metricsPath());
        root.put("staticTarget", d.staticTarget());
        root.put("contentType", d.contentType());
        root.put("suggestedFallbackScrapeProtocol", d.suggestedFallbackScrapeProtocol());
        root.put("familyCount", d.familyCount());
        ArrayNode metrics = root.putArray("customMetrics");
        for (CustomMetric m : d.customMetrics()) {
            ObjectNode n = metrics.addObject();
            n.put("name", m.name());
            n.put("type", m.type().id());
            n.put("help", m.help());
        }
        ArrayNode warnings = root.putArray("warnings");
        d.warnings().forEach(warnings::add);
        root.put("addTargetCommand", d.addTargetCommand(d.suggestedName()));
        return write(mapper, root);
    }

    private static String write(ObjectMapper mapper, ObjectNode root) {
        try {
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.monstack.check;

import io.monstack.generate.NextSteps;
import io.monstack.render.ShellQuote;
import io.monstack.spec.StackSpec;
import java.util.List;

/** The commands findings tell the user to type, spelled for this stack's folder and platform. */
final class Fixes {
    private final StackSpec spec;
    private final String dir;

    Fixes(StackSpec spec, String dir) {
        this.spec = spec;
        this.dir = dir;
    }

    /** "-C DIR", shell-quoted; empty for the current folder. */
    String dirOption() {
        return dir.equals(".") ? "" : " -C " + ShellQuote.quote(dir);
    }

    /** After an edit of monstack.yml: render it and bring the running stack up to date. */
    String afterSpecEdit() {
        return "then " + commands(true);
    }

    /** Rebuilds and restarts the stack from its files (the running Prometheus is older than them). */
    String redeploy() {
        return commands(false);
    }

    /** `cd DIR && [monstack generate &&] the platform's start commands`, as one line to paste. */
    private String commands(boolean generate) {
        List<String> steps = new java.util.ArrayList<>();
        if (!dir.equals(".")) {
            steps.add("cd " + ShellQuote.quote(dir));
        }
        if (generate) {
            steps.add("monstack generate");
        }
        NextSteps.of(spec).stream().map(NextSteps.Step::command).filter(c -> !c.equals(NextSteps.CHECK.command()))
                .forEach(steps::add);
        return "`" + String.join(" && ", steps) + "`";
    }

    /** How to see why one of the stack's services is down, and start it again. */
    String serviceStatus(String service) {
        String cd = dir.equals(".") ? "" : "cd " + ShellQuote.quote(dir) + " && ";
        if (spec.deploy().isSwarm()) {
            String swarmService = ShellQuote.quote(spec.name() + "_" + service);
            return "see why: `docker service ps --no-trunc " + swarmService + "` and `docker service logs " + swarmService
                    + "`; then " + redeploy();
        }
        return "see why: `" + cd + "docker compose ps -a " + service + " && docker compose logs --tail 30 " + service
                + "`; then `" + cd + "docker compose up -d --build " + service + "`";
    }

    /** No Prometheus answers at the stack's address: the stack is not running, or Prometheus is elsewhere. */
    String prometheusDown() {
        String status = spec.deploy().isSwarm() ? "docker stack ps " + ShellQuote.quote(spec.name())
                : (dir.equals(".") ? "" : "cd " + ShellQuote.quote(dir) + " && ") + "docker compose ps -a prometheus";
        return "is the stack running (`" + status + "`)? start it: " + redeploy() + "; or give Prometheus' address with --url";
    }

    /** A file of the stack's folder (prometheus/rules/x.yml) as the user finds it from here. */
    String inStack(String path) {
        return ShellQuote.quote(dir.equals(".") ? path : dir + "/" + path);
    }

    String mergeDaemonJson() {
        return "sudo monstack merge-daemon-json" + dirOption() + ", then restart the engine (sudo systemctl restart docker)";
    }

    /** The lines of an app's compose file that put its services on the stack's network. */
    static List<String> joinNetwork(String network) {
        return List.of("networks:", "  default:", "    name: " + network, "    external: true");
    }
}

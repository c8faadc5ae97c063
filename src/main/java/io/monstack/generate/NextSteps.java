package io.monstack.generate;

import io.monstack.spec.StackSpec;
import java.util.List;

/**
 * What to run in the stack's folder once it is written, in order: the one list that init prints
 * and the stack's README shows, so the two never disagree.
 */
public final class NextSteps {
    /** One shell command and what it is for. */
    public record Step(String command, String why) {
    }

    private NextSteps() {
    }

    /** Once the stack runs: every target up and every panel with data, or what is wrong and what to type. */
    public static final Step CHECK = new Step("monstack check --wait 2m", "until every target is up and every panel has "
            + "data; else what is wrong and the fix");

    public static List<Step> of(StackSpec spec) {
        if (spec.deploy().isSwarm()) {
            return List.of(
                    new Step("monstack build-images --push", "builds and pushes the images every node pulls"),
                    new Step("set -a && . ./.env && set +a", "the Grafana admin password; stack deploy reads no .env"),
                    new Step("docker stack deploy -c stack.yaml " + spec.name(), "runs the stack on the swarm"),
                    CHECK);
        }
        return List.of(new Step("docker compose up -d --build", "builds the images and starts the stack"), CHECK);
    }

    /** The steps as one line to paste: cd DIR && step && step. */
    public static String oneLine(StackSpec spec, String dir) {
        // in the stack folder already: no cd
        boolean here = java.nio.file.Path.of(dir).normalize().toString().isEmpty();
        StringBuilder sb = new StringBuilder(here ? "" : "cd " + io.monstack.render.ShellQuote.quote(dir));
        for (Step s : of(spec)) {
            sb.append(sb.length() == 0 ? "" : " && ").append(s.command());
        }
        return sb.toString();
    }
}

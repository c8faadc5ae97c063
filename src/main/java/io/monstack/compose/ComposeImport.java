package io.monstack.compose;

import io.monstack.spec.AppNetwork;
import io.monstack.spec.Platform;
import io.monstack.spec.StackOverrides;
import io.monstack.spec.TargetDraft;
import java.util.List;

/**
 * What the app's compose files gave: a target per service that serves metrics (as drafts, so the
 * defaults apply in one place and a wizard can ask what is open), the services left out and why,
 * the app networks Prometheus joins, and notes (values left out, guesses made).
 */
public record ComposeImport(String project, String files, List<FoundTarget> targets, List<LeftOut> leftOut,
        List<AppNetwork> networks, List<String> notes, boolean swarm) {

    public ComposeImport {
        targets = List.copyOf(targets);
        leftOut = List.copyOf(leftOut);
        networks = List.copyOf(networks);
        notes = List.copyOf(notes);
    }

    /**
     * One service as a target. how says where each answer came from, for the run's report;
     * open is what nothing told (asked by the wizard), empty when the draft is complete.
     */
    public record FoundTarget(String service, TargetDraft draft, List<String> how, List<String> open) {
        public FoundTarget {
            how = List.copyOf(how);
            open = List.copyOf(open);
        }
    }

    /** A service that is not a target, and why (one line, with the fix where there is one). */
    public record LeftOut(String service, String reason) {
    }

    public List<TargetDraft> drafts() {
        return targets.stream().map(FoundTarget::draft).toList();
    }

    /**
     * init's flags with what was found: the networks, the platform it was read for, and (unless
     * a wizard starts from the drafts) the targets.
     */
    public StackOverrides addTo(StackOverrides overrides, boolean asking) {
        overrides.networks(networks).platform((swarm ? Platform.SWARM : Platform.COMPOSE).id());
        if (!asking) {
            drafts().forEach(overrides::target);
        }
        return overrides;
    }
}

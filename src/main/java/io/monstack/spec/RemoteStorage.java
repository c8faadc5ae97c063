package io.monstack.spec;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What this Prometheus shares with a central store: remoteWrite (every sample sent on, spec key
 * remoteWrite) and externalLabels (global.external_labels: added to every series and alert that
 * leaves this Prometheus, e.g. cluster and host, so the central store can tell stacks apart).
 */
public record RemoteStorage(List<RemoteWrite> remoteWrite, SortedMap<String, String> externalLabels) {
    public RemoteStorage {
        remoteWrite = remoteWrite == null ? List.of() : List.copyOf(remoteWrite);
        externalLabels = externalLabels == null ? new TreeMap<>() : new TreeMap<>(externalLabels);
    }

    public static RemoteStorage none() {
        return new RemoteStorage(List.of(), new TreeMap<>());
    }

    public boolean isEmpty() {
        return remoteWrite.isEmpty() && externalLabels.isEmpty();
    }

    public RemoteStorage withExternalLabels(Map<String, String> labels) {
        return new RemoteStorage(remoteWrite, new TreeMap<>(labels));
    }

    public RemoteStorage withRemoteWrite(List<RemoteWrite> stores) {
        return new RemoteStorage(stores, externalLabels);
    }
}

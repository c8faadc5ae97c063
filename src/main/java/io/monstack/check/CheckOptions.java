package io.monstack.check;

import java.time.Duration;

/**
 * How to check a stack.
 *
 * @param prometheusUrl where Prometheus is; null: from monstack.yml (publish address and port)
 * @param grafanaUrl where Grafana is; null: from monstack.yml
 * @param grafana whether to ask Grafana at all
 * @param waitUpTo how long to keep checking until the stack is healthy; zero: check once
 */
public record CheckOptions(String prometheusUrl, String grafanaUrl, boolean grafana, Duration waitUpTo) {
    public CheckOptions {
        waitUpTo = waitUpTo == null ? Duration.ZERO : waitUpTo;
    }

    public static CheckOptions once() {
        return new CheckOptions(null, null, true, Duration.ZERO);
    }

    public boolean waits() {
        return !waitUpTo.isZero();
    }
}

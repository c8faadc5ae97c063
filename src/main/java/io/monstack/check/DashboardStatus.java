package io.monstack.check;

/**
 * One generated dashboard as it would open in Grafana now.
 *
 * @param title the dashboard's title
 * @param file its file in the stack, e.g. grafana/dashboards/overview.json
 * @param panels how many panels it has (rows not counted)
 * @param withData how many of them would show data
 * @param optionalEmpty empty panels in "Optional: ..." rows (an old client may lack them)
 */
public record DashboardStatus(String title, String file, int panels, int withData, int optionalEmpty) {
    public boolean healthy() {
        return withData + optionalEmpty == panels;
    }
}

package io.monstack.spec;

/** How the services' dashboards are laid out (grafana.dashboards): one each, one per runtime family, or auto (by count). */
public enum DashboardLayout implements SpecChoice {
    AUTO("auto", ""),
    PER_SERVICE("per-service", ""),
    PER_RUNTIME("per-runtime", "");

    private final String id;
    private final String meaning;

    DashboardLayout(String id, String meaning) {
        this.id = id;
        this.meaning = meaning;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String meaning() {
        return meaning;
    }
}

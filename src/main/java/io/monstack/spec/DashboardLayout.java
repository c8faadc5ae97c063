package io.monstack.spec;

/** How the services' dashboards are laid out (grafana.dashboards): one each, one per runtime family, or auto (by count). */
public enum DashboardLayout implements SpecChoice {
    AUTO, PER_SERVICE, PER_RUNTIME
}

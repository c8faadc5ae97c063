package io.monstack.check;

/**
 * One job of the stack, expected against found.
 *
 * @param job the job name
 * @param expected what monstack.yml asks for: the static hosts, or the DNS names
 * @param active the targets Prometheus scrapes for it
 * @param up how many of them are up
 * @param dropped targets discovered but dropped by relabelling
 */
public record JobStatus(String job, String expected, int active, int up, int dropped) {
    public boolean healthy() {
        return active > 0 && up == active;
    }
}

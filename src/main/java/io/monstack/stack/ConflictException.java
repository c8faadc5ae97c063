package io.monstack.stack;

import io.monstack.output.Plan;

/** Files the user edited would be overwritten: nothing was written. */
public class ConflictException extends RuntimeException {
    private final Plan plan;

    public ConflictException(String message, Plan plan) {
        super(message);
        this.plan = plan;
    }

    public Plan plan() {
        return plan;
    }
}

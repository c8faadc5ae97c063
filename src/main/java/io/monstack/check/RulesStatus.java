package io.monstack.check;

/**
 * The stack's alerting as Prometheus runs it.
 *
 * @param groups rule groups loaded
 * @param rules rules in them
 * @param failing rules whose last evaluation failed
 * @param firing alerts firing now
 * @param pending alerts waiting out their for:
 */
public record RulesStatus(int groups, int rules, int failing, int firing, int pending) {
}

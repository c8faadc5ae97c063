package io.monstack.spec;

/** Turns a problem's spec path into a message that says where it is (file:line:column when known). */
@FunctionalInterface
public interface PathLocator {
    String describe(Problem problem);

    PathLocator NONE = Problem::toString;
}

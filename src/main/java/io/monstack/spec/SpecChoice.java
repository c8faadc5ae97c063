package io.monstack.spec;

import java.util.Arrays;
import java.util.List;

/** A closed set of values monstack.yml and the flags take by name (platform: swarm, ...): parsed once, with the choices in the message. */
public interface SpecChoice {
    /** The name monstack.yml and the flags use. */
    String id();

    /** What the value means, for messages (e.g. "the swarm API, through the Docker socket"). */
    String meaning();

    /** The constant of type named id; the IllegalArgumentException's message lists every choice. */
    static <E extends Enum<E> & SpecChoice> E parse(Class<E> type, String id) {
        for (E e : type.getEnumConstants()) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        throw new IllegalArgumentException(SpecValidator.show(id) + " must be " + describe(type));
    }

    /** "one of compose, swarm", or with meanings "ingress (every node, routing mesh) or host (the node ...)". */
    static <E extends Enum<E> & SpecChoice> String describe(Class<E> type) {
        if (Arrays.stream(type.getEnumConstants()).allMatch(e -> e.meaning().isEmpty())) {
            return "one of " + String.join(", ", ids(type));
        }
        List<String> parts = Arrays.stream(type.getEnumConstants())
                .map(e -> e.id() + (e.meaning().isEmpty() ? "" : " (" + e.meaning() + ")")).toList();
        return parts.size() == 1 ? parts.get(0)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " or " + parts.get(parts.size() - 1);
    }

    static <E extends Enum<E> & SpecChoice> List<String> ids(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(SpecChoice::id).toList();
    }
}

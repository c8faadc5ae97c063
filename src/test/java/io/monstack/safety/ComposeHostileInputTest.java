package io.monstack.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.monstack.compose.ComposeImport;
import io.monstack.compose.ComposeImporter;
import io.monstack.compose.ComposeRequest;
import io.monstack.render.Quote;
import io.monstack.spec.SpecException;
import io.monstack.spec.SpecReader;
import io.monstack.spec.SpecValidator;
import io.monstack.spec.SpecWriter;
import io.monstack.spec.StackOverrides;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import io.monstack.stack.UserException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The hostile values of {@link HostileValues} in the fields of a compose file that reach the
 * stack (a service's name, a network's name, the project's name, an image, a label's value, a
 * metrics path label): each is refused with one short line per problem, or it lands verbatim
 * where it belongs and the stack it makes is valid, round-trips through monstack.yml, and renders
 * files that all parse.
 */
class ComposeHostileInputTest {
    enum Field {
        SERVICE_NAME, NETWORK_NAME, PROJECT_NAME, IMAGE, LABEL_VALUE, METRICS_PATH
    }

    @TempDir
    Path tmp;

    static String compose(Field field, String value) {
        String v = Quote.yaml(value);
        String service = field == Field.SERVICE_NAME ? v : "web";
        return (field == Field.PROJECT_NAME ? "name: " + v + "\n" : "name: shop\n")
                + "services:\n"
                + "  " + service + ":\n"
                + "    image: " + (field == Field.IMAGE ? v : "golang:1.22") + "\n"
                + "    expose: [\"8080\"]\n"
                + "    networks: [app]\n"
                + "    labels:\n"
                + (field == Field.LABEL_VALUE ? "      monstack.label: " + Quote.yaml("team=" + value) + "\n" : "")
                + (field == Field.METRICS_PATH ? "      prometheus.io/path: " + v + "\n" : "")
                + "      team: shop\n"
                + "networks:\n"
                + "  app:\n"
                + (field == Field.NETWORK_NAME ? "    name: " + v + "\n" : "    internal: false\n");
    }

    @ParameterizedTest
    @EnumSource(Field.class)
    void everyHostileValueIsRefusedInOneLineOrLandsVerbatim(Field field) throws IOException {
        List<String> failures = new ArrayList<>();
        int accepted = 0;
        int i = 0;
        for (String value : HostileValues.all()) {
            if (hasLoneSurrogate(value)) {
                continue; // not writable as UTF-8
            }
            String what = field + "=" + HostileValues.show(value);
            Path file = Files.createDirectories(tmp.resolve("app" + i++)).resolve("compose.yaml");
            Files.writeString(file, compose(field, value), StandardCharsets.UTF_8);
            ComposeImport found;
            try {
                found = new ComposeImporter(Map.of()).importAll(new ComposeRequest(List.of(file), List.of(), false, false, 3, false));
            } catch (UserException | SpecException e) {
                List<String> lines = e instanceof SpecException s ? s.problems() : List.of(e.getMessage());
                for (String line : lines) {
                    // no control character at all: a newline breaks the line, an ESC or CSI reaches the terminal
                    if (line.codePoints().anyMatch(Character::isISOControl) || line.length() > 600 || line.contains("Exception")) {
                        failures.add(what + ": refusal is not one short line: " + HostileValues.show(line));
                    }
                }
                continue;
            } catch (RuntimeException e) {
                failures.add(what + ": " + e);
                continue;
            }
            if (found.targets().isEmpty()) {
                // left out (a monitoring image, ...): said in one line too
                found.leftOut().stream().filter(l -> l.reason().contains("\n") || l.reason().length() > 600)
                        .forEach(l -> failures.add(what + ": left out without a one-line reason: " + HostileValues.show(l.reason())));
                continue;
            }
            accepted++;
            try {
                StackOverrides o = found.addTo(new StackOverrides(), false);
                StackSpec spec = o.applyTo(StackSpec.empty("mon"));
                if (!SpecValidator.validate(spec).isEmpty()) {
                    failures.add(what + ": accepted, but the stack is not valid: " + SpecValidator.validate(spec));
                    continue;
                }
                if (!SpecReader.parse(SpecWriter.write(spec), "monstack.yml").equals(spec)) {
                    failures.add(what + ": monstack.yml round trip changes the spec");
                }
                HostileInputTest.render(spec).forEach((path, text) -> HostileInputTest.parse(path, text));
                Object landed = landed(field, spec);
                Object expected = switch (field) {
                    case IMAGE -> "web";
                    case SERVICE_NAME -> value.equals("prometheus") || value.equals("docker") ? value + "-app" : value;
                    default -> value;
                };
                // interpolation changes what holds a $ (by design: noted when it cannot resolve); the rest must hold
                if (!value.contains("$") && !expected.equals(landed)) {
                    failures.add(what + ": landed as " + HostileValues.show(String.valueOf(landed)));
                }
            } catch (RuntimeException | AssertionError e) {
                failures.add(what + ": " + e);
            }
        }
        assertThat(failures).as("%s: %d accepted; first failures:%n%s", field, accepted,
                String.join("\n", failures.subList(0, Math.min(20, failures.size())))).isEmpty();
        assertThat(accepted).as("%s values that make a target (their checks must run)", field).isPositive();
    }

    private static Object landed(Field field, StackSpec spec) {
        Target t = spec.targets().get(0);
        return switch (field) {
            case SERVICE_NAME -> t.name().replaceFirst("-app$", "").equals(t.dns().names().get(0)) ? t.name()
                    : "name " + t.name() + ", dns " + t.dns().names();
            case NETWORK_NAME -> spec.networks().get(0).name();
            case PROJECT_NAME -> spec.networks().get(0).name().replaceFirst("_app$", "");
            case IMAGE -> t.name();
            case LABEL_VALUE -> t.labels().get("team");
            case METRICS_PATH -> t.metricsPath();
        };
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1)))
                    || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)))) {
                return true;
            }
        }
        return false;
    }
}

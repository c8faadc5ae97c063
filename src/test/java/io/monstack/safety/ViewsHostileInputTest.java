package io.monstack.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.monstack.generate.GeneratedFile;
import io.monstack.generate.StackGenerator;
import io.monstack.spec.HostMetrics;
import io.monstack.spec.Problem;
import io.monstack.spec.SpecReader;
import io.monstack.spec.SpecValidator;
import io.monstack.spec.SpecWriter;
import io.monstack.spec.StackSpec;
import io.monstack.spec.TargetDraft;
import io.monstack.support.PromTools;
import io.monstack.support.Rendered;
import io.monstack.support.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The hostile values of HostileValues in the fields of the host view and the exporters: each is
 * refused with one short line, or lands verbatim as one value where it belongs (compose's
 * environment, command and secrets; prometheus.yml's targets and relabel rules; monstack.yml), every
 * YAML file still parses, and promtool accepts every prometheus.yml.
 */
class ViewsHostileInputTest {
    @TempDir
    static Path tmp;

    /** A field, and where an accepted value must land in the rendered stack. */
    enum Field {
        HOST_LISTEN(v -> new HostMetrics(true, HostMetrics.DEFAULT_IMAGE, v), null),
        POSTGRES_ADDRESS(null, v -> new TargetDraft("db").runtime("postgres").exporterAddress(v)),
        POSTGRES_USER(null, v -> new TargetDraft("db").runtime("postgres").exporterAddress("db:5432").exporterUsername(v)),
        POSTGRES_PASSWORD_FILE(null, v -> new TargetDraft("db").runtime("postgres").exporterAddress("db:5432").exporterUsername("monitor").exporterPasswordFile(v)),
        PROBE_URL(null, v -> new TargetDraft("site").runtime("blackbox").exporterAddress(v));

        final Function<String, HostMetrics> host;
        final Function<String, TargetDraft> target;

        Field(Function<String, HostMetrics> host, Function<String, TargetDraft> target) {
            this.host = host;
            this.target = target;
        }

        StackSpec spec(String value) {
            StackSpec base = StackSpec.empty("shop");
            return host != null ? base.with(b -> b.hostMetrics(host.apply(value))) : base.withTarget(target.apply(value).toTarget());
        }
    }

    @ParameterizedTest
    @EnumSource(Field.class)
    @SuppressWarnings("unchecked")
    void everyHostileValueIsRefusedOrLandsVerbatim(Field field) throws IOException {
        List<String> failures = new ArrayList<>();
        Map<String, String> configs = new LinkedHashMap<>();
        int accepted = 0;
        List<String> values = new ArrayList<>(HostileValues.all());
        // URLs that the URL rule lets through but that mean something to YAML, Compose or a shell
        values.addAll(List.of("https://x.example.com/?a=$HOME&b=${PATH}", "http://x/a'b\"c", "http://x/#frag: yes",
                "https://x/%7B%7B .Status %7D%7D", "http://x/$$$", "http://[::1]:8080/a,b;c=d*e+(f)!@~"));
        for (String value : values) {
            String what = field + "=" + HostileValues.show(value);
            StackSpec spec = field.spec(value);
            List<Problem> problems = SpecValidator.validate(spec);
            if (!problems.isEmpty()) {
                problems.stream().map(Problem::toString).filter(m -> m.contains("\n") || m.length() > 400 || m.contains("Exception"))
                        .forEach(m -> failures.add(what + ": refusal is not one short line: " + HostileValues.show(m)));
                continue;
            }
            accepted++;
            Map<String, String> files = new LinkedHashMap<>();
            try {
                for (GeneratedFile f : new StackGenerator().generate(spec)) {
                    files.put(f.path(), f.content());
                }
                Map<String, Object> compose = (Map<String, Object>) Rendered.yaml(files.get("compose.yaml"));
                Map<String, Object> services = (Map<String, Object>) compose.get("services");
                Map<String, Object> prom = (Map<String, Object>) Rendered.yaml(files.get("prometheus/prometheus.yml"));
                List<Map<String, Object>> jobs = (List<Map<String, Object>>) prom.get("scrape_configs");
                Object landed = switch (field) {
                    case HOST_LISTEN -> ((List<String>) ((Map<String, Object>) services.get("node-exporter")).get("command")).get(1)
                            .replace("--web.listen-address=", "");
                    case POSTGRES_ADDRESS -> String.valueOf(env(services, "db-exporter").get("DATA_SOURCE_URI"))
                            .replace("/postgres?sslmode=disable", "").replace("$$", "$");
                    case POSTGRES_USER -> String.valueOf(env(services, "db-exporter").get("DATA_SOURCE_USER")).replace("$$", "$");
                    case POSTGRES_PASSWORD_FILE -> String.valueOf(((Map<String, Object>) ((Map<String, Object>) compose.get("secrets"))
                            .get("db-exporter-password")).get("file")).replace("$$", "$");
                    case PROBE_URL -> ((List<Object>) ((List<Map<String, Object>>) job(jobs, "site").get("static_configs")).get(0)
                            .get("targets")).get(0);
                };
                if (!value.equals(landed)) {
                    failures.add(what + ": landed as " + HostileValues.show(String.valueOf(landed)));
                }
                if (field == Field.POSTGRES_ADDRESS) {
                    Object instance = ((List<Map<String, Object>>) job(jobs, "db").get("relabel_configs")).get(0).get("replacement");
                    if (!value.equals(String.valueOf(instance).replace("$$", "$"))) {
                        failures.add(what + ": instance relabelled to " + HostileValues.show(String.valueOf(instance)));
                    }
                }
                if (!SpecReader.parse(SpecWriter.write(spec), "monstack.yml").equals(spec)) {
                    failures.add(what + ": monstack.yml does not read back the same");
                }
                configs.putIfAbsent(files.get("prometheus/prometheus.yml"), what);
            } catch (RuntimeException | AssertionError e) {
                failures.add(what + ": " + e);
            }
        }
        failures.addAll(promtool(field, configs));
        assertThat(accepted).as("some values of %s are accepted (else nothing is rendered)", field).isPositive();
        assertThat(failures).as("%d hostile values in %s fail (first 25):%n%s", failures.size(), field,
                String.join("\n", failures.subList(0, Math.min(25, failures.size())))).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> env(Map<String, Object> services, String service) {
        return (Map<String, Object>) ((Map<String, Object>) services.get(service)).get("environment");
    }

    private static Map<String, Object> job(List<Map<String, Object>> jobs, String name) {
        return jobs.stream().filter(j -> name.equals(j.get("job_name"))).findFirst().orElseThrow(() -> new AssertionError("no job " + name));
    }

    /** promtool check config on every distinct accepted prometheus.yml, one call per batch. */
    private static List<String> promtool(Field field, Map<String, String> configs) throws IOException {
        List<String> failures = new ArrayList<>();
        Path dir = Files.createDirectories(tmp.resolve(field.name()));
        List<String> names = new ArrayList<>();
        List<String> whats = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, String> e : configs.entrySet()) {
            Path file = dir.resolve("c" + i++ + ".yml");
            Files.writeString(file, e.getKey(), StandardCharsets.UTF_8);
            names.add(file.toString());
            whats.add(e.getValue());
        }
        for (int from = 0; from < names.size(); from += 50) {
            List<String> batch = names.subList(from, Math.min(names.size(), from + 50));
            if (PromTools.check("config", 3, dir, batch).exitCode() != 0) {
                for (int j = 0; j < batch.size(); j++) {
                    Tools.Result one = PromTools.check("config", 3, dir, List.of(batch.get(j)));
                    if (one.exitCode() != 0) {
                        failures.add(whats.get(from + j) + ": promtool check config fails: " + one.output().strip());
                    }
                }
            }
        }
        return failures;
    }
}

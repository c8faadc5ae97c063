package io.monstack.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.monstack.generate.GeneratedFile;
import io.monstack.generate.StackGenerator;
import io.monstack.spec.AppNetwork;
import io.monstack.spec.DeploySettings;
import io.monstack.spec.GrafanaSettings;
import io.monstack.spec.ImageSettings;
import io.monstack.spec.Problem;
import io.monstack.spec.RemoteStorage;
import io.monstack.spec.RemoteWrite;
import io.monstack.spec.SpecException;
import io.monstack.spec.SpecReader;
import io.monstack.spec.SpecValidator;
import io.monstack.spec.SpecWriter;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import io.monstack.spec.TargetDraft;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The hostile values of {@link HostileValues} in every field of swarm and remote storage: each is
 * refused with a reason, or lands verbatim where it belongs (stack.yaml, prometheus.yml, the
 * datasource) without changing the structure of any generated file, and monstack.yml round-trips.
 */
class DeployHostileInputTest {
    private static final StackGenerator GENERATOR = new StackGenerator();

    enum Field {
        REMOTE_URL, USERNAME, PASSWORD_FILE, TOKEN_FILE, EXTERNAL_LABEL, DATASOURCE_URL, SCRAPE_LABEL, NETWORK
    }

    static StackSpec spec(Field field, String value) {
        Function<Field, String> v = f -> f == field ? value : switch (f) {
            case REMOTE_URL -> "https://central.example.com/api/v1/write";
            case USERNAME -> "shop";
            case PASSWORD_FILE -> "/etc/monstack/rw-password";
            case TOKEN_FILE -> "secrets/rw-token";
            case EXTERNAL_LABEL -> "prod";
            case DATASOURCE_URL -> "https://central.example.com/prometheus";
            case SCRAPE_LABEL -> "prometheus.monstack.scrape=true";
            case NETWORK -> "shop_default";
        };
        TreeMap<String, String> labels = new TreeMap<>(Map.of("cluster", v.apply(Field.EXTERNAL_LABEL)));
        RemoteStorage remote = new RemoteStorage(List.of(
                new RemoteWrite(v.apply(Field.REMOTE_URL), "central", new RemoteWrite.BasicAuth(v.apply(Field.USERNAME),
                        v.apply(Field.PASSWORD_FILE)), null),
                new RemoteWrite("http://mimir:9009/api/v1/push", null, null, v.apply(Field.TOKEN_FILE))), labels);
        Target web = new TargetDraft("web").runtime("go").dns(List.of("tasks.web"), "A", 8080, null).toTarget();
        StackSpec base = StackSpec.empty("shop").withTarget(web)
                .withImages(new ImageSettings("registry.example.com:5000/team", "latest"))
                .withGrafana(new GrafanaSettings(GrafanaSettings.DEFAULT_IMAGE, 3000, io.monstack.spec.DashboardLayout.AUTO, v.apply(Field.DATASOURCE_URL)))
                .withRemote(remote)
                .withNetworks(List.of(new AppNetwork(v.apply(Field.NETWORK))));
        return base.withDeploy(new DeploySettings(io.monstack.spec.Platform.SWARM, io.monstack.spec.SwarmDiscovery.DOCKERSWARM, io.monstack.spec.PublishMode.HOST,
                v.apply(Field.SCRAPE_LABEL), null, null));
    }

    @ParameterizedTest
    @EnumSource(Field.class)
    void everyHostileValueIsRefusedOrLandsVerbatim(Field field) {
        List<String> failures = new ArrayList<>();
        int accepted = 0;
        for (String value : HostileValues.all()) {
            StackSpec spec = spec(field, value);
            String what = field + "=" + HostileValues.show(value);
            List<Problem> problems = SpecValidator.validate(spec);
            if (!problems.isEmpty()) {
                if (problems.stream().anyMatch(p -> p.message().isBlank())) {
                    failures.add(what + ": refused without a reason");
                }
                continue;
            }
            accepted++;
            try {
                StackSpec read = SpecReader.parse(SpecWriter.write(spec), "monstack.yml");
                if (!read.equals(spec)) {
                    failures.add(what + ": monstack.yml round trip changes the spec");
                }
            } catch (SpecException e) {
                failures.add(what + ": monstack.yml of a valid spec is refused: " + e.getMessage());
            }
            Map<String, Object> parsed = new TreeMap<>();
            for (GeneratedFile f : GENERATOR.generate(spec)) {
                try {
                    Object tree = HostileInputTest.parse(f.path(), f.content());
                    if (tree != null) {
                        parsed.put(f.path(), tree);
                    }
                } catch (AssertionError e) {
                    failures.add(what + ": " + e.getMessage());
                }
            }
            Object landed = landed(field, parsed);
            Object expected = field == Field.PASSWORD_FILE || field == Field.TOKEN_FILE ? value.replace("$", "$$") : value;
            if (!expected.equals(landed)) {
                failures.add(what + ": landed as " + landed);
            }
        }
        assertThat(failures).as("%s: %d accepted", field, accepted).isEmpty();
        if (field == Field.NETWORK) {
            assertThat(accepted).as("network names accepted (their checks must run)").isPositive();
        }
        if (field == Field.USERNAME || field == Field.EXTERNAL_LABEL || field == Field.PASSWORD_FILE || field == Field.TOKEN_FILE) {
            assertThat(accepted).as("free-text %s values accepted", field).isGreaterThan(HostileValues.all().size() / 3);
        }
    }

    /** Where the field's value must appear, read back from the parsed files. */
    @SuppressWarnings("unchecked")
    private static Object landed(Field field, Map<String, Object> parsed) {
        Map<String, Object> prom = (Map<String, Object>) parsed.get("prometheus/prometheus.yml");
        Map<String, Object> stack = (Map<String, Object>) parsed.get("stack.yaml");
        List<Map<String, Object>> writes = (List<Map<String, Object>>) prom.get("remote_write");
        return switch (field) {
            case REMOTE_URL -> writes.get(0).get("url");
            case USERNAME -> ((Map<String, Object>) writes.get(0).get("basic_auth")).get("username");
            case PASSWORD_FILE -> ((Map<String, Object>) ((Map<String, Object>) stack.get("secrets"))
                    .get("remote-write-central-password")).get("file");
            case TOKEN_FILE -> ((Map<String, Object>) ((Map<String, Object>) stack.get("secrets"))
                    .get("remote-write-2-token")).get("file");
            case EXTERNAL_LABEL -> ((Map<String, Object>) ((Map<String, Object>) prom.get("global")).get("external_labels")).get("cluster");
            case DATASOURCE_URL -> ((Map<String, Object>) ((List<Object>) ((Map<String, Object>) parsed
                    .get("grafana/provisioning/datasources/prometheus.yml")).get("datasources")).get(0)).get("url");
            case NETWORK -> {
                Map<String, Object> networks = (Map<String, Object>) stack.get("networks");
                Map<String, Object> app = networks.entrySet().stream().filter(e -> e.getKey().startsWith("app_"))
                        .map(e -> (Map<String, Object>) e.getValue()).findFirst().orElse(null);
                List<Map<String, Object>> jobs = (List<Map<String, Object>>) prom.get("scrape_configs");
                Map<String, Object> web = jobs.stream().filter(j -> "web".equals(j.get("job_name"))).findFirst().orElseThrow();
                Object regex = ((List<Map<String, Object>>) web.get("relabel_configs")).stream()
                        .filter(r -> List.of("__meta_dockerswarm_network_name").equals(r.get("source_labels"))).findFirst()
                        .orElseThrow().get("regex");
                String name = app == null ? null : (String) app.get("name");
                // the task filter keeps the stack's network and this one (its dots escaped)
                yield name != null && regex.equals("shop-monitoring|" + name.replace(".", "\\.")) && Boolean.TRUE.equals(app.get("external"))
                        ? name : "regex " + regex + ", network " + app;
            }
            case SCRAPE_LABEL -> {
                List<Map<String, Object>> jobs = (List<Map<String, Object>>) prom.get("scrape_configs");
                Map<String, Object> web = jobs.stream().filter(j -> "web".equals(j.get("job_name"))).findFirst().orElseThrow();
                Map<String, Object> sd = ((List<Map<String, Object>>) web.get("dockerswarm_sd_configs")).get(0);
                yield ((List<Object>) ((List<Map<String, Object>>) sd.get("filters")).get(0).get("values")).get(0);
            }
        };
    }
}

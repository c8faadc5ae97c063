package io.monstack.views;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.monstack.alerting.RuleUnitTests;
import io.monstack.generate.AlertRules;
import io.monstack.spec.Platform;
import io.monstack.spec.Problem;
import io.monstack.spec.SpecReader;
import io.monstack.spec.SpecValidator;
import io.monstack.spec.SpecWriter;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import io.monstack.spec.TargetDraft;
import io.monstack.support.Cli;
import io.monstack.support.Compose;
import io.monstack.support.PromTools;
import io.monstack.support.Rendered;
import io.monstack.support.Schemas;
import io.monstack.support.Tools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Services without metrics of their own: the stack runs their exporter (postgres, mysql, redis,
 * nginx, blackbox), with the credentials from files mounted as secrets. The services, jobs,
 * dashboards and rules, checked with the real tools; the end-to-end test runs the exporters on
 * real servers.
 */
class ExportersTest {
    @TempDir
    Path tmp;

    static Target exporter(String name, String type, String address, String user, String passwordFile) {
        return new TargetDraft(name).runtime(type).exporterAddress(address).exporterUsername(user)
                .exporterPasswordFile(passwordFile).toTarget();
    }

    static StackSpec every() {
        StackSpec spec = StackSpec.empty("shop").withTargets(List.of(
                exporter("db", "postgres", "db:5432", "monitor", "secrets/db-password"),
                exporter("orders-db", "mysql", "mariadb:3306", null, "secrets/orders-db.cnf"),
                exporter("cache", "redis", "cache:6379", null, "secrets/cache-password.json"),
                exporter("web", "nginx", "http://web:8080/stub_status", null, null),
                exporter("site", "blackbox", "https://shop.example.com/", null, null)));
        return spec.withAlerting(spec.alerting().withEnabled(true));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsEachExporterWithItsCredentialsFromSecretFiles() throws IOException {
        StackSpec spec = every();
        assertThat(SpecValidator.validate(spec)).isEmpty();
        Rendered r = new Rendered(spec);
        Map<String, Object> compose = r.yamlMap("compose.yaml");
        Schemas.assertValid("compose-spec.json", Rendered.JSON.valueToTree(compose), "compose.yaml");
        Map<String, Object> services = map(compose.get("services"));
        Map<String, Object> db = map(services.get("db-exporter"));
        assertThat(db).containsEntry("image", "prometheuscommunity/postgres-exporter:v0.17.1").doesNotContainKey("ports");
        assertThat(map(db.get("environment"))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "DATA_SOURCE_URI", "db:5432/postgres?sslmode=disable", "DATA_SOURCE_USER", "monitor",
                "DATA_SOURCE_PASS_FILE", "/run/secrets/db-exporter-password"));
        assertThat((List<String>) db.get("secrets")).containsExactly("db-exporter-password");
        Map<String, Object> mysql = map(services.get("orders-db-exporter"));
        assertThat((List<String>) mysql.get("command")).containsExactly("--mysqld.address=mariadb:3306",
                "--config.my-cnf=/run/secrets/orders-db-exporter-password");
        assertThat((List<String>) map(services.get("cache-exporter")).get("command")).containsExactly("--redis.addr=redis://cache:6379",
                "--redis.password-file=/run/secrets/cache-exporter-password");
        assertThat((List<String>) map(services.get("web-exporter")).get("command"))
                .containsExactly("--nginx.scrape-uri=http://web:8080/stub_status");
        assertThat(map(services.get("web-exporter"))).doesNotContainKey("secrets");
        assertThat(map(services.get("site-exporter"))).containsEntry("image", "prom/blackbox-exporter:v0.26.0");
        Map<String, Object> secrets = map(compose.get("secrets"));
        assertThat(map(secrets.get("db-exporter-password"))).containsEntry("file", "secrets/db-password");
        assertThat(map(secrets.get("cache-exporter-password"))).containsEntry("file", "secrets/cache-password.json");
        // no image gets a credential: the build contexts hold none
        assertThat(r.files().keySet()).noneMatch(p -> p.contains("secrets/"));

        Path dir = r.writeTo(tmp.resolve("compose"));
        Files.writeString(dir.resolve(".env"), "GRAFANA_ADMIN_PASSWORD=test-only-not-a-secret\n");
        Files.createDirectories(dir.resolve("secrets"));
        for (String f : List.of("db-password", "orders-db.cnf", "cache-password.json")) {
            Files.writeString(dir.resolve("secrets").resolve(f), "test-only\n");
        }
        Tools.Result config = Compose.v2().config(dir, "compose.yaml", Map.of());
        assertThat(config.exitCode()).as("docker compose config -q:%n%s", config.output()).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesTheExportersAndProbesTheUrlThroughBlackbox() throws IOException {
        Rendered r = new Rendered(every());
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) r.yamlMap("prometheus/prometheus.yml").get("scrape_configs");
        Map<String, Object> db = job(jobs, "db");
        assertThat(((List<Map<String, Object>>) db.get("static_configs")).get(0).get("targets")).isEqualTo(List.of("db-exporter:9187"));
        assertThat((List<Map<String, Object>>) db.get("relabel_configs"))
                .containsExactly(Map.of("target_label", "instance", "replacement", "db:5432"));
        Map<String, Object> site = job(jobs, "site");
        assertThat(site).containsEntry("metrics_path", "/probe").containsEntry("params", Map.of("module", List.of("http_2xx")));
        assertThat(((List<Map<String, Object>>) site.get("static_configs")).get(0).get("targets"))
                .isEqualTo(List.of("https://shop.example.com/"));
        assertThat((List<Map<String, Object>>) site.get("relabel_configs")).containsExactly(
                Map.of("source_labels", List.of("__address__"), "target_label", "__param_target"),
                Map.of("source_labels", List.of("__param_target"), "target_label", "instance"),
                Map.of("target_label", "__address__", "replacement", "site-exporter:9115"));
        Path dir = r.writeTo(tmp.resolve("prom"));
        PromTools.assertConfigValid(3, dir.resolve("prometheus/prometheus.yml"));
        PromTools.assertRulesValid(3, dir.resolve("prometheus"), List.of("rules/monstack-records.yml", "rules/monstack-alerts.yml"));
        for (String name : List.of("db", "orders-db", "cache", "web", "site")) {
            JsonNode d = r.json("grafana/dashboards/service-" + name + ".json");
            Schemas.assertValid("grafana-dashboard.jsonschema.json", d, name);
        }
        assertThat(r.text("README.md")).contains("## Services without metrics of their own", "`db-exporter`",
                "JSON that maps the address to the password: \\{\"redis://cache:6379\": \"PASSWORD\"\\}", "readable by uid 59000");
    }

    @Test
    void theirAlertsFireOnSyntheticSeries() throws IOException {
        Rendered r = new Rendered(every());
        Path dir = r.writeTo(tmp.resolve("rules"));
        RuleUnitTests t = new RuleUnitTests(r.yamlMap(AlertRules.ALERTS_FILE));
        Map<String, String> db = Map.of("job", "db", "instance", "db:5432");
        Map<String, String> cache = Map.of("job", "cache", "instance", "cache:6379");
        Map<String, String> site = Map.of("job", "site", "instance", "https://shop.example.com/");
        t.series("pg_up{job=\"db\",instance=\"db:5432\"}", "0x20").fires("10m", "PostgresDown", db, "0")
                .series("pg_stat_database_numbackends{job=\"db\",instance=\"db:5432\",datname=\"shop\"}", "90x20")
                .series("pg_settings_max_connections{job=\"db\",instance=\"db:5432\",server=\"db:5432\"}", "100x20")
                .fires("10m", "PostgresTooManyConnections", db, "90%")
                .series("redis_memory_used_bytes{job=\"cache\",instance=\"cache:6379\"}", "95x20")
                .series("redis_memory_max_bytes{job=\"cache\",instance=\"cache:6379\"}", "100x20")
                .fires("10m", "RedisMemoryNearLimit", cache, "95%")
                .series("probe_success{job=\"site\",instance=\"https://shop.example.com/\"}", "1x20")
                .none("10m", "ProbeFailed", "site")
                .series("probe_ssl_earliest_cert_expiry{job=\"site\",instance=\"https://shop.example.com/\"}", "864000x20")
                .fires("10m", "CertificateExpiresSoon", site, "9.993");
        Path test = dir.resolve("prometheus/exporters-test.yml");
        Files.writeString(test, t.yaml(List.of("rules/monstack-records.yml", "rules/monstack-alerts.yml"), "1m"), StandardCharsets.UTF_8);
        Tools.Result result = Tools.run(dir.resolve("prometheus"), 120, PromTools.promtool(3).toString(), "test", "rules", "exporters-test.yml");
        assertThat(result.exitCode()).as("promtool test rules:%n%s%n%s", result.output(), Files.readString(test)).isZero();
    }

    @Test
    void addTargetAndInitTargetTakeTheExporterAndTheSpecReadsBack() throws IOException {
        Path dir = tmp.resolve("cli");
        Cli.Run init = Cli.run("init", dir.toString(), "--name", "shop", "--no-input",
                "--target", "name=cache,exporter=redis,address=cache:6379,password-file=secrets/cache.json");
        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(init.err()).contains("note: create the exporters' password files before starting the stack (a relative path is "
                + "from the stack folder): " + dir.resolve("secrets/cache.json")
                + " (JSON that maps the address to the password: {\"redis://cache:6379\": \"PASSWORD\"}; readable by uid 59000)");
        // a password file without the user it goes with: the exporter would log in as its own OS user
        Cli.Run noUser = Cli.run("add-target", "db", "-C", dir.toString(), "--exporter", "postgres", "--address", "db:5432",
                "--password-file", "secrets/db-password");
        assertThat(noUser.exitCode()).isEqualTo(1);
        assertThat(noUser.err()).contains("--username").contains("is required with a password file");
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/cache.json"), "{}");
        Cli.Run add = Cli.run("add-target", "db", "-C", dir.toString(), "--exporter", "postgres", "--address", "db:5432",
                "--username", "monitor", "--password-file", "secrets/db-password");
        assertThat(add.exitCode()).as(add.err()).isZero();
        // the note names only the files still missing
        assertThat(add.err()).contains(dir.resolve("secrets/db-password").toString()).doesNotContain("secrets/cache.json");
        assertThat(add.out()).contains("create     grafana/dashboards/service-db.json");
        assertThat(init.err()).doesNotContain("a login of its own"); // redis has no logins to make
        assertThat(add.err()).contains("note: give each database exporter a login of its own: the SQL is in the stack's README.md");
        assertThat(Files.readString(dir.resolve("README.md"))).contains("GRANT pg_monitor TO <name>;");
        StackSpec spec = SpecReader.read(dir.resolve("monstack.yml"));
        Target db = spec.target("db").orElseThrow();
        assertThat(db.runtime()).isEqualTo("postgres");
        assertThat(db.exporter().address()).isEqualTo("db:5432");
        assertThat(db.exporter().username()).isEqualTo("monitor");
        assertThat(SpecReader.parse(SpecWriter.write(spec), "monstack.yml")).isEqualTo(spec);
        assertThat(Files.readString(dir.resolve("monstack.yml"))).contains("exporter:", "address: db:5432", "passwordFile: secrets/db-password");

        Cli.Run bad = Cli.run("add-target", "q", "-C", dir.toString(), "--exporter", "go", "--address", "q:1");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("--exporter \"go\": not an exporter type; one of postgres, mysql, redis, nginx and blackbox");
        // an exporter's address with a runtime that has none: said by the flag, for the target typed
        Cli.Run noExporter = Cli.run("add-target", "q", "-C", dir.toString(), "--runtime", "go", "--address", "q:1");
        assertThat(noExporter.exitCode()).isEqualTo(1);
        assertThat(noExporter.err()).contains("target \"q\": runtime \"go\" has no exporter the stack can run: an exporter address, "
                + "user or password file goes with an exporter type, one of postgres, mysql, redis, nginx, blackbox")
                .doesNotContain("targets[");
        Cli.Run noAddress = Cli.run("add-target", "q", "-C", dir.toString(), "--exporter", "redis");
        assertThat(noAddress.err()).contains("target \"q\": --address: is required: host:port of the Redis server");
    }

    @Test
    void wrongSettingsAreRefusedWithTheReason() {
        List<String> problems = SpecValidator.validate(StackSpec.empty("shop").withTargets(List.of(
                exporter("db", "postgres", "db", null, "prometheus/pw"),
                exporter("web", "nginx", "web:8080", "admin", "secrets/x"),
                exporter("site", "blackbox", null, null, null),
                exporter("node", "redis", "cache:6379", null, null)).stream().toList()))
                .stream().map(Problem::toString).toList();
        assertThat(problems)
                .anySatisfy(p -> assertThat(p).startsWith("targets[0].exporter.passwordFile: \"prometheus/pw\" is inside the prometheus folder"))
                .anySatisfy(p -> assertThat(p).startsWith("targets[1].exporter.address: \"web:8080\" must be the URL of nginx's stub_status"))
                .anySatisfy(p -> assertThat(p).startsWith("targets[1].exporter.username: nginx's exporter takes no user name"))
                .anySatisfy(p -> assertThat(p).startsWith("targets[1].exporter.passwordFile: nginx's exporter reads no password"))
                // without an address there is no exporter to run, and no other way to reach the target
                .anySatisfy(p -> assertThat(p).startsWith("targets[2].exporter.address: is required: the URL to probe")
                        .endsWith("(\"blackbox\" serves no metrics of its own; the stack runs its exporter)"))
                // a password file goes with the user it is the password of
                .anySatisfy(p -> assertThat(p).startsWith("targets[0].exporter.username: is required with a password file"))
                .anySatisfy(p -> assertThat(p).startsWith("targets[3].name: the stack already has a service node-exporter"));
        // the last one only with the host view on, whose service that is
        StackSpec spec = StackSpec.empty("shop").withTarget(exporter("node", "redis", "cache:6379", null, null));
        assertThat(SpecValidator.validate(spec.with(b -> b.hostMetrics(spec.hostMetrics().withEnabled(true))))).isNotEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void onSwarmEachExporterIsAServiceOfTheStackWithItsSecret() throws IOException {
        StackSpec spec = every().with(b -> b.deploy(every().deploy().withPlatform(Platform.SWARM))
                .images(new io.monstack.spec.ImageSettings("registry.example.com:5000/team", "1")));
        assertThat(SpecValidator.validate(spec)).isEmpty();
        Rendered r = new Rendered(spec);
        Map<String, Object> stack = r.yamlMap("stack.yaml");
        Schemas.assertValid("compose-spec.json", Rendered.JSON.valueToTree(stack), "stack.yaml");
        Map<String, Object> db = map(map(stack.get("services")).get("db-exporter"));
        assertThat(map(db.get("deploy"))).containsEntry("replicas", 1);
        assertThat((List<String>) db.get("secrets")).containsExactly("db-exporter-password");
        assertThat(map(stack.get("secrets"))).containsKey("db-exporter-password");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> job(List<Map<String, Object>> jobs, String name) {
        return jobs.stream().filter(j -> name.equals(j.get("job_name"))).findFirst().orElseThrow(() -> new AssertionError("no job " + name));
    }
}

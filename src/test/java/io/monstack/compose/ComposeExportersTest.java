package io.monstack.compose;

import static org.assertj.core.api.Assertions.assertThat;

import io.monstack.spec.ExporterSettings;
import io.monstack.spec.SpecReader;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import io.monstack.support.Cli;
import io.monstack.support.Compose;
import io.monstack.support.Rendered;
import io.monstack.support.Tools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A compose service whose image serves no metrics (PostgreSQL, MariaDB, Redis, nginx) gets the
 * exporter the stack runs for it proposed, on the app's network, with what is left to give.
 */
class ComposeExportersTest {
    @TempDir
    Path tmp;

    @Test
    @SuppressWarnings("unchecked")
    void databasesCachesAndWebServersGetTheirExporter() throws Exception {
        Path app = ComposeImportTest.composeFile(tmp.resolve("shop"), """
                services:
                  db:
                    image: postgres:16
                  orders-db:
                    image: docker.io/library/mariadb:11
                    expose: ["3307"]
                  cache:
                    image: redis:7-alpine
                  web:
                    image: nginx:1.27
                    ports: ["8080:80"]
                  api:
                    image: ghcr.io/acme/orders-spring:1.2
                    expose: ["8080"]
                  metrics-db:
                    image: postgres:16
                    labels:
                      prometheus.io/scrape: "true"
                      prometheus.io/port: "9187"
                """);
        Path dir = tmp.resolve("mon");
        Cli.Run run = Cli.run("init", dir.toString(), "--name", "mon", "--no-input", "--compose", app.toString());
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
        StackSpec spec = SpecReader.read(dir.resolve("monstack.yml"));
        assertThat(spec.target("db").orElseThrow().exporter()).isEqualTo(new ExporterSettings("db:5432", null, null));
        assertThat(spec.target("db").orElseThrow().runtime()).isEqualTo("postgres");
        // the port the file lists, when it is not the usual one
        assertThat(spec.target("orders-db").orElseThrow().exporter().address()).isEqualTo("orders-db:3307");
        assertThat(spec.target("orders-db").orElseThrow().runtime()).isEqualTo("mysql");
        assertThat(spec.target("cache").orElseThrow().exporter().address()).isEqualTo("cache:6379");
        assertThat(spec.target("web").orElseThrow().exporter().address()).isEqualTo("http://web:80/stub_status");
        Target api = spec.target("api").orElseThrow();
        assertThat(api.runsExporter()).isFalse();
        assertThat(api.runtime()).isEqualTo("spring-boot");
        // a label that says the service serves metrics wins over the image: no exporter
        assertThat(spec.target("metrics-db").orElseThrow().runsExporter()).isFalse();
        assertThat(run.err()).contains("service db: its exporter logs in with a password file you give",
                "service web: its exporter reads http://web:80/stub_status: give nginx a `location = /stub_status { stub_status; }`");

        Rendered r = new Rendered(spec);
        Map<String, Object> services = (Map<String, Object>) r.yamlMap("compose.yaml").get("services");
        Map<String, Object> dbExporter = (Map<String, Object>) services.get("db-exporter");
        // on the app's network, where db resolves (declared external, by its real name)
        String key = ((List<String>) dbExporter.get("networks")).get(1);
        assertThat((List<String>) dbExporter.get("networks")).containsExactly("default", key);
        Map<String, Object> network = (Map<String, Object>) ((Map<String, Object>) r.yamlMap("compose.yaml").get("networks")).get(key);
        assertThat(network).containsEntry("name", "shop_default").containsEntry("external", true);
        Path written = dir;
        Files.writeString(written.resolve(".env"), "GRAFANA_ADMIN_PASSWORD=test-only-not-a-secret\n");
        Tools.Result config = Compose.v2().config(written, "compose.yaml", Map.of());
        assertThat(config.exitCode()).as("docker compose config -q:%n%s", config.output()).isZero();
    }

    @Test
    void credentialFlagsKeepTheExporterAddressTheImportFound() throws Exception {
        Path app = ComposeImportTest.composeFile(tmp.resolve("app"), """
                services:
                  orders-db:
                    image: postgres:16
                """);
        Path dir = tmp.resolve("s1");
        assertThat(Cli.run("init", dir.toString(), "--no-input", "--target", "name=web,runtime=go,static=web:8080").exitCode()).isZero();
        Cli.Run add = Cli.run("add-target", "orders-db", "--compose", app.toString(), "--password-file", "/etc/pg.pass",
                "--username", "mon", "-C", dir.toString(), "--no-input");
        assertThat(add.exitCode()).as(add.err() + add.out()).isZero();
        Target db = SpecReader.read(dir.resolve("monstack.yml")).target("orders-db").orElseThrow();
        assertThat(db.runtime()).isEqualTo("postgres");
        assertThat(db.exporter()).isEqualTo(new ExporterSettings("orders-db:5432", "mon", "/etc/pg.pass"));
    }
}

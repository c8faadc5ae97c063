package io.monstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.monstack.spec.SpecReader;
import io.monstack.spec.SpecWriter;
import io.monstack.spec.StackSpec;
import io.monstack.spec.Target;
import io.monstack.spec.TargetDraft;
import io.monstack.spec.TargetSetting;
import io.monstack.support.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One list of target settings: init's --target takes every setting add-target takes, by the name
 * of its long flag, and both land the same target in monstack.yml (which reads it back the same).
 */
class TargetSettingsTest {
    @TempDir
    Path tmp;

    /** A value for every setting but the name; dns-* with dns, so no static. */
    static final List<String[]> EVERY = List.of(
            new String[] {"runtime", "node"}, new String[] {"path", "/custom/metrics"}, new String[] {"dns", "accesslog"},
            new String[] {"dns-type", "A"}, new String[] {"dns-port", "80"}, new String[] {"dns-refresh", "5s"},
            new String[] {"interval", "3s"}, new String[] {"timeout", "2s"},
            new String[] {"fallback-scrape-protocol", "OpenMetricsText1.0.0"}, new String[] {"label", "team=shop"},
            new String[] {"metric", "access_log_total:counter:total log requests"});

    @Test
    void everyAddTargetFlagIsAnInitTargetKeyAndBothSayTheSame() throws Exception {
        List<String> keys = EVERY.stream().map(kv -> kv[0]).toList();
        // the list above covers every setting there is (else this test would miss a new one)
        List<String> covered = new ArrayList<>(keys);
        covered.add("static"); // the other way to reach a target (exactly one of static and dns), in the next test
        EXPORTER.forEach(kv -> covered.add(kv[0])); // the third way, in everyExporterFlagIsAnInitTargetKeyToo
        assertThat(TargetSetting.flags().stream().map(TargetSetting::key).toList()).containsExactlyInAnyOrderElementsOf(covered);

        StringBuilder compact = new StringBuilder("name=access-log");
        List<String> flags = new ArrayList<>(List.of("add-target", "access-log", "-C", tmp.resolve("b").toString()));
        for (String[] kv : EVERY) {
            compact.append(',').append(kv[0]).append('=').append(kv[1]);
            flags.add("--" + kv[0]);
            flags.add(kv[1]);
        }
        Cli.Run viaInit = Cli.run("init", tmp.resolve("a").toString(), "--name", "s", "--no-input", "--target", compact.toString());
        assertThat(viaInit.exitCode()).as(viaInit.err()).isZero();
        assertThat(Cli.run("init", tmp.resolve("b").toString(), "--name", "s", "--no-input").exitCode()).isZero();
        Cli.Run viaFlags = Cli.run(flags.toArray(String[]::new));
        assertThat(viaFlags.exitCode()).as(viaFlags.err()).isZero();

        Target a = SpecReader.read(tmp.resolve("a/monstack.yml")).target("access-log").orElseThrow();
        Target b = SpecReader.read(tmp.resolve("b/monstack.yml")).target("access-log").orElseThrow();
        assertThat(a).isEqualTo(b);
        assertThat(a.runtime()).isEqualTo("node");
        assertThat(a.metricsPath()).isEqualTo("/custom/metrics");
        assertThat(a.dns().names()).containsExactly("accesslog");
        assertThat(a.dns().port()).isEqualTo(80);
        assertThat(a.dns().refreshInterval()).isEqualTo("5s");
        assertThat(a.scrapeInterval()).isEqualTo("3s");
        assertThat(a.scrapeTimeout()).isEqualTo("2s");
        assertThat(a.fallbackScrapeProtocol()).isEqualTo("OpenMetricsText1.0.0");
        assertThat(a.labels()).containsEntry("team", "shop");
        assertThat(a.metrics()).singleElement().satisfies(m -> assertThat(m.help()).isEqualTo("total log requests"));
        // monstack.yml says each of them, and reads back as the same target
        StackSpec spec = SpecReader.read(tmp.resolve("a/monstack.yml"));
        assertThat(SpecReader.parse(SpecWriter.write(spec), "monstack.yml")).isEqualTo(spec);
    }

    /** The settings of a service whose exporter the stack runs. */
    static final List<String[]> EXPORTER = List.of(new String[] {"exporter", "postgres"}, new String[] {"address", "db:5432"},
            new String[] {"username", "monitor"}, new String[] {"password-file", "secrets/db-password"});

    @Test
    void everyExporterFlagIsAnInitTargetKeyToo() throws Exception {
        StringBuilder compact = new StringBuilder("name=db");
        List<String> flags = new ArrayList<>(List.of("add-target", "db", "-C", tmp.resolve("y").toString()));
        for (String[] kv : EXPORTER) {
            compact.append(',').append(kv[0]).append('=').append(kv[1]);
            flags.add("--" + kv[0]);
            flags.add(kv[1]);
        }
        assertThat(Cli.run("init", tmp.resolve("x").toString(), "--name", "s", "--no-input", "--target", compact.toString())
                .exitCode()).isZero();
        assertThat(Cli.run("init", tmp.resolve("y").toString(), "--name", "s", "--no-input").exitCode()).isZero();
        Cli.Run viaFlags = Cli.run(flags.toArray(String[]::new));
        assertThat(viaFlags.exitCode()).as(viaFlags.err()).isZero();
        Target x = SpecReader.read(tmp.resolve("x/monstack.yml")).target("db").orElseThrow();
        assertThat(x).isEqualTo(SpecReader.read(tmp.resolve("y/monstack.yml")).target("db").orElseThrow());
        assertThat(x.runtime()).isEqualTo("postgres");
        assertThat(x.exporter()).isEqualTo(new io.monstack.spec.ExporterSettings("db:5432", "monitor", "secrets/db-password"));
    }

    @Test
    void repeatableKeysJoinValuesAndUnknownKeysSayWhatTheyMeant() {
        Cli.Run ok = Cli.run("init", tmp.resolve("c").toString(), "--name", "s", "--no-input", "--dry-run",
                "--target", "name=web,static=web1:80+web2:80,label=a=1,label=b=2");
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        Cli.Run typo = Cli.run("init", tmp.resolve("d").toString(), "--name", "s", "--no-input",
                "--target", "name=web,static=web:80,intervall=5s");
        assertThat(typo.exitCode()).isEqualTo(1);
        assertThat(typo.err()).contains("unknown key \"intervall\" (did you mean \"interval\"?); the keys are " + TargetSetting.keys());
        Cli.Run badPort = Cli.run("init", tmp.resolve("e").toString(), "--name", "s", "--no-input",
                "--target", "name=web,dns=web,dns-port=99999");
        assertThat(badPort.exitCode()).isEqualTo(1);
        assertThat(badPort.err()).contains("dns-port \"99999\": must be a number from 1 to 65535");
    }

    @Test
    void aLabelValueMayHoldAPlusAndAPlusBeforeNameEqualsStartsTheNextLabel() {
        TargetDraft d = TargetSetting.parseCompact("name=web,static=web1:80+web2:80,label=team=a+b,label=build=1.0+abc+env=prod+x");
        assertThat(d.labels()).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of("team", "a+b", "build", "1.0+abc", "env", "prod+x")));
        assertThat(d.staticTargets()).containsExactly("web1:80", "web2:80");
        assertThat(TargetSetting.LABEL.splitValues("a=1++b=2+")).containsExactly("a=1+", "b=2+");
        assertThat(TargetSetting.STATIC.splitValues("web1:80+web2:80")).containsExactly("web1:80", "web2:80");
        assertThat(TargetSetting.METRIC.splitValues("a_total:counter:x=1+b:gauge")).containsExactly("a_total:counter:x=1", "b:gauge");
    }

    @Test
    void typedValuesInErrorsAreQuotedAndEscaped() {
        Cli.Run key = Cli.run("init", tmp.resolve("f").toString(), "--name", "s", "--no-input",
                "--target", "name=web,static=web:80,\u001b[2J=5s");
        assertThat(key.exitCode()).isEqualTo(1);
        assertThat(key.err()).contains("--target \"name=web,static=web:80,\\x1b[2J=5s\": unknown key \"\\x1b[2J\"")
                .doesNotContain("\u001b");
        Cli.Run item = Cli.run("init", tmp.resolve("g").toString(), "--name", "s", "--no-input", "--target", "name=web,\u001b");
        assertThat(item.err()).contains("\"\\x1b\" must be key=value").doesNotContain("\u001b");
        Cli.Run port = Cli.run("init", tmp.resolve("h").toString(), "--name", "s", "--no-input", "--target", "name=web,dns=web,dns-port=9\u001b");
        assertThat(port.err()).contains("dns-port \"9\\x1b\": must be a number").doesNotContain("\u001b");
        Path dir = tmp.resolve("i");
        assertThat(Cli.run("init", dir.toString(), "--no-input", "--target", "name=web,runtime=go,static=web:8080").exitCode()).isZero();
        Cli.Run flag = Cli.run("add-target", "db", "-C", dir.toString(), "--no-input", "--dns", "db", "--dns-port", "9\u001b");
        assertThat(flag.err()).contains("--dns-port \"9\\x1b\": must be a number").doesNotContain("\u001b");
    }

    @Test
    void exporterAndRuntimeGoTogetherOnlyWhenTheyNameTheSameRuntime() throws Exception {
        Path dir = tmp.resolve("j");
        assertThat(Cli.run("init", dir.toString(), "--no-input", "--target", "name=web,runtime=go,static=web:8080").exitCode()).isZero();
        String before = Files.readString(dir.resolve("monstack.yml"));
        Cli.Run flags = Cli.run("add-target", "db2", "-C", dir.toString(), "--no-input", "--exporter", "postgres", "--runtime", "go",
                "--address", "db:5432");
        assertThat(flags.exitCode()).isEqualTo(1);
        assertThat(flags.err().strip()).isEqualTo("error: --exporter \"postgres\" and --runtime \"go\" do not go together: "
                + "--exporter sets the runtime; give one of them");
        assertThat(Files.readString(dir.resolve("monstack.yml"))).isEqualTo(before);
        Cli.Run same = Cli.run("add-target", "db2", "-C", dir.toString(), "--no-input", "--exporter", "postgres", "-r", "postgres",
                "--address", "db:5432");
        assertThat(same.exitCode()).as(same.err()).isZero();

        Cli.Run compact = Cli.run("init", tmp.resolve("k").toString(), "--name", "s", "--no-input",
                "--target", "name=db,runtime=go,exporter=postgres,address=db:5432");
        assertThat(compact.exitCode()).isEqualTo(1);
        assertThat(compact.err().strip()).isEqualTo("error: --target \"name=db,runtime=go,exporter=postgres,address=db:5432\": "
                + "exporter \"postgres\" and runtime \"go\" do not go together: exporter sets the runtime; give one of them");
        assertThat(tmp.resolve("k")).doesNotExist();
        assertThat(Cli.run("init", tmp.resolve("l").toString(), "--name", "s", "--no-input",
                "--target", "name=db,exporter=postgres,runtime=postgres,address=db:5432").exitCode()).isZero();
    }

    @Test
    void theKeysConstantOfTheHelpIsTheSettingsList() {
        assertThat(TargetSetting.KEYS).isEqualTo(TargetSetting.keys());
    }

    /** The exporter list in add-target's help comes from templates/runtimes.yml: every exporter is named, no placeholder is left. */
    @Test
    void helpNamesEveryExporterOfTheCatalog() {
        Cli.Run help = Cli.run("add-target", "--help");
        assertThat(help.exitCode()).isZero();
        String text = help.out().replaceAll("\\s+", " ");
        assertThat(text).doesNotContain("<exporter types>", "<url exporters>", "<username exporters>");
        io.monstack.spec.RuntimeCatalog.all().values().stream().filter(r -> r.exporter() != null)
                .forEach(r -> assertThat(TargetSetting.EXPORTER.description()).contains(r.id()));
        assertThat(text).contains(TargetSetting.ADDRESS.description().replaceAll("\\s+", " ").substring(0, 30));
    }
}

package io.monstack.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.monstack.cli.MonstackCommand;
import io.monstack.support.Tools;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The man pages as man shows them: made as the build makes them (ManPageSources, then
 * scripts/man-pages.sh with the real asciidoctor) and rendered by man; every command has one,
 * and every option, its value and every example survive AsciiDoc.
 */
class ManPagesTest {
    @TempDir
    static Path tmp;

    @BeforeAll
    static void makeThePages() throws IOException {
        ManPageSources.write(tmp.resolve("adoc"));
        Tools.runOk(Path.of("."), 120, "bash", "scripts/man-pages.sh", tmp.resolve("adoc").toString(), tmp.resolve("man1").toString());
    }

    /** The page as man renders it, wide and unhyphenated, with its lines joined by single spaces. */
    private static String rendered(String page) {
        String text = Tools.runOk(null, 60, Map.of("MANPAGER", "cat", "MANWIDTH", "250", "MANROFFOPT", "-rHY=0"),
                "man", "-l", tmp.resolve("man1").resolve(page + ".1.gz").toString());
        return text.replaceAll("\\s+", " ");
    }

    @Test
    void everyCommandHasAPageWithEveryOptionAndExample() {
        CommandLine model = MonstackCommand.commandLine();
        check("monstack", model.getCommandSpec());
        for (CommandLine sub : new LinkedHashSet<>(model.getSubcommands().values())) {
            check("monstack-" + sub.getCommandName(), sub.getCommandSpec());
        }
    }

    private static void check(String page, CommandSpec spec) {
        String man = rendered(page);
        assertThat(man).as(page).contains("NAME " + page + " - ", "SYNOPSIS", "DESCRIPTION")
                .doesNotContain("{startsb}", "{endsb}", "=_", "EXAMPLES:", "on Java")
                .contains(spec.qualifiedName() + " ")
                .endsWith(" " + page.toUpperCase() + "(1) ");
        for (OptionSpec o : spec.options()) {
            String name = o.negatable() ? o.longestName().replaceFirst("^--", "--[no-]") : o.longestName();
            if (o.arity().max() > 0 && !o.paramLabel().isEmpty()) {
                assertThat(man).as("%s: %s in OPTIONS", page, name).contains(name + "=" + o.paramLabel());
                assertThat(man).as("%s: %s in SYNOPSIS", page, o.shortestName()).contains("[" + o.shortestName() + "=" + o.paramLabel());
            } else {
                assertThat(man).as("%s: %s", page, name).contains(name);
            }
        }
        for (String footer : spec.usageMessage().footer()) {
            String line = String.format(footer);
            if (line.startsWith(" ")) { // an example: literal, to be copied as it is
                assertThat(man).as("%s: example", page).contains(line.replaceAll("\\s+", " ").strip());
            } else { // prose: typeset (apostrophes become typographic ones)
                assertThat(man.replace('\u2019', '\'')).as("%s: footer", page).contains(line.replaceAll("\\s+", " ").strip());
            }
        }
    }

    @Test
    void bracketsInLabelsAreEscapedForAsciiDoc() {
        String adoc = "== Synopsis:\n\n*monstack x* [*-m*=_NAME:TYPE[:HELP]_]...\n\n== Options\n\n"
                + "*-m*=_NAME:TYPE[:HELP]_::\n  One metric [repeatable].\nxref:monstack-x.adoc[*x*]::\n// tag::x[]\n";
        assertThat(ManPageSources.escapeLabels(adoc)).isEqualTo("== Synopsis\n\n*monstack x* [*-m*=_NAME:TYPE{startsb}:HELP{endsb}_]...\n\n"
                + "== Options\n\n*-m*=_NAME:TYPE{startsb}:HELP{endsb}_::\n  One metric [repeatable].\nxref:monstack-x.adoc[*x*]::\n// tag::x[]\n");
    }
}

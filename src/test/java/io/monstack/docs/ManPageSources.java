package io.monstack.docs;

import io.monstack.cli.MonstackCommand;
import io.monstack.cli.VersionLine;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the AsciiDoc source of a man page for monstack and each of its commands (monstack.adoc,
 * monstack-init.adoc, ...) from the same command model as --help. Run by the build (pom.xml,
 * package phase); scripts/man-pages.sh turns them into roff with asciidoctor. Build tooling only,
 * so it lives with the tests and never ships.
 */
public final class ManPageSources {
    /** Wide enough that picocli never breaks a synopsis line inside its markup; asciidoctor reflows it. */
    private static final int NO_WRAP = 1000;
    /** A parameter label as picocli writes it: _NAME:TYPE[:HELP]_ */
    private static final Pattern LABEL = Pattern.compile("_[^_\\s]+_");

    private ManPageSources() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ManPageSources OUTPUT_DIR");
        }
        write(Path.of(args[0]));
    }

    public static void write(Path dir) throws IOException {
        CommandLine all = MonstackCommand.commandLine();
        all.setUsageHelpAutoWidth(false);
        all.setUsageHelpWidth(NO_WRAP);
        // the pages' footer names the release, not the JDK of the machine that built them
        List<CommandSpec> specs = new ArrayList<>(List.of(all.getCommandSpec()));
        all.getSubcommands().values().forEach(c -> specs.add(c.getCommandSpec()));
        specs.forEach(s -> s.versionProvider(() -> new String[] {VersionLine.release()}));
        int status = ManPageGenerator.generateManPage(dir.toFile(), (File) null, new boolean[0], true, all.getCommandSpec());
        if (status != 0) {
            throw new IllegalStateException("picocli's man page generator failed with " + status);
        }
        try (Stream<Path> pages = Files.list(dir)) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".adoc")).toList()) {
                Files.writeString(page, escapeLabels(Files.readString(page, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
            }
        }
    }

    /**
     * picocli writes parameter labels as they are, and AsciiDoc reads brackets in them as markup
     * (NAME:TYPE[:HELP] as a macro, [attributes] before emphasis): the synopsis lost options. In
     * the synopsis and in the option and argument terms, brackets inside a label become
     * {startsb}/{endsb}, which asciidoctor puts back as plain brackets. Headings lose picocli's
     * trailing colon.
     */
    static String escapeLabels(String adoc) {
        StringBuilder out = new StringBuilder();
        boolean inSynopsis = false;
        for (String line : adoc.split("\n", -1)) {
            if (line.startsWith("== ")) {
                line = line.replaceAll(":\\s*$", "");
                inSynopsis = line.equals("== Synopsis");
            } else if (!line.startsWith("//") && !line.startsWith("xref:")
                    && (inSynopsis && line.startsWith("*") || line.endsWith("::"))) {
                line = escapeInLabels(line);
            }
            out.append(line).append('\n');
        }
        return out.substring(0, out.length() - 1);
    }

    /** Brackets inside the _LABEL_ spans only: the ones around them are picocli's "optional". */
    private static String escapeInLabels(String line) {
        Matcher m = LABEL.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group().replace("[", "{startsb}").replace("]", "{endsb}")));
        }
        return m.appendTail(out).toString();
    }
}

package io.monstack.docs;

import io.monstack.cli.MonstackCommand;
import java.io.File;
import java.io.IOException;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Writes the AsciiDoc source of a man page for monstack and each of its commands (monstack.adoc,
 * monstack-init.adoc, ...) from the same command model as --help. Run by the build (pom.xml,
 * package phase); scripts/package.sh turns them into roff with asciidoctor. Build tooling only,
 * so it lives with the tests and never ships.
 */
public final class ManPageSources {
    /** Wide enough that picocli never breaks a synopsis line inside its markup; asciidoctor reflows it. */
    private static final int NO_WRAP = 1000;

    private ManPageSources() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ManPageSources OUTPUT_DIR");
        }
        CommandLine all = MonstackCommand.commandLine();
        all.setUsageHelpAutoWidth(false);
        all.setUsageHelpWidth(NO_WRAP);
        int status = ManPageGenerator.generateManPage(new File(args[0]), null, new boolean[0], true, all.getCommandSpec());
        if (status != 0) {
            throw new IllegalStateException("picocli's man page generator failed with " + status);
        }
    }
}

package io.monstack.support;

import io.monstack.spec.RuntimeCatalog;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL the stack's README gives users to create an exporter's login (runtimes.yml, an
 * exporter's serverSetup), with with NAME and PASSWORD filled inlt;name&gt; and &lt;password&gt; filled in: the harness makes its logins with it,
 * so a grant the exporter lacks shows up as a failing scrape.
 */
public final class ExporterLogin {
    private static final Pattern PLACEHOLDER = Pattern.compile("<name>|<password>");

    private ExporterLogin() {
    }

    public static String sql(String runtime, String name, String password) {
        var setup = RuntimeCatalog.get(runtime).exporter().serverSetup();
        if (setup.isEmpty()) {
            throw new AssertionError(runtime + "'s exporter has no serverSetup in templates/runtimes.yml");
        }
        // one pass, so a generated password holding "<name>" stays as it is
        return PLACEHOLDER.matcher(String.join("\n", setup))
                .replaceAll(m -> Matcher.quoteReplacement(m.group().equals("<name>") ? name : password));
    }
}

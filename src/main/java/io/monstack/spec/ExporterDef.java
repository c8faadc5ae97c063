package io.monstack.spec;

import java.util.List;
import java.util.Map;

/**
 * How the stack runs the exporter of a runtime preset for a service that serves no metrics of its
 * own (templates/runtimes.yml, a runtime's exporter block). environment and command hold the
 * placeholders &lt;address&gt;, &lt;username&gt; and &lt;passwordFile&gt; (the secret's path in the
 * container); an entry naming one the target leaves unset is left out.
 *
 * @param user the image's user, who must be able to read the password file on the host
 * @param address what the target's exporter.address is (shown in help and errors)
 * @param url whether the address is a URL (else host:port)
 * @param passwordFile what the password file holds (shown in help and the stack's README); null: no credentials
 * @param probe the module the job probes the address with (blackbox), or null
 * @param servicePort the port a service of this kind usually listens on (null: none to propose)
 * @param proposedAddress the address init --compose proposes, from &lt;host&gt; and &lt;port&gt; (null: none)
 * @param serverSetup the SQL that gives the exporter's login (&lt;name&gt;, &lt;password&gt;) what it reads (shown in help and the stack's README; empty: none)
 * @param setupNote what the server must serve for the exporter to read it, noted when init --compose proposes the exporter (null: nothing)
 */
public record ExporterDef(String image, int port, Integer user, String address, boolean url, String passwordFile,
        Map<String, String> environment, List<String> command, String probe, Integer servicePort, String proposedAddress,
        List<String> serverSetup, String setupNote) {

    /** The address to propose for a service of this kind at host:port. */
    public String proposeAddress(String host, int servicePortNumber) {
        return proposedAddress.replace("<host>", host).replace("<port>", String.valueOf(servicePortNumber));
    }

    /** Whether the exporter takes this placeholder (username, passwordFile) anywhere. */
    public boolean takes(String placeholder) {
        String p = "<" + placeholder + ">";
        return environment.values().stream().anyMatch(v -> v.contains(p)) || command.stream().anyMatch(c -> c.contains(p));
    }
}

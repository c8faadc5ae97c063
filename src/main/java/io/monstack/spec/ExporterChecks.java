package io.monstack.spec;

/**
 * The rules of a target whose exporter the stack runs: an exporter runtime, an address of the
 * kind it takes, and credentials it reads (a password file never inside a build context).
 */
final class ExporterChecks {
    private ExporterChecks() {
    }

    static void check(SpecValidator v, Target t, String at) {
        ExporterSettings e = t.exporter();
        ExporterDef def = RuntimeCatalog.find(t.runtime()).map(Runtime::exporter).orElse(null);
        if (def == null) {
            if (RuntimeCatalog.find(t.runtime()).isPresent()) { // an unknown runtime is reported as such already
                v.add(at + ".runtime", "runtime " + SpecValidator.show(t.runtime()) + " has no exporter the stack can run: an exporter "
                        + "address, user or password file goes with an exporter type, one of " + String.join(", ", RuntimeCatalog.exporterIds(any -> true)));
            }
            return;
        }
        String where = at + ".exporter.address";
        if (e.address() == null) {
            v.add(where, "is required: " + def.address());
        } else if (def.url() ? !SpecRules.HTTP_URL.matcher(e.address()).matches() : !hostAndPort(e.address())) {
            v.add(where, SpecValidator.show(e.address()) + " must be " + def.address()
                    + (def.url() ? " (http:// or https://, no spaces, quotes or braces)" : ""));
        }
        if (e.username() != null) {
            if (!def.takes("username")) {
                v.add(at + ".exporter.username", t.runtime() + "'s exporter takes no user name"
                        + (def.passwordFile() != null ? " (its password file holds what it logs in with)" : ""));
            } else if (e.username().isEmpty() || e.username().length() > 256 || SpecRules.hasControlCharacters(e.username(), false)) {
                v.add(at + ".exporter.username", "user name must be one line of at most 256 characters");
            }
        }
        if (e.passwordFile() != null && e.username() == null && def.takes("username")) {
            // without one the exporter logs in as its own OS user, which no database has
            v.add(at + ".exporter.username", "is required with a password file: the user " + t.runtime() + "'s exporter logs in as");
        }
        if (e.passwordFile() != null) {
            if (!def.takes("passwordFile")) {
                v.add(at + ".exporter.passwordFile", t.runtime() + "'s exporter reads no password");
            } else {
                v.checkSecretFile(at + ".exporter.passwordFile", e.passwordFile());
            }
        }
    }

    /** host:port with the port: the exporter knows no default port of the service. */
    private static boolean hostAndPort(String address) {
        return SpecRules.checkHostPort(address) == null && address.lastIndexOf(':') > address.lastIndexOf(']');
    }
}

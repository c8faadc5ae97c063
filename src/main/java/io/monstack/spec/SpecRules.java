package io.monstack.spec;

import java.util.regex.Pattern;

/**
 * The shapes user values must have. Names that end up as identifiers (job names, file names,
 * image names) are restricted here; free text (help, label values) is allowed and escaped later.
 */
public final class SpecRules {
    public static final Pattern STACK_NAME = Pattern.compile("^(?=.{1,63}$)[a-z0-9]+(?:(?:_|__|-+)[a-z0-9]+)*$");
    public static final Pattern TARGET_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$");
    public static final Pattern METRIC_NAME = Pattern.compile("^[a-zA-Z_:][a-zA-Z0-9_:]{0,199}$");
    public static final Pattern LABEL_NAME = Pattern.compile("^[a-zA-Z_][a-zA-Z0-9_]{0,99}$");
    public static final Pattern METRICS_PATH = Pattern.compile("^/[A-Za-z0-9._~!$&'()*+,;=:@%/-]{0,1000}$");
    private static final String DNS_LABEL = "[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?";
    public static final Pattern HOST_NAME = Pattern.compile("^" + DNS_LABEL + "(?:\\." + DNS_LABEL + ")*\\.?$");
    public static final Pattern IPV6 = Pattern.compile("^\\[[0-9a-fA-F:.]{2,45}]$");
    public static final Pattern IPV4 = Pattern.compile(
            "^(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
    private static final String IMAGE_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final String DOMAIN_PART = "(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])";
    private static final String DOMAIN = DOMAIN_PART + "(?:\\." + DOMAIN_PART + ")*";
    public static final Pattern IMAGE_REF = Pattern.compile("^(?=.{1,255}$)(?:" + DOMAIN + "(?::\\d{1,5})?/)?"
            + IMAGE_COMPONENT + "(?:/" + IMAGE_COMPONENT + ")*"
            + "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$");
    public static final Pattern REGISTRY = Pattern.compile("^(?=.{1,128}$)" + DOMAIN + "(?::\\d{1,5})?(?:/" + IMAGE_COMPONENT + ")*/?$");
    public static final Pattern IMAGE_TAG = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$");
    public static final Pattern RECEIVER_NAME = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,39}$");
    public static final Pattern SLACK_CHANNEL = Pattern.compile("^[#@]?[A-Za-z0-9._-]{1,80}$");
    private static final String EMAIL_ADDRESS = "[A-Za-z0-9.!#%&'*+/=?^_`|~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,253}[A-Za-z0-9])?";
    public static final Pattern EMAIL = Pattern.compile("^" + EMAIL_ADDRESS + "$");
    public static final Pattern EMAIL_LIST = Pattern.compile("^" + EMAIL_ADDRESS + "(?:, ?" + EMAIL_ADDRESS + "){0,49}$");
    /** No whitespace, quotes, braces (newer Alertmanagers template webhook URLs) or backslashes. */
    public static final Pattern HTTP_URL = Pattern.compile("^https?://[A-Za-z0-9._~:/?#\\[\\]@!$&'()*+,;=%-]{1,2000}$");
    /** The stack's folders that are docker build contexts: nothing secret may live there. */
    public static final java.util.List<String> BUILD_CONTEXTS = java.util.List.of("prometheus", "grafana", "alertmanager");
    public static final int MAX_HELP_LENGTH = 2048;
    public static final int MAX_LABEL_VALUE_LENGTH = 1024;

    private SpecRules() {
    }

    public static boolean isPort(long port) {
        return port >= 1 && port <= 65535;
    }

    /** host or host:port, where host is a DNS name, IPv4 or [IPv6]. */
    public static String checkHostPort(String value) {
        if (value == null || value.isEmpty()) {
            return "must not be empty";
        }
        String host = value;
        int colon = value.lastIndexOf(':');
        if (colon > value.lastIndexOf(']')) {
            host = value.substring(0, colon);
            String port = value.substring(colon + 1);
            if (!port.matches("\\d{1,5}") || !isPort(Long.parseLong(port))) {
                return "port must be a number from 1 to 65535";
            }
        }
        return checkHost(host);
    }

    public static String checkHost(String host) {
        if (HOST_NAME.matcher(host).matches() || IPV4.matcher(host).matches() || IPV6.matcher(host).matches()) {
            return null;
        }
        return "is not a host name or IP address (letters, digits, '-', '_' and '.')";
    }

    /** Control characters would change the structure of YAML/Markdown even when escaped badly; refuse them. */
    public static boolean hasControlCharacters(String text, boolean allowNewlines) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (allowNewlines && (c == '\n' || c == '\t')) {
                continue;
            }
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029'
                    || c == '\ufffe' || c == '\uffff') {
                return true;
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1));
                if (!paired) {
                    return true;
                }
                i++;
            }
        }
        return false;
    }
}

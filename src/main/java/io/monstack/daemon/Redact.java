package io.monstack.daemon;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides secrets in lines of daemon.json shown to the user: a proxy URL's user:password and the
 * values of keys that name a password, token, secret or credentials. Only display is affected.
 */
public final class Redact {
    private static final Pattern USERINFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s\"]+@");
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(pass(word|wd)?|secret|token|credential|auth).*");
    private static final Pattern SECRET_VALUE = Pattern.compile(
            "(\"((?:[^\"\\\\]|\\\\.)*)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");

    private Redact() {
    }

    public static String line(String text) {
        String out = USERINFO.matcher(text).replaceAll("$1***@");
        Matcher m = SECRET_VALUE.matcher(out);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String replacement = isSecretKey(m.group(2)) ? m.group(1) + "\"***\"" : m.group();
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    public static boolean isSecretKey(String key) {
        return SECRET_KEY.matcher(key).matches();
    }
}

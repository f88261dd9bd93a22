package dev.strata.engine;

import java.util.regex.Pattern;

/** The one place that hides passwords: every message a user sees about a database passes through here. */
public final class Secrets {
    // user:password@host, in URLs (scheme://user:password@host) and in driver messages that quote a part of one
    private static final Pattern USER_INFO = Pattern.compile("\\b([\\w.%+-]+):([^@\\s/]+)@(?=[\\w\\[])");
    // password=…, passwd=…, pwd=…, sslpassword=…, as URL parameters or connection properties
    private static final Pattern PARAMETER = Pattern.compile("(?i)\\b((?:ssl)?(?:password|passwd|pwd)\\s*[=:]\\s*)"
            + "(\"[^\"]*\"|'[^']*'|[^&;,\\s)]*)");

    private Secrets() {
    }

    /** {@code text} with every password in it replaced by {@code ***}. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String hidden = USER_INFO.matcher(text).replaceAll("$1:***@");
        return PARAMETER.matcher(hidden).replaceAll("$1***");
    }
}

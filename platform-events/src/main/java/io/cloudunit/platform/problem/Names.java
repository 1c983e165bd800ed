package io.cloudunit.platform.problem;

import java.util.regex.Pattern;

/** Tenant and app names are DNS labels: they become host names and container names. */
public final class Names {
    public static final Pattern DNS_LABEL = Pattern.compile("^[a-z][a-z0-9-]{1,30}[a-z0-9]$");

    private Names() {
    }

    public static String requireDnsLabel(String what, String value) {
        if (value == null || !DNS_LABEL.matcher(value).matches()) {
            throw ProblemException.unprocessable(what + " '" + value + "' is not valid: use 3 to 32 characters, "
                    + "lower-case letters, digits and '-', starting with a letter and not ending with '-'");
        }
        return value;
    }
}

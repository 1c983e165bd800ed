package io.cloudunit.tenant.app;

import java.util.List;

/**
 * Reads {@code autoRollback} from a request body as given, so that anything but {@code true} or {@code false} is a
 * 422 naming the field rather than a JSON coercion (1, "yes") or a 400 from the parser.
 */
final class AutoRollbackChoice {
    static final String PROBLEM = "autoRollback must be true or false";

    private AutoRollbackChoice() {
    }

    /** The value when it is a boolean; otherwise the problem is added to {@code errors} and {@code fallback} answered. */
    static boolean read(Object value, boolean fallback, List<String> errors) {
        if (value instanceof Boolean given) {
            return given;
        }
        errors.add(PROBLEM + ", not " + (value instanceof String text ? "\"" + text + "\"" : value));
        return fallback;
    }
}

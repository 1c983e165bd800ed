package io.cloudunit.build.build;

import java.util.Locale;

public enum BuildStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELED;

    /** As the API spells it. */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}

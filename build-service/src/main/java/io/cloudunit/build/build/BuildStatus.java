package io.cloudunit.build.build;

import java.util.Locale;

public enum BuildStatus {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELED;

    /** Nothing changes it any more. */
    public boolean ended() {
        return this == SUCCEEDED || this == FAILED || this == CANCELED;
    }

    /** As the API spells it. */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}

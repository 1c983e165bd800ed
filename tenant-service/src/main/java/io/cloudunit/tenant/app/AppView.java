package io.cloudunit.tenant.app;

import java.time.OffsetDateTime;

/**
 * An app as the API shows it; {@code url} is where the router serves it. {@code javaVersion} null: each build runs on
 * the Java its upload is compiled for. {@code autoRollback}: a release that never gets healthy is followed by a new
 * release of the one that served before it (ADR 0027).
 */
public record AppView(String name, String stack, int memoryMb, double cpus, int replicas, String healthPath,
        Integer javaVersion, boolean autoRollback, OffsetDateTime createdAt, String url) {
}

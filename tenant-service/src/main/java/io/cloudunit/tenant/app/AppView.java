package io.cloudunit.tenant.app;

import java.time.OffsetDateTime;

/** An app as the API shows it; {@code url} is where the router serves it. */
public record AppView(String name, String stack, int memoryMb, double cpus, int replicas, String healthPath,
        OffsetDateTime createdAt, String url) {
}

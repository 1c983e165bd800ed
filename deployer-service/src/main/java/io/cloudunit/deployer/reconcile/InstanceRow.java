package io.cloudunit.deployer.reconcile;

import java.time.OffsetDateTime;

/** An instance the database believes serves; {@code unhealthySince} when it failed its liveness checks. */
public record InstanceRow(String name, int version, boolean healthy, OffsetDateTime unhealthySince) {
}

package io.cloudunit.deployer.reconcile;

/** An instance the database believes serves. */
public record InstanceRow(String name, int version, boolean healthy) {
}

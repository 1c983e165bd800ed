package io.cloudunit.deployer.docker;

import java.util.Map;

/**
 * A network sandbox: a container that only holds a network namespace on {@code network}, with {@code port}
 * published on {@code publishAddress} at a random host port; an instance's container joins it (ADR 0033).
 *
 * @param labels the tenant's, not an app's: a spare one may go to any app of the tenant
 */
public record SandboxSpec(String network, Map<String, String> labels, int port, String publishAddress) {
}

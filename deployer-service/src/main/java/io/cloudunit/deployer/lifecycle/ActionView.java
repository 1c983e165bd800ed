package io.cloudunit.deployer.lifecycle;

import java.util.UUID;

/**
 * What a lifecycle action asked for; the work happens after the answer (202).
 *
 * @param state        the app's desired state now: {@code stopped}, {@code running} or {@code restarting}
 * @param release      the release that serves (or will serve once started), null when none rolled out yet
 * @param deploymentId the restart to follow at {@code …/deployments/{id}}; null for start and stop
 */
public record ActionView(String tenant, String app, String action, String state, Integer release,
        UUID deploymentId) {
}

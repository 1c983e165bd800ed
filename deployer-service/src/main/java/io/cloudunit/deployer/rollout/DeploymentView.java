package io.cloudunit.deployer.rollout;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import io.cloudunit.deployer.instance.InstanceView;

/**
 * Rollout progress as the API shows it; {@code reason} explains a failure, {@code kind} says whether the deployment
 * rolls a release out or restarts the serving one (ADR 0023).
 */
public record DeploymentView(UUID id, int version, DeploymentStatus status, String reason, OffsetDateTime createdAt,
        OffsetDateTime startedAt, OffsetDateTime finishedAt, List<InstanceView> instances, DeploymentKind kind) {

    static DeploymentView of(Deployment d, List<InstanceView> instances) {
        return new DeploymentView(d.id, d.version, d.status, d.reason, d.createdAt, d.startedAt, d.finishedAt,
                instances, d.kind);
    }
}

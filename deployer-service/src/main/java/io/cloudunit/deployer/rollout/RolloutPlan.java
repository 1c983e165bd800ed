package io.cloudunit.deployer.rollout;

import java.util.UUID;

import io.cloudunit.deployer.runtime.AppTarget;

/** A claimed deployment and what it must run. */
public record RolloutPlan(UUID deploymentId, AppTarget target, DeploymentKind kind) {

    public RolloutPlan(UUID deploymentId, AppTarget target) {
        this(deploymentId, target, DeploymentKind.ROLLOUT);
    }
}

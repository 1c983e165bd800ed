package io.cloudunit.deployer.rollout;

/** What a deployment does with its release. */
public enum DeploymentKind {
    /** Starts the release's instances, health-gated, then retires the previous release's. */
    ROLLOUT,
    /** Replaces the serving release's instances one by one, each health-gated (POST …/actions/restart). */
    RESTART
}

package io.cloudunit.deployer.rollout;

public enum DeploymentStatus {
    /** Waiting for the rollout worker (or for the app's spec to arrive). */
    PENDING,
    /** A worker is starting the release's instances and waiting for them to get healthy. */
    RUNNING,
    /** The release serves; the previous one was removed. */
    SUCCEEDED,
    /** The release never got healthy; the previous one still serves. */
    FAILED
}

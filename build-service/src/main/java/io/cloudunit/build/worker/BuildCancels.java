package io.cloudunit.build.worker;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.build.build.Build;
import io.cloudunit.build.build.BuildService;
import io.cloudunit.build.build.BuildStatus;
import io.cloudunit.build.build.BuildTransitions;

/**
 * {@code POST …/builds/{id}/cancel}: a queued build, or one running on another instance, is canceled at once in
 * the database (that instance stops it within a second); one running here is stopped here first, so that the
 * answer comes once its container is gone and its log ends with the cancellation.
 */
@ApplicationScoped
public class BuildCancels {
    /** How long the answer waits for a build running here to stop before it is marked canceled anyway. */
    static final Duration STOP_WAIT = Duration.ofSeconds(20);

    private final BuildService builds;
    private final BuildTransitions transitions;
    private final BuildRunner runner;

    public BuildCancels(BuildService builds, BuildTransitions transitions, BuildRunner runner) {
        this.builds = builds;
        this.transitions = transitions;
        this.runner = runner;
    }

    /** Blocks (on a worker thread) until the build is canceled; a 409 problem when it ended before. */
    public Build cancel(String tenant, String app, String id, String user) {
        String reason = "canceled by " + user;
        Build build = OnVertx.await(() -> builds.cancel(tenant, app, id, reason, runner::runsBuild));
        if (build.status() != BuildStatus.RUNNING) {
            return build;
        }
        if (!runner.abort(build.id(), reason, STOP_WAIT)) {
            // The engine is slow to let go: the database says canceled now, the runner's own record is then a no-op.
            OnVertx.await(() -> transitions.cancelRunning(build.id(), reason));
        }
        Build after = OnVertx.await(() -> builds.get(tenant, app, id));
        if (after.status() != BuildStatus.CANCELED) {
            throw BuildService.alreadyEnded(after);
        }
        return after;
    }
}

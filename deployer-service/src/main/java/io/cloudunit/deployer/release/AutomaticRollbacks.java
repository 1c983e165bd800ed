package io.cloudunit.deployer.release;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.deployer.rollout.RolloutPlan;
import io.cloudunit.deployer.runtime.AppTarget;
import io.cloudunit.deployer.runtime.Blocking;

/**
 * The hook run where a rollout fails (ADR 0027): the deployment fails with its reason and, when the app asks for it,
 * the release that served before comes back as the next release, in the same transaction. The engine is asked
 * first whether that release's image is still there (blocking), so the transaction holds no engine call.
 */
@ApplicationScoped
public class AutomaticRollbacks {
    private final ReleaseService releases;
    private final ReleaseImages images;

    public AutomaticRollbacks(ReleaseService releases, ReleaseImages images) {
        this.releases = releases;
        this.images = images;
    }

    /** Fails the plan's deployment with {@code reason}, then rolls back if the app asks for it and it can. */
    public void failed(RolloutPlan plan, String reason) {
        AppTarget t = plan.target();
        AutomaticRollback choice = Blocking.await(() -> releases.automaticRollbackOf(t.tenant(), t.app(),
                t.version()));
        if (choice.rollsBack() && !images.stillThere(choice.target())) {
            Release target = choice.target();
            choice = AutomaticRollback.refused("v" + target.version + "'s image " + target.image + " is gone from "
                    + "the engine; upload the artifact again (POST …/builds) to rebuild it");
        }
        AutomaticRollback decided = choice;
        Blocking.await(() -> releases.failAndRollBack(plan, reason, decided));
    }
}

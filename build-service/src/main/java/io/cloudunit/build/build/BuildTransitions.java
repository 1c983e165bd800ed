package io.cloudunit.build.build;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.cloudunit.platform.outbox.Outbox;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Every change of a build's status after it was queued, each with its event in the same transaction. */
@ApplicationScoped
public class BuildTransitions {
    public static final String RESTARTED = "build-service restarted during the build; upload the artifact again";
    private static final Logger LOG = Logger.getLogger(BuildTransitions.class);

    private final BuildRepository builds;
    private final BuildLogRepository logs;
    private final Outbox outbox;

    public BuildTransitions(BuildRepository builds, BuildLogRepository logs, Outbox outbox) {
        this.builds = builds;
        this.logs = logs;
        this.outbox = outbox;
    }

    /** Marks the next queued build running and returns it; {@code null} when nothing waits. */
    @WithTransaction
    public Uni<Build> claimNext() {
        return builds.claimNextQueued()
                .onItem().ifNotNull().call(build -> {
                    build.start();
                    return outbox.publish(BuildEvents.started(build));
                });
    }

    /** Answers false when the build was no longer running (canceled meanwhile): its image is then unwanted. */
    @WithTransaction
    public Uni<Boolean> succeed(UUID id, String image, String imageId) {
        return builds.lock(id).chain(build -> {
            if (!stillRunning(id, build)) {
                return Uni.createFrom().item(false);
            }
            build.succeed(image, imageId);
            return outbox.publish(BuildEvents.succeeded(build)).replaceWith(true);
        });
    }

    @WithTransaction
    public Uni<Void> fail(UUID id, String reason) {
        return builds.lock(id).chain(build -> stillRunning(id, build) ? failRunning(build, reason)
                : Uni.createFrom().voidItem());
    }

    /** A running build that was stopped on purpose (canceled, or its tenant is being deleted). */
    @WithTransaction
    public Uni<Void> cancelRunning(UUID id, String reason) {
        return builds.lock(id).chain(build -> stillRunning(id, build) ? cancelAll(List.of(build), reason)
                .replaceWithVoid() : Uni.createFrom().voidItem());
    }

    /** Every queued or running build of the tenant is canceled; the caller made sure none still runs here. */
    @WithTransaction
    public Uni<Integer> cancelActiveOfTenant(String tenant, String reason) {
        return builds.lockActiveOfTenant(tenant).chain(active -> cancelAll(active, reason));
    }

    /**
     * Of these builds, the ones that are no longer running (canceled through another instance, or deleted), each
     * with the reason to give: the runner stops them.
     */
    @WithSession
    public Uni<Map<UUID, String>> notRunningAmong(Collection<UUID> ids) {
        return builds.findByIds(ids).map(found -> {
            Map<UUID, String> stopped = new HashMap<>();
            ids.forEach(id -> stopped.put(id, "the build was deleted"));
            found.stream().filter(build -> build.status() == BuildStatus.RUNNING).forEach(b -> stopped.remove(b.id()));
            found.stream().filter(build -> build.status() != BuildStatus.RUNNING)
                    .forEach(b -> stopped.put(b.id(), b.reason() != null ? b.reason() : b.status().json()));
            return stopped;
        });
    }

    @WithSession
    public Uni<Boolean> isRunning(UUID id) {
        return builds.findById(id).map(build -> build != null && build.status() == BuildStatus.RUNNING);
    }

    /** A purge may have canceled (or deleted) the build while it ran: its outcome is then of no interest. */
    private static boolean stillRunning(UUID id, Build build) {
        if (build == null || build.status() != BuildStatus.RUNNING) {
            LOG.infof("build %s ended but is %s now: outcome dropped", id, build == null ? "deleted" : build.status());
            return false;
        }
        return true;
    }

    /** Builds left running by an instance that died can never finish: they fail, so users know to retry. */
    @WithTransaction
    public Uni<Integer> failAbandoned() {
        return builds.lockRunning().chain(running -> each(running, build -> failRunning(build, RESTARTED))
                .invoke(() -> {
                    if (!running.isEmpty()) {
                        LOG.warnf("marked %d build(s) abandoned by a previous run as failed", running.size());
                    }
                })
                .replaceWith(running.size()));
    }

    /** The app is gone: its queued builds will never be wanted. Running ones finish on their own. */
    @WithTransaction
    public Uni<Integer> cancelQueued(String tenant, String app) {
        return builds.lockQueued(tenant, app).chain(queued -> cancelAll(queued, "the app was deleted"));
    }

    @WithTransaction
    public Uni<Integer> cancelQueuedOfTenant(String tenant) {
        return builds.lockQueuedOfTenant(tenant).chain(queued -> cancelAll(queued, "the tenant was deleted"));
    }

    @WithTransaction
    public Uni<Void> appendLog(List<BuildLogLine> lines) {
        return logs.persist(lines);
    }

    private Uni<Integer> cancelAll(List<Build> queued, String reason) {
        return each(queued, build -> {
            build.cancel(reason);
            return outbox.publish(BuildEvents.canceled(build)).replaceWithVoid();
        }).replaceWith(queued.size());
    }

    private Uni<Void> failRunning(Build build, String reason) {
        build.fail(reason);
        return outbox.publish(BuildEvents.failed(build)).replaceWithVoid();
    }

    /** One after the other: a reactive session does not allow concurrent operations. */
    private static Uni<Void> each(List<Build> list, Function<Build, Uni<Void>> action) {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Build build : list) {
            all = all.chain(() -> action.apply(build));
        }
        return all;
    }
}

package io.cloudunit.build.build;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.platform.outbox.Outbox;
import io.cloudunit.platform.outbox.SeenSequences;
import io.cloudunit.platform.problem.ProblemException;
import io.cloudunit.platform.purge.TenantPurgeLedger;
import io.cloudunit.platform.suspension.TenantSuspensions;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Builds as the API sees them: queue one, read them. */
@ApplicationScoped
public class BuildService {
    private final BuildRepository builds;
    private final BuildLogRepository logs;
    private final Outbox outbox;
    private final TenantPurgeLedger purges;
    private final SeenSequences seen;
    private final TenantSuspensions suspensions;

    public BuildService(BuildRepository builds, BuildLogRepository logs, Outbox outbox, TenantPurgeLedger purges,
            SeenSequences seen, TenantSuspensions suspensions) {
        this.suspensions = suspensions;
        this.purges = purges;
        this.seen = seen;
        this.builds = builds;
        this.logs = logs;
        this.outbox = outbox;
    }

    /**
     * The build row and its build.queued event, in one transaction; refused (409) once the tenant's deletion was
     * requested or while it is suspended (an upload that passed the first check meanwhile is stopped here, or
     * canceled by the purge).
     */
    @WithTransaction
    public Uni<Build> queue(String tenant, String app, String stack, String artifactSha256) {
        return queue(tenant, app, stack, artifactSha256, Map.of());
    }

    /**
     * Same, for an app whose lookup showed other services' events up to {@code eventsAfter}: build.queued
     * follows them.
     */
    @WithTransaction
    public Uni<Build> queue(String tenant, String app, String stack, String artifactSha256,
            Map<String, Long> eventsAfter) {
        return queue(tenant, app, stack, artifactSha256, null, eventsAfter);
    }

    /** Same, for a build whose image runs on {@code javaVersion} (chosen at upload; null: no JVM of ours). */
    @WithTransaction
    public Uni<Build> queue(String tenant, String app, String stack, String artifactSha256, Integer javaVersion,
            Map<String, Long> eventsAfter) {
        return purges.requireNotDeleting(tenant)
                .call(() -> suspensions.requireNotSuspended(tenant))
                .call(() -> seen.record(tenant, eventsAfter))
                .chain(() -> builds.nextNumber(tenant, app))
                .map(number -> Build.queued(tenant, app, number, stack, artifactSha256, javaVersion))
                .call(builds::persist)
                .call(build -> outbox.publish(BuildEvents.queued(build)));
    }

    @WithSession
    public Uni<List<Build>> list(String tenant, String app, int limit) {
        return builds.listOfApp(tenant, app, limit);
    }

    @WithSession
    public Uni<Build> get(String tenant, String app, String id) {
        UUID uuid = parse(id);
        if (uuid == null) {
            return Uni.createFrom().failure(buildNotFound());
        }
        return builds.findOfApp(tenant, app, uuid).map(found -> found.orElseThrow(BuildService::buildNotFound));
    }

    @WithSession
    public Uni<List<String>> log(String tenant, String app, String id) {
        return get(tenant, app, id).chain(build -> logs.lines(build.id()));
    }

    /**
     * Cancels the build in one transaction with its build.canceled event, if it is queued, or running but not
     * here ({@code runsHere}): the instance that runs it notices within a second and stops it. A build running here
     * is answered as it is (RUNNING), for the caller to stop it on this instance. An ended build is a 409.
     */
    @WithTransaction
    public Uni<Build> cancel(String tenant, String app, String id, String reason, Predicate<UUID> runsHere) {
        UUID uuid = parse(id);
        if (uuid == null) {
            return Uni.createFrom().failure(buildNotFound());
        }
        return builds.lockOfApp(tenant, app, uuid).map(found -> found.orElseThrow(BuildService::buildNotFound))
                .call(build -> switch (build.status()) {
                    case QUEUED -> cancelNow(build, reason);
                    case RUNNING -> runsHere.test(build.id()) ? Uni.createFrom().voidItem() : cancelNow(build, reason);
                    case SUCCEEDED, FAILED, CANCELED -> Uni.createFrom().failure(alreadyEnded(build));
                });
    }

    /** The build's status and its log lines after {@code seq} (read in that order: lines flushed before an end). */
    @WithSession
    public Uni<LogChunk> logAfter(UUID id, int seq, int limit) {
        return builds.findById(id).chain(build -> logs.after(id, seq, limit)
                .map(lines -> new LogChunk(build == null ? null : build.status(), lines)));
    }

    /** Lines of a build's log, and its status as read just before them ({@code null}: the build is gone). */
    public record LogChunk(BuildStatus status, List<BuildLogLine> lines) {
        public boolean ended() {
            return status == null || status.ended();
        }
    }

    public static ProblemException alreadyEnded(Build build) {
        return ProblemException.conflict("build #" + build.number() + " already ended: " + build.status().json()
                + (build.reason() != null ? " (" + build.reason() + ")" : "") + "; there is nothing to cancel");
    }

    private Uni<Void> cancelNow(Build build, String reason) {
        build.cancel(reason);
        return outbox.publish(BuildEvents.canceled(build)).replaceWithVoid();
    }

    /** {@code null} for anything that is not a UUID: such a build cannot exist. */
    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ProblemException buildNotFound() {
        return ProblemException.notFound("build not found: list the app's builds to find its id");
    }
}

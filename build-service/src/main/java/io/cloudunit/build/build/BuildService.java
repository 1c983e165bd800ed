package io.cloudunit.build.build;

import java.util.List;
import java.util.Map;
import java.util.UUID;

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

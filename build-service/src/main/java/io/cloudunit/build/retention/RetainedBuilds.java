package io.cloudunit.build.retention;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.build.build.Build;
import io.cloudunit.build.build.BuildRepository;
import io.cloudunit.build.build.BuildStatus;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

/** The successful builds whose image is still on the engine, as image retention reads and marks them. */
@ApplicationScoped
public class RetainedBuilds {
    private static final String APPS_BEYOND = """
            select b.tenant, b.app from Build b where b.status = :succeeded and b.imageRemovedAt is null
            group by b.tenant, b.app having count(*) > :keep""";

    private final BuildRepository builds;

    public RetainedBuilds(BuildRepository builds) {
        this.builds = builds;
    }

    /** The app's successful builds whose image was not removed, newest first. */
    @WithSession
    public Uni<List<Build>> ofApp(String tenant, String app) {
        return builds.find("tenant = ?1 and app = ?2 and status = ?3 and imageRemovedAt is null",
                Sort.descending("number"), tenant, app, BuildStatus.SUCCEEDED).list();
    }

    /** Every app with more than {@code keep} such builds. */
    @WithSession
    public Uni<List<AppKey>> appsBeyond(int keep) {
        return builds.getSession().chain(session -> session.createSelectionQuery(APPS_BEYOND, Object[].class)
                .setParameter("succeeded", BuildStatus.SUCCEEDED)
                .setParameter("keep", (long) keep)
                .getResultList())
                .map(rows -> rows.stream().map(row -> new AppKey((String) row[0], (String) row[1])).toList());
    }

    @WithTransaction
    public Uni<Void> markRemoved(UUID build) {
        return builds.update("imageRemovedAt = ?1 where id = ?2 and imageRemovedAt is null",
                Instant.now().truncatedTo(ChronoUnit.MICROS), build).replaceWithVoid();
    }

    public record AppKey(String tenant, String app) {
    }
}

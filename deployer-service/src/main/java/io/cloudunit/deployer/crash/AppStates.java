package io.cloudunit.deployer.crash;

import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Each app's runtime state (ADR 0025): stopped by its owners, crashed, or running (or about to). */
@ApplicationScoped
public class AppStates {
    public static final String RUNNING = "running";
    public static final String STOPPED = "stopped";
    public static final String CRASHED = "crashed";
    public static final String NOT_DEPLOYED = "not-deployed";
    public static final String IMAGE_GONE = "image-gone";

    private static final String SERVING = """
            (select max(d.version) from deployment d where d.tenant = s.tenant and d.app = s.app
             and d.status = 'SUCCEEDED' and d.version >= s.first_version)""";
    private static final String UNAVAILABLE = """
            select s.tenant, s.app, case when s.stopped then 'stopped' else 'crashed' end from app_spec s
            where not s.deleted and (s.stopped or s.crashed_version = %s)""".formatted(SERVING);
    private static final String SERVING_IMAGE_GONE = """
            (select r.image from release r where r.tenant = s.tenant and r.app = s.app and r.version = %s
             and r.image_gone_at is not null
             and not exists (select 1 from instance i where i.tenant = s.tenant and i.app = s.app and i.healthy))"""
            .formatted(SERVING);
    private static final String ONE = """
            select case when s.stopped then 'stopped' when s.crashed_version = %1$s then 'crashed'
                        when %1$s is null then 'not-deployed' when %2$s is not null then 'image-gone'
                        else 'running' end,
                   %1$s, s.crashed_at, s.crash_reason,
                   (select count(*) from instance_crash c where c.tenant = s.tenant and c.app = s.app
                    and c.version = %1$s and c.recorded_at > :since and not c.engine_stop
                    and c.recorded_at > coalesce(s.crashes_counted_from, '-infinity'::timestamptz)),
                   %2$s
            from app_spec s where s.tenant = :tenant and s.app = :app and not s.deleted"""
            .formatted(SERVING, SERVING_IMAGE_GONE);

    /** One app that is stopped or crashed: the router answers a page of its own for it. */
    public record Unavailable(String tenant, String app, String state) {
    }

    /**
     * @param state   {@code running}, {@code stopped}, {@code crashed}, {@code not-deployed} (no release served yet)
     *                or {@code image-gone} (the serving release's image left the engine and none of it runs)
     * @param crashes crashes of the serving release within the crash window (since the last start or restart)
     * @param reason  why it does not run and what to do, when crashed or image-gone
     */
    public record View(String tenant, String app, String state, Integer release, OffsetDateTime crashedAt,
            String crashReason, long crashes, String reason) {
    }

    @WithSession
    public Uni<List<Unavailable>> unavailable() {
        return Panache.getSession().chain(session -> session.createNativeQuery(UNAVAILABLE, Object[].class)
                .getResultList())
                .map(rows -> rows.stream().map(r -> new Unavailable((String) r[0], (String) r[1], (String) r[2]))
                        .toList());
    }

    /** Null when the deployer does not know the app. */
    @WithSession
    public Uni<View> of(String tenant, String app, OffsetDateTime crashWindowStart) {
        return Panache.getSession().chain(session -> session.createNativeQuery(ONE, Object[].class)
                .setParameter("tenant", tenant)
                .setParameter("app", app)
                .setParameter("since", crashWindowStart)
                .getResultList())
                .map(rows -> rows.isEmpty() ? null : view(tenant, app, rows.get(0)));
    }

    private static View view(String tenant, String app, Object[] r) {
        String state = (String) r[0];
        boolean crashed = CRASHED.equals(state);
        Integer release = r[1] == null ? null : ((Number) r[1]).intValue();
        String crashReason = crashed ? (String) r[3] : null;
        String reason = IMAGE_GONE.equals(state) ? imageGone(release, (String) r[5]) : crashReason;
        return new View(tenant, app, state, release, crashed ? time(r[2]) : null, crashReason,
                ((Number) r[4]).longValue(), reason);
    }

    private static String imageGone(Integer release, String image) {
        return "the image of v" + release + " (" + image + ") is gone from the engine and no instance of it runs: "
                + "deploy a build whose image is still there (POST …/releases {\"buildId\": …}) or upload the "
                + "artifact again";
    }

    private static OffsetDateTime time(Object value) {
        if (value instanceof OffsetDateTime t) {
            return t;
        }
        if (value instanceof java.time.Instant i) {
            return i.atOffset(java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.time.LocalDateTime l) {
            return l.atOffset(java.time.ZoneOffset.UTC);
        }
        return value == null ? null : OffsetDateTime.parse(value.toString());
    }
}

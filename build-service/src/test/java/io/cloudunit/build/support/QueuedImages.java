package io.cloudunit.build.support;

import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The cheapest real builds, for the queue's tests: stack {@code image} on the static base image (a one-line
 * {@code FROM}, well under a second), and when each build was queued, started and finished.
 */
public final class QueuedImages {
    private static final String TIMES = """
            select id || ' ' || status
                   || ' ' || (extract(epoch from created_at) * 1000000)::bigint
                   || ' ' || coalesce((extract(epoch from started_at) * 1000000)::bigint, -1)
                   || ' ' || coalesce((extract(epoch from finished_at) * 1000000)::bigint, -1)
            from build where tenant = ? order by started_at nulls last, created_at""";

    private QueuedImages() {
    }

    /** Uploads {@code {"image": <static base>}} to the app (stack image) and returns the build's id. */
    public static String queue(String tenant, String app) {
        String base = ConfigProvider.getConfig().getOptionalValue("cloudunit.build.base-images.static", String.class)
                .orElse("cloudunit/static:1");
        return Api.upload(tenant, app, StackInputs.imageBody(base), "application/json")
                .then().statusCode(202).extract().path("id");
    }

    /** The tenant's builds in the order they started (never started: last), times in microseconds. */
    public static List<Times> of(String tenant) {
        return Db.column(TIMES, tenant)
                .stream().map(Times::parse).toList();
    }

    /** One build's life; -1 for what did not happen yet. */
    public record Times(String id, String status, long queued, long started, long finished) {
        static Times parse(String row) {
            String[] f = row.split(" ");
            return new Times(f[0], f[1], Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]));
        }

        public boolean startedBetween(long from, long to) {
            return started > from && started < to;
        }
    }
}

package io.cloudunit.build.artifact;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.cloudunit.build.BuildConfig;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.VertxHttpRecorder;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The service-wide artifact limit ({@code cloudunit.build.max-artifact-mb}) on a body sent in chunks, answered as
 * problem+json like every other refusal: Vert.x's own body limit ({@code quarkus.http.limits.max-body-size}, the same
 * value, which stays the outer bound) would cut such a body with a bare 413, so it is given a little room beyond the
 * limit and {@link ArtifactStore#receive} passes the limit first and refuses with the detail. A Content-Length over
 * the limit is still refused by Vert.x (bare 413, before the body): answering it with a problem body made the JDK's
 * HTTP client hang on {@code Expect: 100-continue} (UploadValidationTest.aBodyOverTheLimit).
 */
@ApplicationScoped
public class ArtifactSizeGuard {
    /** More than Vert.x can have buffered ahead of the stream the artifact store reads. */
    private static final long CHUNKED_ROOM = 4L * 1024 * 1024;

    private final UploadLimit limit;

    public ArtifactSizeGuard(BuildConfig config) {
        this.limit = UploadLimit.ofService(config.maxArtifactMb());
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(this::roomForChunkedBodies);
    }

    private void roomForChunkedBodies(RoutingContext context) {
        if (context.get(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY) != null) {
            context.put(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY, limit.bytes() + CHUNKED_ROOM);
        }
        context.next();
    }
}

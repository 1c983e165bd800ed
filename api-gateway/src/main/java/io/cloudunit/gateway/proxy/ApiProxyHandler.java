package io.cloudunit.gateway.proxy;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.gateway.GatewayConfig;
import io.cloudunit.gateway.HttpProblems;
import io.cloudunit.platform.problem.Problem;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * Forwards an authorized {@code /api} call to the service that owns it, unchanged (method, path, query,
 * headers, streamed body); the gateway's own endpoints continue to JAX-RS.
 */
@ApplicationScoped
public class ApiProxyHandler implements Handler<RoutingContext> {
    private final ApiRoutes routes;
    private final StreamingProxy proxy;

    public ApiProxyHandler(ApiRoutes routes, Vertx vertx, GatewayConfig config) {
        this.routes = routes;
        this.proxy = StreamingProxy.create(vertx, config);
    }

    @Override
    public void handle(RoutingContext ctx) {
        ApiRoutes.Target target = routes.target(ApiPath.of(ctx.normalizedPath()));
        if (target instanceof ApiRoutes.Local) {
            ctx.next();
        } else if (target instanceof ApiRoutes.NotOffered notOffered) {
            HttpProblems.send(ctx.response(), 404, notOffered.detail());
        } else {
            forward(ctx, ((ApiRoutes.Forward) target).upstream());
        }
    }

    private void forward(RoutingContext ctx, Upstream upstream) {
        // The normalised path is the one authorization looked at; the origin must see the same.
        String query = ctx.request().query();
        String uri = ctx.normalizedPath() + (query == null ? "" : "?" + query);
        proxy.forward(ctx.request(), context -> context.client().request(upstream.requestOptions()), uri,
                failure -> unavailable(upstream, failure));
    }

    private static ErrorAnswer unavailable(Upstream upstream, Throwable failure) {
        boolean notReached = failure instanceof OriginUnavailableException;
        int status = notReached ? 503 : 502;
        return new ErrorAnswer(status, Problem.MEDIA_TYPE,
                HttpProblems.body(status, upstream.name() + " is unavailable; retry shortly"), notReached ? 5 : 0);
    }

    @PreDestroy
    void close() {
        proxy.close();
    }
}

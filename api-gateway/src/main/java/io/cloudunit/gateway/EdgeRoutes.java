package io.cloudunit.gateway;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.cloudunit.gateway.access.AccessHandler;
import io.cloudunit.gateway.audit.AuditHandler;
import io.cloudunit.gateway.proxy.ApiProxyHandler;
import io.cloudunit.gateway.ratelimit.RateLimitHandler;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The gateway's chain for {@code /api/*}: Quarkus authenticates the bearer token (proactively, before any
 * route of ours); {@link AuditHandler} gives the call its request id and audits it once answered; the caller's
 * rate limit; {@link AccessHandler} authorizes; the tenant's rate limit; then {@link ApiProxyHandler} forwards —
 * or hands the gateway's own endpoints to JAX-RS, whose route runs later.
 */
@ApplicationScoped
public class EdgeRoutes {
    /** After Quarkus's authentication (-200) and path permissions (-100); before the JAX-RS route (20 500). */
    static final int ACCESS_ORDER = RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT;
    static final int AUDIT_ORDER = ACCESS_ORDER - 2;
    static final int CALLER_LIMIT_ORDER = ACCESS_ORDER - 1;
    static final int TENANT_LIMIT_ORDER = ACCESS_ORDER + 1;
    static final int PASSED_ORDER = ACCESS_ORDER + 2;
    static final int PROXY_ORDER = ACCESS_ORDER + 3;

    private final AuditHandler audit;
    private final RateLimitHandler limits;
    private final AccessHandler access;
    private final ApiProxyHandler proxy;

    public EdgeRoutes(AuditHandler audit, RateLimitHandler limits, AccessHandler access, ApiProxyHandler proxy) {
        this.audit = audit;
        this.limits = limits;
        this.access = access;
        this.proxy = proxy;
    }

    void register(@Observes Router router) {
        router.route("/api/*").order(ACCESS_ORDER).failureHandler(EdgeRoutes::authenticationFailed);
        router.route("/api/*").order(AUDIT_ORDER).handler(audit::handle);
        router.route("/api/*").order(CALLER_LIMIT_ORDER).handler(limits::perCaller);
        router.route("/api/*").order(ACCESS_ORDER).handler(access);
        router.route("/api/*").order(TENANT_LIMIT_ORDER).handler(limits::perTenant);
        router.route("/api/*").order(PASSED_ORDER).handler(audit::passed);
        router.route("/api/*").order(PROXY_ORDER).handler(proxy);
    }

    /** An expired, forged or foreign token fails Quarkus's authentication: answer it like a missing one. */
    private static void authenticationFailed(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException
                || failure == null && ctx.statusCode() == 401) {
            AccessHandler.unauthorized(ctx);
        } else {
            ctx.next();
        }
    }
}

package io.cloudunit.gateway.access;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;


import io.cloudunit.gateway.Caller;
import io.cloudunit.gateway.HttpProblems;
import io.cloudunit.gateway.proxy.ApiPath;
import io.cloudunit.platform.problem.Names;
import io.cloudunit.platform.problem.ProblemException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Runs on every {@code /api} call after Quarkus verified the bearer token: refuses anonymous calls, and
 * for {@code /api/v1/tenants/{t}/...} lets through only members of t with a strong enough role, and platform
 * admins on the routes declared for them. A tenant the caller does not belong to answers 404, exactly like one
 * that does not exist.
 */
@ApplicationScoped
public class AccessHandler implements Handler<RoutingContext> {
    public static final String UNAUTHENTICATED = "missing or invalid bearer token: get one from Keycloak, see README";
    /** Set on the routing context once the caller may act on this tenant; local endpoints check it. */
    public static final String GRANTED_TENANT = "cloudunit.access.tenant";

    private final Memberships memberships;
    private final RouteRoles roles;

    public AccessHandler(Memberships memberships, RouteRoles roles) {
        this.memberships = memberships;
        this.roles = roles;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Optional<Caller> caller = Caller.of(ctx);
        if (caller.isEmpty()) {
            unauthorized(ctx);
            return;
        }
        String userId = caller.get().id();
        ApiPath path = ApiPath.of(ctx.normalizedPath());
        if (path.isTenantCollection() && ctx.request().method() == HttpMethod.POST) {
            forgetOnSuccess(ctx, userId);
        }
        Optional<String> tenant = path.tenant();
        if (tenant.isEmpty()) {
            ctx.next();
        } else if (!Names.DNS_LABEL.matcher(tenant.get()).matches()) {
            notFound(ctx, tenant.get());
        } else {
            HttpMethod method = ctx.request().method();
            Role required = roles.required(method, path.path()).orElseGet(() -> RoleRule.required(method, path));
            memberships.toJudge(userId, ctx.request().getHeader(HttpHeaders.AUTHORIZATION), tenant.get())
                    .onSuccess(membership -> judge(ctx, membership, tenant.get(), path, required))
                    .onFailure(failure -> refuse(ctx, failure));
        }
    }

    private void judge(RoutingContext ctx, Membership membership, String tenant, ApiPath path, Role required) {
        Optional<Role> role = membership.roleIn(tenant);
        if (required == Role.PLATFORM_ADMIN) {
            judgePlatformRoute(ctx, membership, tenant, role);
        } else if (membership.platformAdmin() && path.section().filter("quota"::equals).isPresent()) {
            // Platform admins read every tenant's quota, whatever their own role in it (if any);
            // tenant-service checks the role and the tenant.
            grant(ctx, tenant);
        } else if (role.isEmpty()) {
            notFound(ctx, tenant);
        } else if (!role.get().atLeast(required)) {
            HttpProblems.send(ctx.response(), 403, "this needs the " + required.label() + " role in tenant '"
                    + tenant + "' and you are " + role.get().label() + ": ask an owner of the tenant");
        } else {
            grant(ctx, tenant);
        }
    }

    /**
     * A route for platform admins only: they pass on any tenant, member or not. A member learns that the route
     * is not for them (403); anyone else cannot tell the tenant exists (404).
     */
    private static void judgePlatformRoute(RoutingContext ctx, Membership membership, String tenant,
            Optional<Role> role) {
        if (membership.platformAdmin()) {
            grant(ctx, tenant);
        } else if (role.isEmpty()) {
            notFound(ctx, tenant);
        } else {
            HttpProblems.send(ctx.response(), 403, "this needs a platform administrator and you are "
                    + role.get().label() + " in tenant '" + tenant + "': ask a platform administrator");
        }
    }

    private static void grant(RoutingContext ctx, String tenant) {
        ctx.put(GRANTED_TENANT, tenant);
        ctx.next();
    }

    /** The caller's cached memberships miss the tenant they just created: ask again on the next call. */
    private void forgetOnSuccess(RoutingContext ctx, String userId) {
        ctx.addHeadersEndHandler(ignored -> {
            if (ctx.response().getStatusCode() < 300) {
                memberships.forget(userId);
            }
        });
    }

    private static void refuse(RoutingContext ctx, Throwable failure) {
        if (failure instanceof ProblemException problem && problem.status() == 401) {
            unauthorized(ctx);
        } else if (failure instanceof ProblemException problem) {
            HttpProblems.send(ctx.response(), problem.status(), problem.getMessage());
        } else {
            ctx.fail(failure);
        }
    }

    static void notFound(RoutingContext ctx, String tenant) {
        HttpProblems.send(ctx.response(), 404, "tenant '" + tenant + "' not found: check the name, "
                + "GET /api/v1/me lists the tenants you belong to");
    }

    public static void unauthorized(RoutingContext ctx) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer");
        HttpProblems.send(ctx.response(), 401, UNAUTHENTICATED);
    }
}

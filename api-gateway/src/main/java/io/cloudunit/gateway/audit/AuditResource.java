package io.cloudunit.gateway.audit;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

import io.cloudunit.gateway.Caller;
import io.cloudunit.gateway.GatewayConfig;
import io.cloudunit.gateway.access.AccessHandler;
import io.cloudunit.gateway.access.Memberships;
import io.cloudunit.gateway.access.Role;
import io.cloudunit.platform.api.RequiredRole;
import io.cloudunit.platform.problem.ProblemException;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/** Who did what on a tenant, when, with what outcome: the audit log, newest first, for the tenant's owners. */
@Path("/api/v1/tenants/{tenant}/audit")
@Tag(name = "audit", description = "The mutating calls made on one tenant")
@Authenticated
public class AuditResource {
    private static final int DEFAULT_LIMIT = 50;

    private final AuditService audit;
    private final Memberships memberships;
    private final GatewayConfig config;

    public AuditResource(AuditService audit, Memberships memberships, GatewayConfig config) {
        this.audit = audit;
        this.memberships = memberships;
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The tenant's audit log, newest first (owner)", description = "Every mutating call on the "
            + "tenant: time, actor, action (method and route template), target (the path), outcome (succeeded, "
            + "failed, denied by the gateway, aborted) with the HTTP status, and the request id. A full page has "
            + "a Link rel=next header; pass the last entry's id as ?before for the next one.")
    @Extension(name = RequiredRole.EXTENSION, value = RequiredRole.OWNER)
    public Uni<RestResponse<List<AuditView>>> newest(@RestPath String tenant,
            @Parameter(description = "entries per page (1 to cloudunit.gateway.audit.page-max, default 50)")
            @RestQuery String limit,
            @Parameter(description = "only entries older than the one with this id") @RestQuery String before,
            RoutingContext ctx) {
        int count = limit(limit);
        Optional<Long> cursor = cursor(before);
        return requireOwner(ctx, tenant)
                .chain(() -> audit.newest(tenant, cursor, count))
                .map(entries -> page(tenant, count, entries));
    }

    /**
     * Defence in depth: the access check that ran before granted the tenant, and the role is checked again here
     * (from the same cached memberships), so a change of the edge's role rules cannot open the audit log.
     */
    private Uni<Void> requireOwner(RoutingContext ctx, String tenant) {
        Optional<Caller> caller = Optional.ofNullable(ctx).flatMap(Caller::of);
        if (caller.isEmpty() || !tenant.equals(ctx.get(AccessHandler.GRANTED_TENANT))) {
            return Uni.createFrom().failure(ProblemException.notFound("tenant '" + tenant + "' not found"));
        }
        String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        return Uni.createFrom().completionStage(() -> memberships.toJudge(caller.get().id(), authorization, tenant)
                .toCompletionStage())
                .invoke(membership -> {
                    if (membership.roleIn(tenant).filter(role -> role == Role.OWNER).isEmpty()) {
                        throw new ProblemException(403, "the audit log of tenant '" + tenant
                                + "' is for its owners only: ask an owner of the tenant");
                    }
                })
                .replaceWithVoid();
    }

    private RestResponse<List<AuditView>> page(String tenant, int count, List<AuditView> entries) {
        RestResponse.ResponseBuilder<List<AuditView>> response = RestResponse.ResponseBuilder.ok(entries);
        if (entries.size() == count) {
            String next = "/api/v1/tenants/" + tenant + "/audit?limit=" + count + "&before="
                    + entries.get(entries.size() - 1).id();
            response.header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"");
        }
        return response.build();
    }

    private int limit(String given) {
        int max = config.audit().pageMax();
        if (given == null || given.isBlank()) {
            return Math.min(DEFAULT_LIMIT, max);
        }
        try {
            int value = Integer.parseInt(given.trim());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below, like an out-of-range number
        }
        throw ProblemException.badRequest("limit must be a whole number from 1 to " + max + ", not '" + given + "'");
    }

    private static Optional<Long> cursor(String given) {
        if (given == null || given.isBlank()) {
            return Optional.empty();
        }
        try {
            long id = Long.parseLong(given.trim());
            if (id > 0) {
                return Optional.of(id);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("before must be the id of an audit entry (a positive whole number), not '"
                + given + "'");
    }
}

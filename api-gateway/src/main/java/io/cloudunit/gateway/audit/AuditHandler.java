package io.cloudunit.gateway.audit;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.cloudunit.gateway.Caller;
import io.cloudunit.gateway.proxy.ApiPath;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Audits every mutating call of a signed-in caller on a tenant ({@code /api/v1/tenants/{t}/...}, and creating
 * one) once it has been answered, with its request id and outcome. {@link #handle} runs first on every
 * {@code /api} call, {@link #passed} after the gateway's own checks: a refusal before that point is the
 * gateway's denial, not the service's answer. Anonymous calls are not audited: no one verified who sent them,
 * and the tenant in their path is only a claim.
 */
@ApplicationScoped
public class AuditHandler {
    private static final String PASSED = "cloudunit.audit.passed";
    private static final Set<HttpMethod> MUTATING = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    private final AuditWriter writer;

    public AuditHandler(AuditWriter writer) {
        this.writer = writer;
    }

    public void handle(RoutingContext ctx) {
        String requestId = RequestIds.assign(ctx);
        HttpMethod method = ctx.request().method();
        ApiPath path = ApiPath.of(ctx.normalizedPath());
        Optional<Caller> caller = Caller.of(ctx);
        if (caller.isPresent() && isAudited(method, path)) {
            ctx.addEndHandler(ended -> writer.record(entry(ctx, caller.get(), method, path, requestId,
                    ended.succeeded())));
        }
        ctx.next();
    }

    /** Marks that the gateway's checks let the call through. */
    public void passed(RoutingContext ctx) {
        ctx.put(PASSED, Boolean.TRUE);
        ctx.next();
    }

    private static boolean isAudited(HttpMethod method, ApiPath path) {
        return MUTATING.contains(method)
                && (path.tenant().isPresent() || path.isTenantCollection() && method == HttpMethod.POST);
    }

    private static AuditEntry entry(RoutingContext ctx, Caller caller, HttpMethod method, ApiPath path,
            String requestId, boolean completed) {
        HttpServerResponse response = ctx.response();
        boolean answered = response.headWritten();
        int status = response.getStatusCode();
        Outcome outcome = Outcome.of(completed && answered, ctx.get(PASSED) != null, status);
        String tenant = path.tenant().orElseGet(() -> createdTenant(response).orElse(null));
        return new AuditEntry(OffsetDateTime.now(ZoneOffset.UTC), tenant, caller.id(), caller.username(),
                Actions.of(method.name(), path.path()), path.path(), answered ? status : null, outcome, requestId);
    }

    /** {@code POST /api/v1/tenants} names the tenant in its body; tenant-service's answer locates it. */
    private static Optional<String> createdTenant(HttpServerResponse response) {
        String location = response.headers().get(HttpHeaders.LOCATION);
        if (response.getStatusCode() >= 300 || location == null) {
            return Optional.empty();
        }
        try {
            String locationPath = URI.create(location).getPath();
            return locationPath == null ? Optional.empty() : ApiPath.of(locationPath).tenant();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

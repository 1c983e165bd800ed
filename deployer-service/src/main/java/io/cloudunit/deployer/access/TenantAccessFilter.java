package io.cloudunit.deployer.access;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.cloudunit.platform.api.RequiredRole;
import io.cloudunit.platform.problem.Names;
import io.cloudunit.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * The deployer's own access check: the gateway authorizes every call already, but the deployer listens on a port
 * any local process can reach, so a verified token alone is not enough. Every operation declaring its least role
 * ({@value RequiredRole#EXTENSION}) answers only to members of the path's tenant with that role: 404 to anyone
 * else (like a tenant that does not exist), 403 to a member whose role is too weak.
 */
public class TenantAccessFilter {
    private final Memberships memberships;

    public TenantAccessFilter(Memberships memberships) {
        this.memberships = memberships;
    }

    @ServerRequestFilter
    public Uni<Response> check(ContainerRequestContext request, ResourceInfo resource) {
        Optional<String> required = declaredRole(resource.getResourceMethod());
        String tenant = request.getUriInfo().getPathParameters().getFirst("tenant");
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (required.isEmpty() || tenant == null || !Names.DNS_LABEL.matcher(tenant).matches()
                || authorization == null) {
            // Invalid names get the resource's own 422; a missing token was refused by authentication already.
            return Uni.createFrom().nullItem();
        }
        return memberships.of(authorization)
                .map(caller -> judge(caller, tenant, required.get()))
                .onFailure(ProblemException.class).recoverWithItem(f -> ((ProblemException) f).problem().toResponse());
    }

    static Response judge(CallerTenants caller, String tenant, String requiredLabel) {
        Optional<TenantRole> role = caller.roleIn(tenant);
        // A requirement that is no tenant role (a typo, a platform role) admits nobody: fail closed.
        TenantRole required = TenantRole.of(requiredLabel).orElse(null);
        if (role.isEmpty()) {
            return ProblemException.notFound("tenant '" + tenant + "' not found: check the name, "
                    + "GET /api/v1/me lists the tenants you belong to").problem().toResponse();
        }
        if (required == null || !role.get().atLeast(required)) {
            return new ProblemException(403, "this needs the " + requiredLabel + " role in tenant '" + tenant
                    + "' and you are " + role.get().label() + ": ask an owner of the tenant").problem().toResponse();
        }
        return null;
    }

    static Optional<String> declaredRole(Method method) {
        return method == null ? Optional.empty()
                : Arrays.stream(method.getAnnotationsByType(Extension.class))
                        .filter(extension -> RequiredRole.EXTENSION.equals(extension.name()))
                        .map(Extension::value)
                        .findFirst();
    }
}

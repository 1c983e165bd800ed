package io.cloudunit.tenant.suspension;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.cloudunit.platform.api.RequiredRole;
import io.cloudunit.platform.problem.ProblemException;
import io.cloudunit.tenant.access.CurrentCaller;
import io.cloudunit.tenant.tenant.TenantView;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Authenticated
@Path("/api/v1/tenants/{tenant}/suspension")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tenants")
public class SuspensionResource {
    private final SuspensionService service;
    private final CurrentCaller caller;

    public SuspensionResource(SuspensionService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Suspend the tenant (platform admins): its apps stop, new work is refused with the reason; "
            + "its data stays")
    @Extension(name = RequiredRole.EXTENSION, value = RequiredRole.PLATFORM_ADMIN)
    public Uni<TenantView> suspend(@PathParam("tenant") String tenant, SuspensionRequest body) {
        if (body == null) {
            throw ProblemException.badRequest("a JSON body is required: {\"reason\": \"unpaid invoice 2026-11\"}");
        }
        return service.suspend(tenant, body, caller.get());
    }

    @DELETE
    @Operation(summary = "Reinstate the tenant (platform admins): its apps run again, new work is accepted again")
    @Extension(name = RequiredRole.EXTENSION, value = RequiredRole.PLATFORM_ADMIN)
    public Uni<TenantView> reinstate(@PathParam("tenant") String tenant) {
        return service.reinstate(tenant, caller.get());
    }
}

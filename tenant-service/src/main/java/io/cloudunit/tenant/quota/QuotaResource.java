package io.cloudunit.tenant.quota;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.cloudunit.platform.api.RequiredRole;
import io.cloudunit.tenant.access.CurrentCaller;
import io.cloudunit.tenant.access.Role;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Authenticated
@Path("/api/v1/tenants/{tenant}/quota")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "quota")
public class QuotaResource {
    private final QuotaService service;
    private final CurrentCaller caller;

    public QuotaResource(QuotaService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The tenant's plan, limits (after overrides) and current usage")
    @Extension(name = Role.EXTENSION, value = Role.Names.VIEWER)
    public Uni<QuotaView> get(@PathParam("tenant") String tenant) {
        return service.get(tenant, caller.get());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Assign the tenant's plan and overrides (platform admins): "
            + "{\"plan\": \"team\", \"overrides\": {\"maxApps\": 20}}; left out = default plan, no overrides")
    @Extension(name = Role.EXTENSION, value = RequiredRole.PLATFORM_ADMIN)
    public Uni<QuotaView> put(@PathParam("tenant") String tenant, QuotaAssignment body) {
        return service.put(tenant, caller.get(), body);
    }
}

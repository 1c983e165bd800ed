package io.cloudunit.tenant.tenant;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.cloudunit.platform.problem.ProblemException;
import io.cloudunit.tenant.access.CurrentCaller;
import io.cloudunit.tenant.access.Role;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Authenticated
@Path("/api/v1/tenants")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tenants")
public class TenantResource {
    private final TenantService service;
    private final TenantDeletion deletion;
    private final CurrentCaller caller;

    public TenantResource(TenantService service, TenantDeletion deletion, CurrentCaller caller) {
        this.service = service;
        this.deletion = deletion;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a tenant; the caller becomes its owner")
    public Uni<RestResponse<TenantView>> create(NewTenant body) {
        if (body == null) {
            throw ProblemException.badRequest("a JSON body is required: {\"name\": \"acme\", \"displayName\": \"Acme\"}");
        }
        if (caller.isTenantToken()) {
            throw new ProblemException(403, "a token for CLI and CI acts only in the tenant it was created for and "
                    + "cannot create tenants: sign in as a person to create one");
        }
        return service.create(body, caller.get()).map(created -> RestResponse.ResponseBuilder
                .create(RestResponse.Status.CREATED, created)
                .header(HttpHeaders.LOCATION, "/api/v1/tenants/" + created.name())
                .build());
    }

    @GET
    @Operation(summary = "The tenants the caller is a member of, with the caller's role")
    public Uni<List<TenantView>> list() {
        return service.listOf(caller.get());
    }

    @GET
    @Path("{tenant}")
    @Operation(summary = "One tenant (404 when it does not exist or the caller is not a member)")
    @Extension(name = Role.EXTENSION, value = Role.Names.VIEWER)
    public Uni<TenantView> get(@PathParam("tenant") String tenant) {
        return service.get(tenant, caller.get());
    }

    @PATCH
    @Path("{tenant}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the tenant's display name (its name never changes)")
    @Extension(name = Role.EXTENSION, value = Role.Names.OWNER)
    public Uni<TenantView> update(@PathParam("tenant") String tenant, TenantUpdate body) {
        if (body == null) {
            throw ProblemException.badRequest("a JSON body is required: {\"displayName\": \"Acme Corp\"}");
        }
        return service.update(tenant, body, caller.get());
    }

    @DELETE
    @Path("{tenant}")
    @Operation(summary = "Delete the tenant and everything in it (202: status deleting until every service purged "
            + "it, then GET answers 404); from now on nothing new is accepted for it")
    @Extension(name = Role.EXTENSION, value = Role.Names.OWNER)
    public Uni<RestResponse<TenantView>> delete(@PathParam("tenant") String tenant) {
        return deletion.request(tenant, caller.get()).map(view -> RestResponse.status(RestResponse.Status.ACCEPTED,
                view));
    }
}

package io.cloudunit.tenant.token;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
@Path("/api/v1/tenants/{tenant}/tokens")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "tokens")
public class TokenResource {
    private final TokenService service;
    private final CurrentCaller caller;

    public TokenResource(TokenService service, CurrentCaller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a token for CLI and CI (client credentials of its own Keycloak client) with role "
            + "developer or viewer; the secret is in this answer only")
    @Extension(name = Role.EXTENSION, value = Role.Names.OWNER)
    public Uni<RestResponse<CreatedToken>> create(@PathParam("tenant") String tenant, NewToken body) {
        if (body == null) {
            throw ProblemException.badRequest("a JSON body is required: {\"name\": \"ci-deploy\", \"role\": "
                    + "\"developer\", \"expiresInDays\": 90}");
        }
        return service.create(tenant, body, caller.get()).map(created -> RestResponse.ResponseBuilder
                .create(RestResponse.Status.CREATED, created)
                .header(HttpHeaders.LOCATION, "/api/v1/tenants/" + tenant + "/tokens/" + created.id())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build());
    }

    @GET
    @Operation(summary = "The tenant's tokens that are not revoked, without their secrets")
    @Extension(name = Role.EXTENSION, value = Role.Names.OWNER)
    public Uni<List<TokenView>> list(@PathParam("tenant") String tenant) {
        return service.list(tenant, caller.get());
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke a token: its Keycloak client is deleted and its membership removed at once")
    @Extension(name = Role.EXTENSION, value = Role.Names.OWNER)
    public Uni<RestResponse<Void>> revoke(@PathParam("tenant") String tenant, @PathParam("id") long id) {
        return service.revoke(tenant, id, caller.get()).map(done -> RestResponse.noContent());
    }
}

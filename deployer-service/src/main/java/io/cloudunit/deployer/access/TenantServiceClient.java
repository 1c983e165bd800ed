package io.cloudunit.deployer.access;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.mutiny.Uni;

/** The one query the deployer asks tenant-service; built by {@link Memberships} with the configured URL. */
@Path("/api/v1/me")
public interface TenantServiceClient {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Uni<CallerTenants> me(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);
}

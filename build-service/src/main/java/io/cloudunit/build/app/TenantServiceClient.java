package io.cloudunit.build.app;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;

/** The one query build-service asks tenant-service; built by {@link AppDirectory} with the configured URL. */
@Path("/api/v1/tenants/{tenant}/apps/{app}")
public interface TenantServiceClient {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Uni<RestResponse<AppView>> app(@PathParam("tenant") String tenant, @PathParam("app") String app,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);
}

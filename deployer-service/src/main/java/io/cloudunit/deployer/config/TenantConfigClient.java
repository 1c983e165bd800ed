package io.cloudunit.deployer.config;

import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.smallrye.mutiny.Uni;

/** tenant-service's internal config endpoint, asked with the deployer's own service token (ADR 0022). */
@Path("/internal/v1/tenants/{tenant}/apps/{app}/config")
public interface TenantConfigClient {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Uni<Vars> vars(@PathParam("tenant") String tenant, @PathParam("app") String app,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Vars(Map<String, String> vars) {
    }

    /** Keycloak's token endpoint (the client is built with the endpoint's full URL as base). */
    @Path("")
    interface TokenEndpoint {
        @POST
        @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
        @Produces(MediaType.APPLICATION_JSON)
        Uni<Token> token(@FormParam("grant_type") String grantType, @FormParam("client_id") String clientId,
                @FormParam("client_secret") String clientSecret);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Token(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") long expiresIn) {
    }
}

package io.cloudunit.tenant.identity;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.smallrye.mutiny.Uni;

/** The two calls tenant-service makes to Keycloak; built by {@link UserDirectory} with the configured URL. */
@Produces(MediaType.APPLICATION_JSON)
public interface KeycloakApi {

    @POST
    @Path("/realms/{realm}/protocol/openid-connect/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Uni<Token> token(@PathParam("realm") String realm, @FormParam("grant_type") String grantType,
            @FormParam("client_id") String clientId, @FormParam("client_secret") String clientSecret);

    /** Users matching exactly the username or the email given (the other one null). */
    @GET
    @Path("/admin/realms/{realm}/users")
    Uni<List<User>> users(@PathParam("realm") String realm, @QueryParam("username") String username,
            @QueryParam("email") String email, @QueryParam("exact") boolean exact,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Token(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") long expiresIn) {
    }

    /** A Keycloak user; {@code id} is the {@code sub} of the user's tokens. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record User(String id, String username, String email) {
    }
}

package io.cloudunit.tenant.identity;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.smallrye.mutiny.Uni;

/** The calls tenant-service makes to Keycloak; built by {@link KeycloakAdmin} with the configured URL. */
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

    /** Creates a client; the answer's {@code Location} ends with the new client's id (not its clientId). */
    @POST
    @Path("/admin/realms/{realm}/clients")
    @Consumes(MediaType.APPLICATION_JSON)
    Uni<Response> createClient(@PathParam("realm") String realm, Map<String, Object> client,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    @GET
    @Path("/admin/realms/{realm}/clients/{id}/client-secret")
    Uni<Secret> clientSecret(@PathParam("realm") String realm, @PathParam("id") String id,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    @GET
    @Path("/admin/realms/{realm}/clients/{id}/service-account-user")
    Uni<User> serviceAccountUser(@PathParam("realm") String realm, @PathParam("id") String id,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    @DELETE
    @Path("/admin/realms/{realm}/clients/{id}")
    Uni<Void> deleteClient(@PathParam("realm") String realm, @PathParam("id") String id,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Token(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") long expiresIn) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Secret(String value) {
    }

    /** A Keycloak user; {@code id} is the {@code sub} of the user's tokens. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record User(String id, String username, String email) {
    }
}

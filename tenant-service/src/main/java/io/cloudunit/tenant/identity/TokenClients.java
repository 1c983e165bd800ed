package io.cloudunit.tenant.identity;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;

/**
 * The Keycloak clients behind tenant tokens (ADR 0016): one confidential client per token, client credentials
 * only, whose access tokens are meant for {@code cloudunit-api}, say which tenant they were made for, and live
 * a few minutes. The service account's realm-management role {@code manage-clients} allows this.
 */
@ApplicationScoped
public class TokenClients {
    /** The claim every token's JWT carries: the one tenant it was created for. */
    public static final String TENANT_CLAIM = "cloudunit_tenant";
    static final String CLIENT_PREFIX = "cu-token-";
    private static final Logger LOG = Logger.getLogger(TokenClients.class);
    private static final String ROLES = "manage-clients";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeycloakAdmin keycloak;

    public TokenClients(KeycloakAdmin keycloak) {
        this.keycloak = keycloak;
    }

    /**
     * A new client for a token of {@code tenant}, with its secret and its service account. When a step after
     * the creation fails, the client is deleted again, so that no client outlives a failed request.
     */
    public Uni<Credentials> create(String tenant, String tokenName, Duration accessTokenLifespan) {
        String clientId = CLIENT_PREFIX + tenant + "-" + HexFormat.of().formatHex(randomBytes());
        Map<String, Object> client = representation(clientId, tenant, tokenName, accessTokenLifespan);
        return keycloak.call((api, bearer) -> api.createClient(keycloak.realm(), client, bearer))
                .map(TokenClients::createdId)
                .onFailure().transform(failure -> keycloak.toProblem(failure, "token creation", ROLES))
                .chain(uuid -> credentials(clientId, uuid)
                        .onFailure().call(() -> delete(uuid).onFailure().recoverWithNull()));
    }

    /** Deletes the client; one already gone counts as deleted. */
    public Uni<Void> delete(String clientUuid) {
        return keycloak.call((api, bearer) -> api.deleteClient(keycloak.realm(), clientUuid, bearer))
                .onFailure(failure -> KeycloakAdmin.status(failure) == 404).recoverWithNull()
                .onFailure().transform(failure -> keycloak.toProblem(failure, "token revocation", ROLES))
                .invoke(() -> LOG.debugf("deleted Keycloak client %s", clientUuid));
    }

    private Uni<Credentials> credentials(String clientId, String uuid) {
        return keycloak.call((api, bearer) -> api.clientSecret(keycloak.realm(), uuid, bearer))
                .chain(secret -> keycloak.call((api, bearer) -> api.serviceAccountUser(keycloak.realm(), uuid, bearer))
                        .map(user -> new Credentials(clientId, uuid, secret.value(), user.id(), user.username())))
                .onFailure().transform(failure -> keycloak.toProblem(failure, "token creation", ROLES));
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String createdId(Response response) {
        String location = response.getHeaderString("Location");
        if (location == null) {
            throw new IllegalStateException("Keycloak created a client but did not say where (no Location header)");
        }
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static Map<String, Object> representation(String clientId, String tenant, String tokenName,
            Duration lifespan) {
        return Map.ofEntries(
                Map.entry("clientId", clientId),
                Map.entry("name", "CloudUnit token '" + tokenName + "' of tenant " + tenant),
                Map.entry("description", "Created by tenant-service for POST /api/v1/tenants/" + tenant
                        + "/tokens; revoke it with DELETE there, not here."),
                Map.entry("enabled", true),
                Map.entry("protocol", "openid-connect"),
                Map.entry("publicClient", false),
                Map.entry("clientAuthenticatorType", "client-secret"),
                Map.entry("standardFlowEnabled", false),
                Map.entry("implicitFlowEnabled", false),
                Map.entry("directAccessGrantsEnabled", false),
                Map.entry("serviceAccountsEnabled", true),
                Map.entry("frontchannelLogout", false),
                // No realm or client roles in its tokens: a token is authorized by its membership only.
                Map.entry("fullScopeAllowed", false),
                Map.entry("attributes", Map.of(
                        "access.token.lifespan", Long.toString(lifespan.toSeconds()),
                        "oauth2.device.authorization.grant.enabled", "false",
                        "client_credentials.use_refresh_token", "false")),
                Map.entry("defaultClientScopes", List.of("basic")),
                Map.entry("optionalClientScopes", List.of()),
                Map.entry("protocolMappers", List.of(
                        mapper("cloudunit-api-audience", "oidc-audience-mapper",
                                Map.of("included.client.audience", "cloudunit-api")),
                        mapper("cloudunit-tenant", "oidc-hardcoded-claim-mapper", Map.of(
                                "claim.name", TENANT_CLAIM, "claim.value", tenant, "jsonType.label", "String")),
                        mapper("username", "oidc-usermodel-attribute-mapper", Map.of(
                                "user.attribute", "username", "claim.name", "preferred_username",
                                "jsonType.label", "String")))));
    }

    private static Map<String, Object> mapper(String name, String type, Map<String, String> config) {
        Map<String, String> inAccessTokenOnly = new HashMap<>(config);
        inAccessTokenOnly.put("access.token.claim", "true");
        inAccessTokenOnly.put("introspection.token.claim", "true");
        inAccessTokenOnly.put("id.token.claim", "false");
        inAccessTokenOnly.put("userinfo.token.claim", "false");
        return Map.of("name", name, "protocol", "openid-connect", "protocolMapper", type, "config", inAccessTokenOnly);
    }

    /**
     * What Keycloak made for one token. The secret is handed to the owner once and never kept.
     *
     * @param clientUuid Keycloak's id of the client, for deleting it
     * @param serviceAccountUserId the {@code sub} of the token's JWTs
     */
    public record Credentials(String clientId, String clientUuid, String secret, String serviceAccountUserId,
            String serviceAccountUsername) {
        @Override
        public String toString() {
            return "Credentials[clientId=" + clientId + ", clientUuid=" + clientUuid + ", secret=<hidden>]";
        }
    }
}

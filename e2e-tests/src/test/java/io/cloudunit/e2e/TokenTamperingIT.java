package io.cloudunit.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Tokens that are real, correctly signed Keycloak tokens, yet not for this API: meant for another audience,
 * issued by another realm, or expired. Each gets 401 like no token at all.
 */
class TokenTamperingIT {

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        String token = Keycloak.tokenFor("grant_type=client_credentials&client_id=cloudunit-tenant-service"
                + "&client_secret=cloudunit-tenant-service-dev-secret", "cloudunit");
        JsonNode claims = claims(token);
        assertTrue(claims.path("iss").asText().endsWith("/realms/cloudunit"), claims.toString());
        assertFalse(claims.path("aud").toString().contains("cloudunit-api"), claims.toString());

        assertRefused(token);
    }

    @Test
    void aTokenFromAnotherRealmIsRefused() {
        String token = Keycloak.tokenFor("grant_type=password&client_id=admin-cli&username=admin&password=admin",
                "master");
        assertTrue(claims(token).path("iss").asText().endsWith("/realms/master"));

        assertRefused(token);
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = Keycloak.tokenFor("grant_type=password&client_id=cloudunit-test-short-lived"
                + "&username=alice&password=alice", "cloudunit");
        JsonNode claims = claims(token);
        assertTrue(claims.path("aud").toString().contains("cloudunit-api"), claims.toString());
        assertEquals(10, claims.path("exp").asLong() - claims.path("iat").asLong(), "a 10-second token");

        await("the token expires and is refused").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> Api.withToken(token).get("/me").status() == 401);
        assertRefused(token);
    }

    private static void assertRefused(String token) {
        Api caller = Api.withToken(token);
        for (String path : new String[] { "/me", "/tenants" }) {
            Answer answer = caller.get(path);
            assertEquals(401, answer.status(), "GET " + path + " → " + answer);
            assertTrue(answer.isProblem(), answer.toString());
        }
        Answer created = caller.postJson("/tenants", "{\"name\":\"" + Platform.uniqueTenant("tamper") + "\"}");
        assertEquals(401, created.status(), created.toString());
    }

    private static JsonNode claims(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        try {
            return Answer.JSON.readTree(payload);
        } catch (java.io.IOException e) {
            throw new AssertionError("not a JWT: " + token, e);
        }
    }
}

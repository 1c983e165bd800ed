package io.cloudunit.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A CI job with nothing but a token's client credentials (ADR 0016): it gets a JWT from Keycloak, creates an app,
 * uploads a JAR and reads its builds through the gateway, sees no other tenant, and is refused once revoked.
 */
class TenantTokenIT {
    static final String TENANT = Platform.uniqueTenant("ci");
    static final String OTHER_TENANT = Platform.uniqueTenant("other");
    static final String APP = "deployed-by-ci";
    static Api alice;
    static Api bob;

    @BeforeAll
    static void twoTenants() {
        alice = Api.as("alice");
        bob = Api.as("bob");
        assertEquals(201, alice.postJson("/tenants", "{\"name\":\"" + TENANT + "\"}").status());
        assertEquals(201, bob.postJson("/tenants", "{\"name\":\"" + OTHER_TENANT + "\"}").status());
    }

    @AfterAll
    static void removeWhatTheTestMade() {
        // Revoked tokens answer 404: this removes a token only when the test failed before revoking it.
        alice.get("/tenants/" + TENANT + "/tokens").json()
                .forEach(token -> alice.delete("/tenants/" + TENANT + "/tokens/" + token.path("id").asText()));
        Cleanup.deleteAppAndEverythingOf(alice, TENANT, APP);
        alice.delete("/tenants/" + TENANT);
        bob.delete("/tenants/" + OTHER_TENANT);
    }

    @Test
    void aCiJobWithADeveloperTokenDeploysUntilTheTokenIsRevoked(@TempDir Path dir) throws Exception {
        Answer created = alice.postJson("/tenants/" + TENANT + "/tokens",
                "{\"name\":\"ci-deploy\",\"role\":\"developer\",\"expiresInDays\":30}");
        assertEquals(201, created.status(), created.toString());
        String clientId = created.json().path("clientId").asText();
        String secret = created.json().path("clientSecret").asText();
        String tokenUrl = created.json().path("tokenUrl").asText();
        assertFalse(secret.isEmpty(), created.toString());
        Answer listed = alice.get("/tenants/" + TENANT + "/tokens");
        assertEquals(200, listed.status(), listed.toString());
        assertFalse(listed.body().contains(secret), "the list shows the secret: " + listed);

        Api ci = Api.withToken(clientCredentials(tokenUrl, clientId, secret));
        Answer app = ci.postJson("/tenants/" + TENANT + "/apps", "{\"name\":\"" + APP + "\",\"stack\":\"java\"}");
        assertEquals(201, app.status(), app.toString());
        Answer upload = ci.postFile(builds(), TestJars.helloServer(dir, "Hello from CI"), "application/java-archive");
        assertEquals(202, upload.status(), upload.toString());
        String buildId = upload.json().path("id").asText();
        JsonNode build = await("build " + buildId + " finishes").atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> ci.get(builds() + "/" + buildId).json(),
                        b -> List.of("succeeded", "failed", "canceled").contains(b.path("status").asText()));
        assertEquals("succeeded", build.path("status").asText(), build.toString());
        Answer buildList = ci.get(builds());
        assertEquals(200, buildList.status(), buildList.toString());
        assertEquals(buildId, buildList.json().get(0).path("id").asText(), buildList.toString());

        assertTenantNotFound(ci.get("/tenants/" + OTHER_TENANT + "/apps"), OTHER_TENANT);
        assertEquals(403, ci.postJson("/tenants", "{\"name\":\"" + Platform.uniqueTenant("ci") + "\"}").status());
        assertEquals(403, ci.get("/tenants/" + TENANT + "/tokens").status());
        assertEquals(403, ci.postJson("/tenants/" + TENANT + "/members", "{\"user\":\"bob\",\"role\":\"owner\"}")
                .status());

        String id = created.json().path("id").asText();
        assertEquals(204, alice.delete("/tenants/" + TENANT + "/tokens/" + id).status());
        // member.removed reaches the gateway's membership cache through Kafka: refused within moments.
        Answer refused = await("the revoked token is refused").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> ci.get(builds()), answer -> answer.status() != 200);
        assertTenantNotFound(refused, TENANT);
        Answer grant = tokenEndpoint(tokenUrl, clientId, secret);
        assertEquals(401, grant.status(), "Keycloak still knows the revoked client: " + grant);
    }

    private static String builds() {
        return "/tenants/" + TENANT + "/apps/" + APP + "/builds";
    }

    private static void assertTenantNotFound(Answer answer, String tenant) {
        assertEquals(404, answer.status(), answer.toString());
        assertTrue(answer.isProblem() && answer.json().path("detail").asText().contains("tenant '" + tenant + "'"),
                answer.toString());
    }

    /** What `curl -d grant_type=client_credentials -d client_id=… -d client_secret=… $tokenUrl` does. */
    private static String clientCredentials(String tokenUrl, String clientId, String secret) {
        Answer answer = tokenEndpoint(tokenUrl, clientId, secret);
        assertEquals(200, answer.status(), answer.toString());
        return answer.json().path("access_token").asText();
    }

    private static Answer tokenEndpoint(String tokenUrl, String clientId, String secret) {
        return Api.send(HttpRequest.newBuilder(URI.create(tokenUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString("grant_type=client_credentials&client_id=" + encode(clientId)
                        + "&client_secret=" + encode(secret))));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

package io.cloudunit.tenant;

import static io.cloudunit.tenant.Fixtures.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The internal endpoint the deployer snapshots config values from (ADR 0022): only the deployer's service account
 * (realm role cloudunit-config-reader) reads it, never a member, whatever their role; events name who changed what.
 */
@QuarkusTest
class ReleaseConfigEndpointTest {
    private static final String TOKEN_URL = "http://localhost:8180/realms/cloudunit/protocol/openid-connect/token";

    @AfterAll
    static void cleanUp() {
        Fixtures.cleanUp();
    }

    @Test
    void onlyTheDeployersServiceAccountReadsTheValues() throws Exception {
        String tenant = Fixtures.tenantOf("alice");
        String app = Fixtures.appOf("alice", tenant);
        as("alice").contentType(ContentType.JSON).body(Map.of("vars", Map.of("GREETING", "hello", "DB", "s3cret")))
                .put("/api/v1/tenants/" + tenant + "/apps/" + app + "/config").then().statusCode(200);
        String path = "/internal/v1/tenants/" + tenant + "/apps/" + app + "/config";

        given().get(path).then().statusCode(401);
        as("alice").get(path).then().statusCode(403); // the tenant's owner
        String deployer = deployerToken();
        given().auth().oauth2(deployer).get(path).then().statusCode(200)
                .body("vars", equalTo(Map.of("GREETING", "hello", "DB", "s3cret")));
        given().auth().oauth2(deployer).get("/internal/v1/tenants/" + tenant + "/apps/no-such-app/config").then()
                .statusCode(404);
        // the service account is a member of nothing: the public API shows it nothing of the tenant
        given().auth().oauth2(deployer).get("/api/v1/tenants/" + tenant + "/apps/" + app + "/config").then()
                .statusCode(404);
    }

    @Test
    void configChangesAndScalingNameWhoDidThem() {
        String tenant = Fixtures.tenantOf("alice");
        String app = Fixtures.appOf("alice", tenant);
        as("alice").contentType(ContentType.JSON).body(Map.of("vars", Map.of("A", "1")))
                .patch("/api/v1/tenants/" + tenant + "/apps/" + app + "/config").then().statusCode(200);
        as("alice").contentType(ContentType.JSON).body(Map.of("replicas", 2))
                .patch("/api/v1/tenants/" + tenant + "/apps/" + app).then().statusCode(200);

        assertEquals("alice", OutboxEvents.of(tenant).stream().filter(e -> e.type().equals("config.changed"))
                .findFirst().orElseThrow().payload().get("actor"));
        assertEquals("alice", OutboxEvents.of(tenant).stream().filter(e -> e.type().equals("app.scaled"))
                .findFirst().orElseThrow().payload().get("actor"));
    }

    private static String deployerToken() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(TOKEN_URL))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=cloudunit-deployer"
                        + "&client_secret=cloudunit-deployer-dev-secret"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return new ObjectMapper().readTree(response.body()).path("access_token").asText();
    }
}

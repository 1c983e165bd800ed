package io.cloudunit.tenant;

import static io.cloudunit.tenant.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** With the user lookup pointed at a closed port (tokens still come from the real Keycloak). */
@QuarkusTest
@TestProfile(KeycloakUnreachableTest.ClosedPort.class)
class KeycloakUnreachableTest {

    public static class ClosedPort implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cloudunit.tenant.keycloak.url", "http://127.0.0.1:1");
        }
    }

    @AfterAll
    static void cleanUp() {
        Fixtures.cleanUp();
    }

    @Test
    void addingAMemberAnswers503AndChangesNothing() {
        String tenant = Fixtures.tenantOf("alice");
        as("alice").contentType(ContentType.JSON).body(Map.of("user", "bob", "role", "viewer"))
                .post("/api/v1/tenants/{t}/members", tenant)
                .then().statusCode(503).contentType("application/problem+json")
                .body("detail", containsString("the identity provider (Keycloak) is not reachable"))
                .body("detail", containsString("retry in a moment"));

        as("alice").get("/api/v1/tenants/{t}/members", tenant).then().statusCode(200)
                .body("username", equalTo(List.of("alice")));
        assertEquals(List.of("tenant.created", "member.added"),
                OutboxEvents.of(tenant).stream().map(OutboxEvents.Event::type).toList());
    }

    @Test
    void creatingATokenAnswers503AndChangesNothing() {
        String tenant = Fixtures.tenantOf("alice");
        as("alice").contentType(ContentType.JSON).body(Map.of("name", "ci-job", "role", "viewer"))
                .post("/api/v1/tenants/{t}/tokens", tenant)
                .then().statusCode(503).contentType("application/problem+json")
                .body("detail", containsString("the identity provider (Keycloak) is not reachable, so the token "
                        + "creation cannot be done; retry in a moment"));

        as("alice").get("/api/v1/tenants/{t}/tokens", tenant).then().statusCode(200).body("$", empty());
        assertEquals(0L, TestDb.count("select count(*) from tenant.tokens where tenant = ?", tenant));
        assertEquals(List.of("tenant.created", "member.added"),
                OutboxEvents.of(tenant).stream().map(OutboxEvents.Event::type).toList());
    }

    @Test
    void aNonOwnerIsRefusedBeforeAnyLookup() {
        String tenant = Fixtures.tenantOf("alice");
        // 404, not 503: the lookup is never attempted for someone who may not add members.
        as("bob").contentType(ContentType.JSON).body(Map.of("user", "bob", "role", "viewer"))
                .post("/api/v1/tenants/{t}/members", tenant)
                .then().statusCode(404);
    }
}

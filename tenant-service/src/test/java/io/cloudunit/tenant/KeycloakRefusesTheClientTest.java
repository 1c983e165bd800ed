package io.cloudunit.tenant;

import static io.cloudunit.tenant.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
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

/** The real Keycloak refusing tenant-service's own client (a wrong secret) is the operator's problem: 502. */
@QuarkusTest
@TestProfile(KeycloakRefusesTheClientTest.WrongSecret.class)
class KeycloakRefusesTheClientTest {

    public static class WrongSecret implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cloudunit.tenant.keycloak.client-secret", "not-the-secret");
        }
    }

    @AfterAll
    static void cleanUp() {
        Fixtures.cleanUp();
    }

    @Test
    void addingAMemberAnswers502AndChangesNothing() {
        String tenant = Fixtures.tenantOf("alice");
        as("alice").contentType(ContentType.JSON).body(Map.of("user", "bob", "role", "viewer"))
                .post("/api/v1/tenants/{t}/members", tenant)
                .then().statusCode(502).contentType("application/problem+json")
                .body("detail", containsString("the identity provider refused tenant-service's user lookup"))
                .body("detail", containsString("report it to the platform operator"));

        as("alice").get("/api/v1/tenants/{t}/members", tenant).then().statusCode(200)
                .body("username", equalTo(List.of("alice")));
        assertEquals(List.of("tenant.created", "member.added"),
                OutboxEvents.of(tenant).stream().map(OutboxEvents.Event::type).toList());
    }

    @Test
    void creatingATokenAnswers502AndChangesNothing() {
        String tenant = Fixtures.tenantOf("alice");
        as("alice").contentType(ContentType.JSON).body(Map.of("name", "ci-job", "role", "developer"))
                .post("/api/v1/tenants/{t}/tokens", tenant)
                .then().statusCode(502).contentType("application/problem+json")
                .body("detail", containsString("the identity provider refused tenant-service's token creation"));

        assertEquals(0L, TestDb.count("select count(*) from tenant.tokens where tenant = ?", tenant));
        assertEquals(List.of("tenant.created", "member.added"),
                OutboxEvents.of(tenant).stream().map(OutboxEvents.Event::type).toList());
    }
}

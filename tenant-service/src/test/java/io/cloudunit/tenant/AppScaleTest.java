package io.cloudunit.tenant;

import static io.cloudunit.tenant.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** {@code PATCH /tenants/{t}/apps/{a}} scales an app (its quota checks are in QuotaTest). */
@QuarkusTest
class AppScaleTest {
    private static final String PROBLEM = "application/problem+json";

    @AfterAll
    static void cleanUp() {
        Fixtures.cleanUp();
    }

    @Test
    void scalingChangesOnlyTheFieldsGivenAndEmitsAppScaled() {
        String tenant = Fixtures.tenantOf("alice");
        String app = Fixtures.appOf("alice", tenant);
        patch("alice", tenant, app, "{\"replicas\": 2, \"memoryMb\": 256}").statusCode(200)
                .body("replicas", equalTo(2)).body("memoryMb", equalTo(256)).body("cpus", equalTo(0.5f))
                .body("stack", equalTo("java"));
        as("alice").get("/api/v1/tenants/{t}/apps/{a}", tenant, app).then().statusCode(200)
                .body("replicas", equalTo(2)).body("memoryMb", equalTo(256));
        // the same values again: nothing changes, nothing is said
        patch("alice", tenant, app, "{\"replicas\": 2}").statusCode(200).body("replicas", equalTo(2));

        var scaled = OutboxEvents.of(tenant).stream().filter(event -> event.type().equals("app.scaled")).toList();
        assertEquals(1, scaled.size());
        assertEquals(Map.of("stack", "java", "memoryMb", 256, "cpus", 0.5, "replicas", 2, "autoRollback", false),
                withoutNulls((Map<?, ?>) scaled.get(0).payload().get("spec")));
    }

    @Test
    void badScalesAreRefusedNamingTheFieldAndChangeNothing() {
        String tenant = Fixtures.tenantOf("alice");
        String app = Fixtures.appOf("alice", tenant);
        patch("alice", tenant, app, "{\"replicas\": 50, \"cpus\": 9}").statusCode(422).contentType(PROBLEM)
                .body("detail", containsString("cpus 9.0 is out of range"))
                .body("detail", containsString("replicas 50 is out of range"));
        patch("alice", tenant, app, "{\"healthPath\": \"/up\"}").statusCode(422).contentType(PROBLEM)
                .body("detail", containsString("not healthPath"));
        patch("alice", tenant, app, "{\"replicas\": \"many\"}").statusCode(400).contentType(PROBLEM);
        patch("alice", tenant, "no-such-app", "{\"replicas\": 2}").statusCode(404).contentType(PROBLEM);
        patch("bob", tenant, app, "{\"replicas\": 2}").statusCode(404).contentType(PROBLEM);
        Fixtures.member(tenant, "carol", "viewer");
        patch("carol", tenant, app, "{\"replicas\": 2}").statusCode(403).contentType(PROBLEM);

        as("alice").get("/api/v1/tenants/{t}/apps/{a}", tenant, app).then().statusCode(200)
                .body("replicas", equalTo(1)).body("memoryMb", equalTo(512));
        assertEquals(0, TestDb.count("select count(*) from tenant.outbox where tenant = ? "
                + "and type = 'io.cloudunit.app.scaled'", tenant));
    }

    private static ValidatableResponse patch(String user, String tenant, String app, String body) {
        return as(user).contentType(ContentType.JSON).body(body)
                .patch("/api/v1/tenants/{t}/apps/{a}", tenant, app).then();
    }

    private static Map<Object, Object> withoutNulls(Map<?, ?> map) {
        Map<Object, Object> copy = new java.util.HashMap<>();
        map.forEach((key, value) -> {
            if (value != null) {
                copy.put(key, value);
            }
        });
        return copy;
    }
}

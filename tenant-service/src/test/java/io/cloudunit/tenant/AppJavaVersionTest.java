package io.cloudunit.tenant;

import static io.cloudunit.tenant.Fixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** The Java version an app pins (ADR 0020): kept, shown, changed by PATCH, refused where it cannot apply. */
@QuarkusTest
class AppJavaVersionTest {
    private static final String PROBLEM = "application/problem+json";

    @AfterAll
    static void cleanUp() {
        Fixtures.cleanUp();
    }

    @Test
    void aJavaAppKeepsItsJavaVersionAndAnAppWithoutOneIsAutomatic() {
        String tenant = Fixtures.tenantOf("alice");
        String pinned = Fixtures.name("a");
        create(tenant, "{\"name\": \"" + pinned + "\", \"stack\": \"java\", \"javaVersion\": 25}").statusCode(201)
                .body("javaVersion", equalTo(25));
        as("alice").get("/api/v1/tenants/{t}/apps/{a}", tenant, pinned).then().statusCode(200)
                .body("javaVersion", equalTo(25));
        String automatic = Fixtures.appOf("alice", tenant);
        as("alice").get("/api/v1/tenants/{t}/apps/{a}", tenant, automatic).then().statusCode(200)
                .body("javaVersion", nullValue());

        Map<?, ?> spec = (Map<?, ?>) OutboxEvents.of(tenant).stream()
                .filter(e -> e.type().equals("app.created") && e.payload().get("app").equals(pinned))
                .findFirst().orElseThrow().payload().get("spec");
        assertEquals(25, spec.get("javaVersion"));
    }

    @Test
    void patchChangesTheJavaVersionEmitsAppUpdatedAndNullGoesBackToAutomatic() {
        String tenant = Fixtures.tenantOf("alice");
        String app = Fixtures.appOf("alice", tenant);
        patch(tenant, app, "{\"javaVersion\": 17}").statusCode(200).body("javaVersion", equalTo(17))
                .body("replicas", equalTo(1));
        patch(tenant, app, "{\"replicas\": 2}").statusCode(200).body("javaVersion", equalTo(17));
        patch(tenant, app, "{\"javaVersion\": null}").statusCode(200).body("javaVersion", nullValue());
        as("alice").get("/api/v1/tenants/{t}/apps/{a}", tenant, app).then().statusCode(200)
                .body("javaVersion", nullValue()).body("replicas", equalTo(2));

        List<OutboxEvents.Event> events = OutboxEvents.of(tenant).stream()
                .filter(e -> e.type().startsWith("app.")).toList();
        assertEquals(List.of("app.created", "app.updated", "app.scaled", "app.updated"),
                events.stream().map(OutboxEvents.Event::type).toList());
        assertEquals(17, ((Map<?, ?>) events.get(1).payload().get("spec")).get("javaVersion"));
        assertEquals(17, ((Map<?, ?>) events.get(2).payload().get("spec")).get("javaVersion"));
        assertEquals(null, ((Map<?, ?>) events.get(3).payload().get("spec")).get("javaVersion"));
    }

    @Test
    void aJavaVersionThatCannotApplyIsRefusedNamingWhy() {
        String tenant = Fixtures.tenantOf("alice");
        String name = Fixtures.name("a");
        create(tenant, "{\"name\": \"" + name + "\", \"stack\": \"java\", \"javaVersion\": 21}").statusCode(422)
                .contentType(PROBLEM).body("detail", containsString("javaVersion 21 is not available: use 17 or 25"));
        create(tenant, "{\"name\": \"" + name + "\", \"stack\": \"static\", \"javaVersion\": 17}").statusCode(422)
                .contentType(PROBLEM).body("detail", containsString("javaVersion applies to stacks java and tomcat "
                        + "only, not static"));
        create(tenant, "{\"name\": \"" + name + "\", \"stack\": \"tomcat\", \"javaVersion\": 25}").statusCode(422)
                .contentType(PROBLEM).body("detail", containsString("stack tomcat runs Tomcat 10.1 on Java 17"));
        create(tenant, "{\"name\": \"" + name + "\", \"stack\": \"tomcat\", \"javaVersion\": 17}").statusCode(201)
                .body("javaVersion", equalTo(17));

        String java = Fixtures.appOf("alice", tenant);
        patch(tenant, java, "{\"javaVersion\": 11, \"replicas\": 3}").statusCode(422).contentType(PROBLEM)
                .body("detail", containsString("javaVersion 11 is not available"));
        as("alice").get("/api/v1/tenants/{t}/apps/{a}", tenant, java).then().statusCode(200)
                .body("javaVersion", nullValue()).body("replicas", equalTo(1));
        assertEquals(0, TestDb.count("select count(*) from tenant.outbox where tenant = ? "
                + "and type in ('io.cloudunit.app.updated', 'io.cloudunit.app.scaled')", tenant));
    }

    private static ValidatableResponse create(String tenant, String body) {
        return as("alice").contentType(ContentType.JSON).body(body).post("/api/v1/tenants/{t}/apps", tenant).then();
    }

    private static ValidatableResponse patch(String tenant, String app, String body) {
        return as("alice").contentType(ContentType.JSON).body(body)
                .patch("/api/v1/tenants/{t}/apps/{a}", tenant, app).then();
    }
}

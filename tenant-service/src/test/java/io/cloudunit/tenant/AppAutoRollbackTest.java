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
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** The app's choice of automatic rollback (ADR 0027): kept, shown, changed by PATCH, carried to the deployer. */
@QuarkusTest
class AppAutoRollbackTest {
    private static final String PROBLEM = "application/problem+json";

    @AfterAll
    static void cleanUp() {
        Fixtures.cleanUp();
    }

    @Test
    void anAppAsksForAutomaticRollbackAtCreationAndTheEventCarriesItDefaultNo() {
        String tenant = Fixtures.tenantOf("alice");
        String asking = Fixtures.name("a");
        create(tenant, "{\"name\": \"" + asking + "\", \"stack\": \"java\", \"autoRollback\": true}").statusCode(201)
                .body("autoRollback", equalTo(true));
        as("alice").get("/api/v1/tenants/{t}/apps/{a}", tenant, asking).then().statusCode(200)
                .body("autoRollback", equalTo(true));
        String plain = Fixtures.appOf("alice", tenant);
        as("alice").get("/api/v1/tenants/{t}/apps/{a}", tenant, plain).then().statusCode(200)
                .body("autoRollback", equalTo(false));

        assertEquals(true, createdSpec(tenant, asking).get("autoRollback"));
        assertEquals(false, createdSpec(tenant, plain).get("autoRollback"));
    }

    @Test
    void patchTurnsItOnAndOffEachTimeWithAppUpdatedAndNoEventWithoutChange() {
        String tenant = Fixtures.tenantOf("alice");
        String app = Fixtures.appOf("alice", tenant);
        patch(tenant, app, "{\"autoRollback\": true}").statusCode(200).body("autoRollback", equalTo(true))
                .body("replicas", equalTo(1));
        patch(tenant, app, "{\"autoRollback\": true}").statusCode(200).body("autoRollback", equalTo(true));
        patch(tenant, app, "{\"replicas\": 2}").statusCode(200).body("autoRollback", equalTo(true));
        patch(tenant, app, "{\"autoRollback\": false}").statusCode(200).body("autoRollback", equalTo(false));
        as("alice").get("/api/v1/tenants/{t}/apps/{a}", tenant, app).then().statusCode(200)
                .body("autoRollback", equalTo(false)).body("replicas", equalTo(2));

        List<OutboxEvents.Event> events = OutboxEvents.of(tenant).stream()
                .filter(e -> e.type().startsWith("app.")).toList();
        assertEquals(List.of("app.created", "app.updated", "app.scaled", "app.updated"),
                events.stream().map(OutboxEvents.Event::type).toList());
        assertEquals(true, spec(events.get(1)).get("autoRollback"));
        assertEquals(true, spec(events.get(2)).get("autoRollback"), "a scale keeps carrying the choice");
        assertEquals(false, spec(events.get(3)).get("autoRollback"));
    }

    @Test
    void anythingButTrueOrFalseIsRefusedNamingTheField() {
        String tenant = Fixtures.tenantOf("alice");
        String name = Fixtures.name("a");
        create(tenant, "{\"name\": \"" + name + "\", \"stack\": \"java\", \"autoRollback\": \"yes\"}")
                .statusCode(422).contentType(PROBLEM)
                .body("detail", containsString("autoRollback must be true or false, not \"yes\""));
        create(tenant, "{\"name\": \"" + name + "\", \"stack\": \"java\", \"autoRollback\": 1}").statusCode(422)
                .contentType(PROBLEM).body("detail", containsString("autoRollback must be true or false"));

        String app = Fixtures.appOf("alice", tenant);
        patch(tenant, app, "{\"autoRollback\": null, \"replicas\": 3}").statusCode(422).contentType(PROBLEM)
                .body("detail", containsString("autoRollback must be true or false, not null"));
        patch(tenant, app, "{\"autoRollback\": \"true\"}").statusCode(422).contentType(PROBLEM);
        as("alice").get("/api/v1/tenants/{t}/apps/{a}", tenant, app).then().statusCode(200)
                .body("autoRollback", equalTo(false)).body("replicas", equalTo(1));
        assertEquals(0, TestDb.count("select count(*) from tenant.outbox where tenant = ? "
                + "and type in ('io.cloudunit.app.updated', 'io.cloudunit.app.scaled')", tenant));
        assertEquals(0, TestDb.count("select count(*) from tenant.apps where tenant = ? and name = ?", tenant, name));
    }

    private static Map<?, ?> createdSpec(String tenant, String app) {
        return spec(OutboxEvents.of(tenant).stream()
                .filter(e -> e.type().equals("app.created") && e.payload().get("app").equals(app))
                .findFirst().orElseThrow());
    }

    private static Map<?, ?> spec(OutboxEvents.Event event) {
        return (Map<?, ?>) event.payload().get("spec");
    }

    private static ValidatableResponse create(String tenant, String body) {
        return as("alice").contentType(ContentType.JSON).body(body).post("/api/v1/tenants/{t}/apps", tenant).then();
    }

    private static ValidatableResponse patch(String tenant, String app, String body) {
        return as("alice").contentType(ContentType.JSON).body(body)
                .patch("/api/v1/tenants/{t}/apps/{a}", tenant, app).then();
    }
}

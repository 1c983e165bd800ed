package io.cloudunit.tenant;

import static io.cloudunit.tenant.Fixtures.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Suspension by a platform admin (ADR 14): only admin (realm role platform-admin) may suspend or reinstate; the
 * tenant's members see it; while suspended, new work is refused with 409 and nothing changes, reads and app
 * deletion keep working; each change is one event on the real topic, and repeating it changes nothing.
 */
@QuarkusTest
class TenantSuspensionTest {
    private static final String SUSPENSION = "/api/v1/tenants/{t}/suspension";
    private static final String PROBLEM = "application/problem+json";

    @AfterAll
    static void cleanUp() {
        Fixtures.cleanUp();
    }

    @Test
    void aPlatformAdminSuspendsAndReinstatesATenantHeIsNoMemberOf() {
        long since = System.currentTimeMillis();
        String tenant = Fixtures.tenantOf("alice");

        suspend("admin", tenant, "  unpaid invoice 2026-11 ").statusCode(200)
                .body("name", equalTo(tenant))
                .body("role", nullValue())
                .body("suspension.reason", equalTo("unpaid invoice 2026-11"))
                .body("suspension.by", equalTo("admin"))
                .body("suspension.since", notNullValue());
        String suspendedSince = as("alice").get("/api/v1/tenants/{t}", tenant).then().statusCode(200)
                .body("role", equalTo("owner"))
                .body("suspension.reason", equalTo("unpaid invoice 2026-11"))
                .extract().path("suspension.since");
        as("alice").get("/api/v1/me").then().statusCode(200)
                .body("tenants", hasItem(Map.of("tenant", tenant, "role", "owner", "status", "active",
                        "suspended", true)));
        as("alice").get("/api/v1/tenants").then().statusCode(200)
                .body("find { it.name == '" + tenant + "' }.suspension.by", equalTo("admin"));

        suspend("admin", tenant, "unpaid invoice 2026-11").statusCode(200);
        suspend("admin", tenant, "unpaid invoices 2026-11 and 2026-12").statusCode(200)
                .body("suspension.reason", equalTo("unpaid invoices 2026-11 and 2026-12"))
                .body("suspension.since", equalTo(suspendedSince));

        as("admin").delete(SUSPENSION, tenant).then().statusCode(200)
                .body("name", equalTo(tenant))
                .body("suspension", nullValue());
        as("admin").delete(SUSPENSION, tenant).then().statusCode(200).body("suspension", nullValue());
        as("alice").get("/api/v1/tenants/{t}", tenant).then().statusCode(200).body("suspension", nullValue());
        as("alice").get("/api/v1/me").then().statusCode(200)
                .body("tenants", hasItem(Map.of("tenant", tenant, "role", "owner", "status", "active")));
        assertEquals(0, TestDb.count("select count(*) from tenant.tenants where name = ? and (suspended_at is not null "
                + "or suspended_by is not null or suspension_reason is not null)", tenant));

        List<OutboxEvents.Event> events = OutboxEvents.onTopic(tenant, since, 5);
        assertEquals(List.of(
                new OutboxEvents.Event("tenant.suspended", Map.of("tenant", tenant, "reason", "unpaid invoice 2026-11")),
                new OutboxEvents.Event("tenant.suspended", Map.of("tenant", tenant,
                        "reason", "unpaid invoices 2026-11 and 2026-12")),
                new OutboxEvents.Event("tenant.reinstated", Map.of("tenant", tenant))),
                events.stream().filter(e -> e.type().startsWith("tenant.") && !"tenant.created".equals(e.type()))
                        .toList(), "one event per change, none for a repetition");
        assertEquals(5, OutboxEvents.of(tenant).size(), "created, member.added, suspended twice, reinstated");
    }

    @Test
    void onlyAPlatformAdminMaySuspendAMemberGets403AndAnyoneElse404() {
        String tenant = Fixtures.tenantOf("alice");
        Fixtures.member(tenant, "carol", "developer");

        for (String member : List.of("alice", "carol")) {
            suspend(member, tenant, "no").statusCode(403).contentType(PROBLEM);
            as(member).delete(SUSPENSION, tenant).then().statusCode(403).contentType(PROBLEM);
        }
        suspend("bob", tenant, "no").statusCode(404).contentType(PROBLEM)
                .body("detail", equalTo("tenant '" + tenant + "' not found: check the name "
                        + "(GET /api/v1/tenants lists yours) or ask one of its owners to add you"));
        as("bob").delete(SUSPENSION, tenant).then().statusCode(404);
        suspend("admin", Fixtures.name("t"), "no such tenant").statusCode(404);

        as("admin").contentType(ContentType.JSON).body("{}").put(SUSPENSION, tenant).then().statusCode(422)
                .contentType(PROBLEM);
        suspend("admin", tenant, " ").statusCode(422);
        suspend("admin", tenant, "x".repeat(501)).statusCode(422)
                .body("detail", equalTo("reason is 501 characters long: use at most 500"));

        as("alice").get("/api/v1/tenants/{t}", tenant).then().statusCode(200).body("suspension", nullValue());
        assertEquals(List.of("tenant.created", "member.added"),
                OutboxEvents.of(tenant).stream().map(OutboxEvents.Event::type).toList(), "nothing was emitted");
        suspend("admin", tenant, "x".repeat(500)).statusCode(200);
    }

    @Test
    void aSuspendedTenantRefusesNewWorkWithTheReasonAndKeepsItsState() {
        String tenant = Fixtures.tenantOf("alice");
        String app = Fixtures.appOf("alice", tenant);
        as("alice").contentType(ContentType.JSON).body(Map.of("vars", Map.of("GREETING", "hello")))
                .put("/api/v1/tenants/{t}/apps/{a}/config", tenant, app).then().statusCode(200);
        suspend("admin", tenant, "abuse report #42").statusCode(200);
        int events = OutboxEvents.of(tenant).size();
        String refusal = "tenant '" + tenant + "' is suspended (reason: abuse report #42): its apps are stopped and "
                + "nothing new is accepted until it is reinstated; contact a platform administrator";

        as("alice").contentType(ContentType.JSON).body(Map.of("name", "web", "stack", "java"))
                .post("/api/v1/tenants/{t}/apps", tenant)
                .then().statusCode(409).contentType(PROBLEM).body("detail", equalTo(refusal));
        as("alice").contentType(ContentType.JSON).body(Map.of("vars", Map.of("GREETING", "bye")))
                .put("/api/v1/tenants/{t}/apps/{a}/config", tenant, app)
                .then().statusCode(409).body("detail", equalTo(refusal));
        as("alice").contentType(ContentType.JSON).body(Map.of("vars", Map.of("OTHER", "x")))
                .patch("/api/v1/tenants/{t}/apps/{a}/config", tenant, app)
                .then().statusCode(409).body("detail", equalTo(refusal));
        as("alice").contentType(ContentType.JSON).body(Map.of("user", "carol", "role", "developer"))
                .post("/api/v1/tenants/{t}/members", tenant)
                .then().statusCode(409).body("detail", equalTo(refusal));

        as("alice").get("/api/v1/tenants/{t}/apps", tenant).then().statusCode(200).body("size()", equalTo(1));
        as("alice").get("/api/v1/tenants/{t}/apps/{a}/config", tenant, app).then().statusCode(200)
                .body("vars", equalTo(Map.of("GREETING", "hello")));
        as("alice").get("/api/v1/tenants/{t}/members", tenant).then().statusCode(200).body("size()", equalTo(1));
        as("alice").get("/api/v1/tenants/{t}/quota", tenant).then().statusCode(200);
        assertEquals(events, OutboxEvents.of(tenant).size(), "no event for a refused change");

        as("alice").delete("/api/v1/tenants/{t}/apps/{a}", tenant, app).then().statusCode(204);

        as("admin").delete(SUSPENSION, tenant).then().statusCode(200);
        as("alice").contentType(ContentType.JSON).body(Map.of("name", "web", "stack", "java"))
                .post("/api/v1/tenants/{t}/apps", tenant).then().statusCode(201);
    }

    private static ValidatableResponse suspend(String user, String tenant, String reason) {
        return as(user).contentType(ContentType.JSON).body(Map.of("reason", reason)).put(SUSPENSION, tenant).then();
    }
}

package io.cloudunit.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.cloudunit.gateway.support.Claims;
import io.cloudunit.gateway.support.Database;
import io.cloudunit.gateway.support.Events;
import io.cloudunit.gateway.support.StubService.Received;
import io.cloudunit.gateway.support.Stubs;
import io.cloudunit.gateway.support.Tokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(value = Stubs.class, scope = TestResourceScope.GLOBAL)
class AuditLogTest {
    private static final String PROBLEM = "application/problem+json";

    private final String tenant = Events.uniqueName("t");

    @Test
    void aCallThatSucceededIsAuditedWithItsActorActionOutcomeAndRequestId() {
        Stubs.member("alice", tenant, "developer");
        String path = "/api/v1/tenants/" + tenant + "/apps";

        String requestId = given().header("Authorization", Tokens.bearer("alice")).contentType("application/json")
                .body("{\"name\":\"web\"}").post(path)
                .then().statusCode(201).header("X-Request-Id", notNullValue()).extract().header("X-Request-Id");

        Map<String, Object> row = auditedOnce(requestId);
        assertEquals(tenant, row.get("tenant"));
        assertEquals(Claims.subjectOf("alice"), row.get("actor_id"));
        assertEquals("alice", row.get("actor_username"));
        assertEquals("POST /tenants/{t}/apps", row.get("action"));
        assertEquals(path, row.get("target"));
        assertEquals(201, ((Number) row.get("status")).intValue());
        assertEquals("succeeded", row.get("outcome"));
        assertNotNull(row.get("time"));
        List<Received> received = Stubs.TENANT.receivedUnder(path);
        assertEquals(requestId, received.get(received.size() - 1).header("X-Request-Id"),
                "the service saw the id the caller got back and the audit log holds");
    }

    @Test
    void theCallersOwnRequestIdIsKept() {
        Stubs.member("alice", tenant, "developer");
        String requestId = Events.uniqueName("req-");
        given().header("Authorization", Tokens.bearer("alice")).header("X-Request-Id", requestId)
                .contentType("application/json").body("{\"replicas\":2}")
                .patch("/api/v1/tenants/{t}/apps/web", tenant)
                .then().statusCode(200).header("X-Request-Id", requestId);
        Map<String, Object> row = auditedOnce(requestId);
        assertEquals("PATCH /tenants/{t}/apps/{a}", row.get("action"));
        assertEquals("/api/v1/tenants/" + tenant + "/apps/web", row.get("target"));
    }

    @Test
    void callsTheGatewayRefusedAreAuditedAsDenied() {
        Stubs.member("bob", tenant, "viewer");
        String forbidden = given().header("Authorization", Tokens.bearer("bob")).contentType("application/json")
                .body("{}").post("/api/v1/tenants/{t}/apps", tenant)
                .then().statusCode(403).contentType(PROBLEM).extract().header("X-Request-Id");
        Map<String, Object> row = auditedOnce(forbidden);
        assertEquals("denied", row.get("outcome"));
        assertEquals(403, ((Number) row.get("status")).intValue());
        assertEquals("bob", row.get("actor_username"));
        assertEquals(tenant, row.get("tenant"));

        String strangers = Events.uniqueName("t");
        Stubs.member("alice", strangers, "owner");
        String notFound = given().header("Authorization", Tokens.bearer("bob"))
                .delete("/api/v1/tenants/{t}/apps/web", strangers)
                .then().statusCode(404).contentType(PROBLEM).extract().header("X-Request-Id");
        Map<String, Object> probe = auditedOnce(notFound);
        assertEquals("denied", probe.get("outcome"));
        assertEquals(404, ((Number) probe.get("status")).intValue());
        assertEquals("DELETE /tenants/{t}/apps/{a}", probe.get("action"));
        assertEquals(Claims.subjectOf("bob"), probe.get("actor_id"));
        assertTrue(Stubs.TENANT.receivedUnder("/api/v1/tenants/" + strangers).isEmpty());
    }

    @Test
    void anErrorOfTheServiceIsAuditedAsFailed() {
        Stubs.member("alice", tenant, "developer");
        String path = "/api/v1/tenants/" + tenant + "/apps/broken";
        Stubs.TENANT.on(path, exchange -> {
            Stubs.TENANT.record(exchange);
            byte[] body = "{\"status\":500,\"detail\":\"boom\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", PROBLEM);
            exchange.sendResponseHeaders(500, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });

        String requestId = given().header("Authorization", Tokens.bearer("alice")).contentType("application/json")
                .body("{\"vars\":{}}").put(path + "/config")
                .then().statusCode(500).extract().header("X-Request-Id");

        Map<String, Object> row = auditedOnce(requestId);
        assertEquals("failed", row.get("outcome"));
        assertEquals(500, ((Number) row.get("status")).intValue());
        assertEquals("PUT /tenants/{t}/apps/{a}/config", row.get("action"));
    }

    @Test
    void creatingATenantIsAuditedUnderTheNewTenant() {
        String created = Events.uniqueName("t");
        String requestId = given().header("Authorization", Tokens.bearer("alice")).contentType("application/json")
                .body("{\"name\":\"" + created + "\"}").post("/api/v1/tenants")
                .then().statusCode(201).extract().header("X-Request-Id");
        Map<String, Object> row = auditedOnce(requestId);
        assertEquals(created, row.get("tenant"));
        assertEquals("POST /tenants", row.get("action"));
        assertEquals("succeeded", row.get("outcome"));
    }

    @Test
    void readsAreNotAudited() {
        Stubs.member("alice", tenant, "owner");
        String read = Events.uniqueName("read-");
        given().header("Authorization", Tokens.bearer("alice")).header("X-Request-Id", read)
                .get("/api/v1/tenants/{t}/apps", tenant).then().statusCode(200);
        String write = Events.uniqueName("write-");
        given().header("Authorization", Tokens.bearer("alice")).header("X-Request-Id", write)
                .delete("/api/v1/tenants/{t}/apps/web", tenant).then().statusCode(200);

        // Entries are written in the order the calls ended: once the later write is there, the read would be too.
        auditedOnce(write);
        assertTrue(Database.auditRows(read).isEmpty());
    }

    @Test
    void ownersReadTheirTenantsAuditLogNewestFirstPageByPage() {
        Stubs.member("alice", tenant, "owner");
        List<String> ids = List.of(Events.uniqueName("a-"), Events.uniqueName("b-"), Events.uniqueName("c-"));
        for (String id : ids) {
            given().header("Authorization", Tokens.bearer("alice")).header("X-Request-Id", id)
                    .contentType("application/json").body("{}").post("/api/v1/tenants/{t}/apps", tenant)
                    .then().statusCode(201);
            auditedOnce(id);
        }

        Response first = given().header("Authorization", Tokens.bearer("alice"))
                .get("/api/v1/tenants/{t}/audit?limit=2", tenant);
        first.then().statusCode(200).contentType("application/json")
                .body("requestId", equalTo(List.of(ids.get(2), ids.get(1))))
                .body("[0].actor", equalTo("alice"))
                .body("[0].actorId", equalTo(Claims.subjectOf("alice")))
                .body("[0].action", equalTo("POST /tenants/{t}/apps"))
                .body("[0].target", equalTo("/api/v1/tenants/" + tenant + "/apps"))
                .body("[0].outcome", equalTo("succeeded"))
                .body("[0].status", equalTo(201))
                .body("[0].time", notNullValue());
        long cursor = first.jsonPath().getLong("[1].id");
        assertEquals("</api/v1/tenants/" + tenant + "/audit?limit=2&before=" + cursor + ">; rel=\"next\"",
                first.header("Link"));

        given().header("Authorization", Tokens.bearer("alice"))
                .get("/api/v1/tenants/{t}/audit?limit=2&before={id}", tenant, cursor)
                .then().statusCode(200).body("requestId", equalTo(List.of(ids.get(0))));
        // The reads themselves are not in the log.
        given().header("Authorization", Tokens.bearer("alice")).get("/api/v1/tenants/{t}/audit", tenant)
                .then().statusCode(200).body("requestId", equalTo(List.of(ids.get(2), ids.get(1), ids.get(0))));
    }

    @Test
    void onlyOwnersOfTheTenantMayReadItsAuditLog() {
        Stubs.member("alice", tenant, "owner");
        given().header("Authorization", Tokens.bearer("alice")).contentType("application/json").body("{}")
                .post("/api/v1/tenants/{t}/apps", tenant).then().statusCode(201);
        String bobs = Events.uniqueName("t");
        Stubs.member("bob", bobs, "owner");

        Stubs.member("admin", tenant, "developer");
        given().header("Authorization", Tokens.bearer("admin")).get("/api/v1/tenants/{t}/audit", tenant)
                .then().statusCode(403).contentType(PROBLEM).body("detail", containsString("owner"));
        given().header("Authorization", Tokens.bearer("bob")).get("/api/v1/tenants/{t}/audit", tenant)
                .then().statusCode(404).contentType(PROBLEM);
        String bobsCall = given().header("Authorization", Tokens.bearer("bob")).contentType("application/json")
                .body("{}").post("/api/v1/tenants/{t}/apps", bobs).then().statusCode(201).extract().header("X-Request-Id");
        auditedOnce(bobsCall);
        given().header("Authorization", Tokens.bearer("bob")).get("/api/v1/tenants/{t}/audit", bobs)
                .then().statusCode(200).body("requestId", equalTo(List.of(bobsCall)));
        given().get("/api/v1/tenants/{t}/audit", tenant).then().statusCode(401);
    }

    @Test
    void aViewerMayNotReadTheAuditLogEither() {
        Stubs.member("bob", tenant, "viewer");
        given().header("Authorization", Tokens.bearer("bob")).get("/api/v1/tenants/{t}/audit", tenant)
                .then().statusCode(403).contentType(PROBLEM);
    }

    @Test
    void badPagingIsABadRequest() {
        Stubs.member("alice", tenant, "owner");
        given().header("Authorization", Tokens.bearer("alice")).get("/api/v1/tenants/{t}/audit?limit=0", tenant)
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("limit"));
        given().header("Authorization", Tokens.bearer("alice")).get("/api/v1/tenants/{t}/audit?before=x", tenant)
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("before"));
    }

    @Test
    void theAuditLogRefusesToChangeOrLoseARow() {
        Stubs.member("alice", tenant, "owner");
        String requestId = given().header("Authorization", Tokens.bearer("alice")).contentType("application/json")
                .body("{}").post("/api/v1/tenants/{t}/apps", tenant).then().statusCode(201)
                .extract().header("X-Request-Id");
        auditedOnce(requestId);

        for (String change : List.of(
                "update gateway.audit_log set outcome = 'denied' where request_id = '" + requestId + "'",
                "delete from gateway.audit_log where request_id = '" + requestId + "'",
                "truncate gateway.audit_log")) {
            SQLException refused = assertThrows(SQLException.class, () -> Database.executeAndRollBack(change), change);
            assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
        }
        assertEquals("succeeded", auditedOnce(requestId).get("outcome"));
    }

    /** Waits for the entry of this request (written behind the call) and checks it is the only one. */
    private static Map<String, Object> auditedOnce(String requestId) {
        await("the audit entry of " + requestId).atMost(Duration.ofSeconds(30))
                .until(() -> !Database.auditRows(requestId).isEmpty());
        List<Map<String, Object>> rows = Database.auditRows(requestId);
        assertEquals(1, rows.size(), rows.toString());
        return rows.get(0);
    }
}

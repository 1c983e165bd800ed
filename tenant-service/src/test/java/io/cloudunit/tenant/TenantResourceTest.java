package io.cloudunit.tenant;

import static io.cloudunit.tenant.Fixtures.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class TenantResourceTest {
    private static final String PROBLEM = "application/problem+json";

    @AfterAll
    static void cleanUp() {
        Fixtures.cleanUp();
    }

    @Test
    void theCreatorOfATenantBecomesItsOwnerAndSeesItInMe() {
        String tenant = Fixtures.name("t");
        Fixtures.created(tenant);

        as("alice").contentType(ContentType.JSON).body(Map.of("name", tenant, "displayName", "Acme Corp"))
                .post("/api/v1/tenants")
                .then().statusCode(201)
                .header("Location", "/api/v1/tenants/" + tenant)
                .body("name", equalTo(tenant))
                .body("displayName", equalTo("Acme Corp"))
                .body("role", equalTo("owner"))
                .body("createdAt", notNullValue());

        as("alice").get("/api/v1/me")
                .then().statusCode(200)
                .body("id", equalTo(Tokens.subjectOf("alice")))
                .body("username", equalTo("alice"))
                .body("platformAdmin", equalTo(false))
                .body("tenants", hasItem(Map.of("tenant", tenant, "role", "owner", "status", "active")));
        as("alice").get("/api/v1/tenants").then().statusCode(200)
                .body("find { it.name == '" + tenant + "' }.role", equalTo("owner"));
        as("alice").get("/api/v1/tenants/{t}", tenant).then().statusCode(200)
                .body("displayName", equalTo("Acme Corp"))
                .body("role", equalTo("owner"));
        as("alice").get("/api/v1/tenants/{t}/members", tenant).then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].userId", equalTo(Tokens.subjectOf("alice")))
                .body("[0].username", equalTo("alice"))
                .body("[0].role", equalTo("owner"));
    }

    @Test
    void anOwnerChangesTheDisplayNameAndItIsAnnounced() {
        long since = System.currentTimeMillis();
        String tenant = Fixtures.tenantOf("alice");

        rename("alice", tenant, "{\"displayName\": \"  Acme Corp \", \"name\": \"ignored\"}").statusCode(200)
                .body("name", equalTo(tenant))
                .body("displayName", equalTo("Acme Corp"))
                .body("role", equalTo("owner"))
                .body("createdAt", notNullValue());
        as("alice").get("/api/v1/tenants/{t}", tenant).then().statusCode(200).body("displayName", equalTo("Acme Corp"));

        OutboxEvents.Event updated = new OutboxEvents.Event("tenant.updated",
                Map.of("tenant", tenant, "displayName", "Acme Corp"));
        List<OutboxEvents.Event> events = OutboxEvents.of(tenant);
        assertEquals(updated, events.get(events.size() - 1));
        assertEquals(updated, OutboxEvents.onTopic(tenant, since, 3).get(2));

        // Unchanged: no event. Empty: back to the name, as at creation.
        rename("alice", tenant, "{\"displayName\": \"Acme Corp\"}").statusCode(200);
        rename("alice", tenant, "{\"displayName\": \"\"}").statusCode(200).body("displayName", equalTo(tenant));
        assertEquals(List.of("tenant.created", "member.added", "tenant.updated", "tenant.updated"),
                OutboxEvents.of(tenant).stream().map(OutboxEvents.Event::type).toList());
        assertEquals(tenant, OutboxEvents.of(tenant).get(3).payload().get("displayName"));
    }

    @Test
    void onlyAnOwnerMayChangeTheDisplayNameAndBadInputChangesNothing() {
        String tenant = Fixtures.tenantOf("alice");
        TestDb.update("insert into tenant.members (tenant, user_id, username, role, added_at) "
                + "values (?, ?, 'bob', 'developer', now())", tenant, Tokens.subjectOf("bob"));

        rename("bob", tenant, "{\"displayName\": \"Bob's\"}").statusCode(403).contentType(PROBLEM)
                .body("detail", containsString("is developer; this needs owner"));
        rename("admin", tenant, "{\"displayName\": \"Admin's\"}").statusCode(404).contentType(PROBLEM)
                .body("detail", containsString("tenant '" + tenant + "' not found"));
        rename("alice", tenant, "{\"displayName\": \"" + "x".repeat(101) + "\"}").statusCode(422).contentType(PROBLEM)
                .body("detail", equalTo("displayName is 101 characters long: use at most 100"));
        rename("alice", tenant, "{}").statusCode(422).contentType(PROBLEM)
                .body("detail", containsString("displayName is required"));
        rename("alice", tenant, "{\"displayName\": ").statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("malformed JSON"));
        rename("alice", tenant, "{\"displayName\": [\"a\"]}").statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("displayName"));
        rename("alice", tenant, "").statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("body is required"));
        rename("alice", Fixtures.name("t"), "{\"displayName\": \"Nobody's\"}").statusCode(404).contentType(PROBLEM);

        as("alice").get("/api/v1/tenants/{t}", tenant).then().statusCode(200).body("displayName", equalTo(tenant));
        assertEquals(List.of("tenant.created", "member.added"),
                OutboxEvents.of(tenant).stream().map(OutboxEvents.Event::type).toList());
    }

    private static ValidatableResponse rename(String caller, String tenant, String body) {
        return as(caller).contentType(ContentType.JSON).body(body).patch("/api/v1/tenants/{t}", tenant).then();
    }

    @Test
    void theDisplayNameDefaultsToTheName() {
        String tenant = Fixtures.tenantOf("alice");
        as("alice").get("/api/v1/tenants/{t}", tenant).then().statusCode(200).body("displayName", equalTo(tenant));
    }

    @Test
    void anotherUserGetsNotFoundForATenantAndItsAppsAndCannotCreateAnAppThere() {
        String tenant = Fixtures.tenantOf("alice");
        String app = Fixtures.appOf("alice", tenant);

        for (String path : new String[] { "/api/v1/tenants/" + tenant, "/api/v1/tenants/" + tenant + "/members",
                "/api/v1/tenants/" + tenant + "/apps", "/api/v1/tenants/" + tenant + "/apps/" + app,
                "/api/v1/tenants/" + tenant + "/quota" }) {
            as("bob").get(path).then().statusCode(404).contentType(PROBLEM)
                    .body("detail", containsString("tenant '" + tenant + "' not found"));
        }
        as("bob").contentType(ContentType.JSON).body(Map.of("name", Fixtures.name("a"), "stack", "java"))
                .post("/api/v1/tenants/{t}/apps", tenant)
                .then().statusCode(404).contentType(PROBLEM);
        as("bob").delete("/api/v1/tenants/{t}/apps/{a}", tenant, app).then().statusCode(404);
        as("bob").get("/api/v1/me").then().statusCode(200)
                .body("tenants.tenant", not(hasItem(tenant)));

        as("alice").get("/api/v1/tenants/{t}/apps", tenant).then().statusCode(200).body("size()", equalTo(1));
    }

    @Test
    void aTenantThatDoesNotExistAnswersLikeOneOfAnotherUser() {
        String missing = Fixtures.name("t");
        String expected = as("bob").get("/api/v1/tenants/{t}", missing).then().statusCode(404).extract().asString();
        String other = Fixtures.tenantOf("alice");
        String foreign = as("bob").get("/api/v1/tenants/{t}", other).then().statusCode(404).extract().asString();
        assertEquals(expected.replace(missing, "X"), foreign.replace(other, "X"));
    }

    @Test
    void withoutAValidTokenEveryEndpointAnswers401() {
        String tenant = Fixtures.name("t");
        given().get("/api/v1/me").then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", "Bearer")
                .body("detail", containsString("bearer token is required"));
        given().get("/api/v1/tenants").then().statusCode(401).contentType(PROBLEM);
        given().get("/api/v1/tenants/{t}/apps/hello", tenant).then().statusCode(401).contentType(PROBLEM);
        given().contentType(ContentType.JSON).body(Map.of("name", tenant))
                .post("/api/v1/tenants").then().statusCode(401).contentType(PROBLEM);
        given().auth().oauth2("not-a-token").get("/api/v1/me").then().statusCode(401).contentType(PROBLEM);
        given().auth().oauth2(Tokens.of("alice") + "x").get("/api/v1/me").then().statusCode(401);
        assertEquals(0, TestDb.count("select count(*) from tenant.tenants where name = ?", tenant));
    }

    @Test
    void thePlatformAdminIsToldSo() {
        as("admin").get("/api/v1/me").then().statusCode(200)
                .body("username", equalTo("admin"))
                .body("platformAdmin", equalTo(true));
    }

    @Test
    void anInvalidTenantNameIsRefusedWith422AndCreatesNothing() {
        for (String bad : new String[] { "Acme", "a", "9lives", "acme-", "ac_me", "x".repeat(33) }) {
            as("alice").contentType(ContentType.JSON).body(Map.of("name", bad))
                    .post("/api/v1/tenants")
                    .then().statusCode(422).contentType(PROBLEM)
                    .body("status", equalTo(422))
                    .body("detail", containsString("tenant name '" + bad + "' is not valid"));
            assertEquals(0, TestDb.count("select count(*) from tenant.tenants where name = ?", bad));
        }
        as("alice").contentType(ContentType.JSON).body("{}").post("/api/v1/tenants")
                .then().statusCode(422).contentType(PROBLEM);
    }

    @Test
    void aTooLongDisplayNameIsRefusedAndCreatesNothing() {
        String tenant = Fixtures.name("t");
        as("alice").contentType(ContentType.JSON).body(Map.of("name", tenant, "displayName", "x".repeat(101)))
                .post("/api/v1/tenants")
                .then().statusCode(422).contentType(PROBLEM).body("detail", containsString("at most 100"));
        as("alice").get("/api/v1/tenants/{t}", tenant).then().statusCode(404);
    }

    @Test
    void malformedJsonIsA400Problem() {
        as("alice").contentType(ContentType.JSON).body("{\"name\": ").post("/api/v1/tenants")
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("JSON"));
        as("alice").contentType(ContentType.JSON).post("/api/v1/tenants")
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("body is required"));
    }

    @Test
    void aTakenNameIsA409ForAnyone() {
        String tenant = Fixtures.tenantOf("alice");
        for (String user : new String[] { "alice", "bob" }) {
            as(user).contentType(ContentType.JSON).body(Map.of("name", tenant))
                    .post("/api/v1/tenants")
                    .then().statusCode(409).contentType(PROBLEM)
                    .body("detail", equalTo("tenant name '" + tenant + "' is taken; choose another"));
        }
        assertEquals(1, TestDb.count("select count(*) from tenant.members where tenant = ?", tenant));
    }

    @Test
    void aUserCannotOwnMoreTenantsThanTheLimit() {
        // Bring admin up to the limit directly in the database, then ask for one more through the API.
        String prefix = Fixtures.name("cap");
        String admin = Tokens.subjectOf("admin");
        long owned = TestDb.count("select count(*) from tenant.members where user_id = ? and role = 'owner'", admin);
        int limit = 100;
        long missing = limit - owned;
        TestDb.update("insert into tenant.tenants (name, display_name, created_by, created_at) "
                + "select ? || g, 'cap', ?, now() from generate_series(1, ?) g", prefix, admin, missing);
        TestDb.update("insert into tenant.members (tenant, user_id, username, role, added_at) "
                + "select ? || g, ?, 'admin', 'owner', now() from generate_series(1, ?) g", prefix, admin, missing);
        try {
            String tenant = Fixtures.name("t");
            as("admin").contentType(ContentType.JSON).body(Map.of("name", tenant))
                    .post("/api/v1/tenants")
                    .then().statusCode(409).contentType(PROBLEM)
                    .body("detail", containsString("the limit per user is " + limit));
            assertEquals(0, TestDb.count("select count(*) from tenant.tenants where name = ?", tenant));
        } finally {
            TestDb.update("delete from tenant.tenants where name like ?", prefix + "%");
        }
    }

    @Test
    void errorsOfTheRestLayerAreProblemsToo() {
        as("alice").get("/api/v1/nothing-here").then().statusCode(404).contentType(PROBLEM);
        as("alice").contentType(ContentType.TEXT).body("acme").post("/api/v1/tenants")
                .then().statusCode(415).contentType(PROBLEM);
    }
}

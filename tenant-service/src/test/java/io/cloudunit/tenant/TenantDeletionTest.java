package io.cloudunit.tenant;

import static io.cloudunit.tenant.Fixtures.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.cloudunit.platform.events.CloudEvent;
import io.cloudunit.platform.events.InstanceEvent;
import io.cloudunit.platform.events.KafkaCloudEvents;
import io.cloudunit.platform.events.TenantEvent;
import io.cloudunit.tenant.deletion.TenantEventsConsumer;
import io.cloudunit.tenant.usage.InstanceEventConsumer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * DELETE /tenants/{t} against the real database and Kafka: the tenant is marked and announced, refuses every
 * change from then on, and goes (rows, then tenant.deleted) only once every participant answered tenant.purged,
 * which this test sends in the participants' place.
 */
@QuarkusTest
class TenantDeletionTest {
    static final String PROBLEM = "application/problem+json";
    static final Duration DEADLINE = Duration.ofSeconds(30);
    static final String DELETION_REQUESTED = "tenant.deletion-requested";

    @AfterAll
    static void cleanUp() {
        Fixtures.cleanUp();
    }

    @Test
    void anOwnerAsksAndTheTenantIsMarkedAndAnnouncedOnce() {
        long since = System.currentTimeMillis();
        String tenant = Fixtures.tenantOf("alice");
        String alice = Tokens.subjectOf("alice");

        delete("alice", tenant).statusCode(202)
                .body("name", equalTo(tenant))
                .body("role", equalTo("owner"))
                .body("status", equalTo("deleting"))
                .body("deletion.requestedAt", notNullValue())
                .body("deletion.requestedBy", equalTo(alice))
                .body("deletion.confirmedBy", empty())
                .body("deletion.waitingFor", contains("build-service", "deployer-service"));
        delete("alice", tenant).statusCode(202).body("status", equalTo("deleting"));

        as("alice").get("/api/v1/tenants/{t}", tenant).then().statusCode(200)
                .body("status", equalTo("deleting"))
                .body("deletion.waitingFor", contains("build-service", "deployer-service"));
        as("alice").get("/api/v1/me").then().statusCode(200)
                .body("tenants", hasItem(Map.of("tenant", tenant, "role", "owner", "status", "deleting")));
        as("alice").get("/api/v1/tenants").then().statusCode(200)
                .body("find { it.name == '" + tenant + "' }.status", equalTo("deleting"));

        OutboxEvents.Event requested = new OutboxEvents.Event(DELETION_REQUESTED,
                Map.of("tenant", tenant, "requestedBy", alice));
        assertEquals(List.of(requested), ofType(OutboxEvents.of(tenant), DELETION_REQUESTED), "asked twice, announced once");
        assertEquals(requested, OutboxEvents.onTopic(tenant, since, 3).get(2));
    }

    @Test
    void aTenantBeingDeletedRefusesEveryChange() {
        String tenant = Fixtures.tenantOf("alice");
        String app = Fixtures.appOf("alice", tenant);
        Fixtures.member(tenant, "bob", "developer");
        as("alice").contentType(ContentType.JSON).body(Map.of("vars", Map.of("GREETING", "hello")))
                .put("/api/v1/tenants/{t}/apps/{a}/config", tenant, app).then().statusCode(200);
        delete("alice", tenant).statusCode(202);
        int events = OutboxEvents.of(tenant).size();

        refused(as("bob").contentType(ContentType.JSON).body(Map.of("name", Fixtures.name("a"), "stack", "java"))
                .post("/api/v1/tenants/{t}/apps", tenant).then(), tenant);
        refused(as("bob").delete("/api/v1/tenants/{t}/apps/{a}", tenant, app).then(), tenant);
        refused(as("bob").contentType(ContentType.JSON).body(Map.of("vars", Map.of("GREETING", "bye")))
                .put("/api/v1/tenants/{t}/apps/{a}/config", tenant, app).then(), tenant);
        refused(as("bob").contentType(ContentType.JSON).body(Map.of("vars", Map.of("OTHER", "x")))
                .patch("/api/v1/tenants/{t}/apps/{a}/config", tenant, app).then(), tenant);
        refused(as("alice").contentType(ContentType.JSON).body(Map.of("user", "carol", "role", "viewer"))
                .post("/api/v1/tenants/{t}/members", tenant).then(), tenant);
        refused(as("alice").contentType(ContentType.JSON).body(Map.of("role", "viewer"))
                .patch("/api/v1/tenants/{t}/members/bob", tenant).then(), tenant);
        refused(as("alice").delete("/api/v1/tenants/{t}/members/bob", tenant).then(), tenant);
        refused(as("bob").delete("/api/v1/tenants/{t}/members/bob", tenant).then(), tenant);
        refused(as("alice").contentType(ContentType.JSON).body(Map.of("displayName", "Renamed"))
                .patch("/api/v1/tenants/{t}", tenant).then(), tenant);
        as("alice").contentType(ContentType.JSON).body(Map.of("name", tenant))
                .post("/api/v1/tenants").then().statusCode(409).contentType(startsWith(PROBLEM));

        as("alice").get("/api/v1/tenants/{t}/apps", tenant).then().statusCode(200)
                .body("name", contains(app));
        as("bob").get("/api/v1/tenants/{t}/apps/{a}/config", tenant, app).then().statusCode(200)
                .body("vars", equalTo(Map.of("GREETING", "hello")));
        as("alice").get("/api/v1/tenants/{t}/members", tenant).then().statusCode(200)
                .body("username", contains("alice", "bob"))
                .body("find { it.username == 'bob' }.role", equalTo("developer"));
        as("alice").get("/api/v1/tenants/{t}", tenant).then().statusCode(200)
                .body("displayName", equalTo(tenant));
        assertEquals(events, OutboxEvents.of(tenant).size(), "a refused change announces nothing");
    }

    @Test
    void onlyAnOwnerMayDeleteAndAnOutsiderLearnsNothing() {
        String tenant = Fixtures.tenantOf("alice");
        Fixtures.member(tenant, "bob", "developer");

        delete("bob", tenant).statusCode(403).contentType(startsWith(PROBLEM));
        delete("carol", tenant).statusCode(404).contentType(startsWith(PROBLEM))
                .body("detail", startsWith("tenant '" + tenant + "' not found"));
        delete("alice", Fixtures.name("t")).statusCode(404);

        as("alice").get("/api/v1/tenants/{t}", tenant).then().statusCode(200)
                .body("status", equalTo("active"))
                .body("deletion", nullValue());
        assertEquals(List.of(), ofType(OutboxEvents.of(tenant), DELETION_REQUESTED));
    }

    @Test
    void theTenantGoesOnceEveryParticipantPurgedItAndItsNameIsFreeAgain() throws Exception {
        String tenant = Fixtures.tenantOf("alice");
        String app = Fixtures.appOf("alice", tenant);
        Fixtures.member(tenant, "bob", "viewer");
        as("alice").contentType(ContentType.JSON).body(Map.of("vars", Map.of("GREETING", "hello")))
                .put("/api/v1/tenants/{t}/apps/{a}/config", tenant, app).then().statusCode(200);
        TestDb.update("insert into tenant.instance_usage (tenant, app, instance, version, memory_mb, started_at) "
                + "values (?, ?, 'cu-x-1', 1, 256, now())", tenant, app);
        delete("alice", tenant).statusCode(202);

        CloudEvent build = purged(tenant, "build-service");
        CloudEvent buildAgain = purged(tenant, "build-service");
        CloudEvent stranger = purged(tenant, "stranger-service");
        send(build, build, buildAgain, stranger);
        await().atMost(DEADLINE).until(() -> processed(build) && processed(buildAgain) && processed(stranger));
        assertEquals(1, confirmations(tenant), "one confirmation per participant, none of a stranger");
        as("alice").get("/api/v1/tenants/{t}", tenant).then().statusCode(200)
                .body("status", equalTo("deleting"))
                .body("deletion.confirmedBy", contains("build-service"))
                .body("deletion.waitingFor", contains("deployer-service"));
        assertEquals(List.of(), ofType(OutboxEvents.of(tenant), "tenant.deleted"), "not every participant answered");
        assertEquals(1, TestDb.count("select count(*) from tenant.apps where tenant = ?", tenant));

        long since = System.currentTimeMillis();
        send(purged(tenant, "deployer-service"));
        await().atMost(DEADLINE).until(() -> TestDb.count("select count(*) from tenant.tenants where name = ?",
                tenant) == 0);
        for (String table : List.of("members", "apps", "config_vars", "instance_usage",
                "tenant_deletion_confirmations")) {
            assertEquals(0, TestDb.count("select count(*) from tenant." + table + " where tenant = ?", tenant), table);
        }
        assertEquals(List.of(new OutboxEvents.Event("tenant.deleted", Map.of("tenant", tenant))),
                ofType(OutboxEvents.of(tenant), "tenant.deleted"));
        assertEquals(new OutboxEvents.Event("tenant.deleted", Map.of("tenant", tenant)),
                OutboxEvents.onTopic(tenant, since, 1).stream()
                        .filter(event -> event.type().equals("tenant.deleted")).findFirst().orElseThrow());
        as("alice").get("/api/v1/tenants/{t}", tenant).then().statusCode(404);

        CloudEvent late = purged(tenant, "deployer-service");
        send(late);
        await().atMost(DEADLINE).until(() -> processed(late));
        assertEquals(0, TestDb.count("select count(*) from tenant.tenant_deletion_confirmations where tenant = ?",
                tenant), "an answer for a tenant not being deleted is ignored");

        as("bob").contentType(ContentType.JSON).body(Map.of("name", tenant))
                .post("/api/v1/tenants").then().statusCode(201).body("role", equalTo("owner"));
        as("bob").get("/api/v1/tenants/{t}", tenant).then().statusCode(200).body("status", equalTo("active"));
        as("bob").get("/api/v1/tenants/{t}/members", tenant).then().statusCode(200).body("username", contains("bob"));
        as("bob").get("/api/v1/tenants/{t}/apps", tenant).then().statusCode(200).body("size()", equalTo(0));
        as("alice").get("/api/v1/tenants/{t}", tenant).then().statusCode(404);
    }

    @Test
    void anAnswerForATenantNotBeingDeletedIsIgnored() throws Exception {
        String tenant = Fixtures.tenantOf("alice");
        CloudEvent stray = purged(tenant, "build-service");
        send(stray);
        await().atMost(DEADLINE).until(() -> processed(stray));
        assertEquals(0, confirmations(tenant));
        as("alice").get("/api/v1/tenants/{t}", tenant).then().statusCode(200).body("status", equalTo("active"));
    }

    @Test
    void anInstanceStartingWhileTheTenantIsBeingDeletedIsNotCounted() throws Exception {
        String tenant = Fixtures.tenantOf("alice");
        String app = Fixtures.appOf("alice", tenant);
        delete("alice", tenant).statusCode(202);

        CloudEvent started = CloudEvent.wrap(new InstanceEvent.Started(tenant, app, "cu-" + tenant + "-1", 1,
                "172.18.0.2:8080", true), "/services/deployer-service");
        TestKafka.send(List.of(KafkaCloudEvents.toRecord("test.cloudunit.instances", started)));
        await().atMost(DEADLINE).until(() -> TestDb.count("select count(*) from tenant.inbox where consumer = ? "
                + "and event_id = ?", InstanceEventConsumer.CONSUMER, started.id()) == 1);
        assertEquals(0, TestDb.count("select count(*) from tenant.instance_usage where tenant = ?", tenant),
                "its row would outlive the deletion");
    }

    @Test
    void theTenantsTokensAreRevokedOnTheRequestAndForgottenOnceItIsGone() throws Exception {
        String tenant = Fixtures.tenantOf("alice");
        JsonPath token = as("alice").contentType(ContentType.JSON).body(Map.of("name", "ci-job", "role", "viewer"))
                .post("/api/v1/tenants/{t}/tokens", tenant).then().statusCode(201).extract().jsonPath();
        delete("alice", tenant).statusCode(202);

        await().atMost(DEADLINE).until(() -> TestDb.count("select count(*) from tenant.tokens where tenant = ? "
                + "and revoked_at is not null", tenant) == 1);
        RestAssured.given().formParam("grant_type", "client_credentials")
                .formParam("client_id", token.getString("clientId"))
                .formParam("client_secret", token.getString("clientSecret"))
                .post(token.getString("tokenUrl")).then().statusCode(401);

        send(purged(tenant, "build-service"), purged(tenant, "deployer-service"));
        await().atMost(DEADLINE).until(() -> TestDb.count("select count(*) from tenant.tokens where tenant = ?",
                tenant) == 0);
    }

    static ValidatableResponse delete(String user, String tenant) {
        return as(user).delete("/api/v1/tenants/{t}", tenant).then();
    }

    static void refused(ValidatableResponse response, String tenant) {
        response.statusCode(409).contentType(startsWith(PROBLEM))
                .body("status", equalTo(409))
                .body("detail", equalTo("tenant '" + tenant + "' is being deleted"));
    }

    static CloudEvent purged(String tenant, String service) {
        return CloudEvent.wrap(new TenantEvent.Purged(tenant, service), "/services/" + service);
    }

    static void send(CloudEvent... events) throws Exception {
        TestKafka.send(List.of(events).stream()
                .map(event -> KafkaCloudEvents.toRecord(OutboxEvents.TENANTS_TOPIC, event)).toList());
    }

    static List<OutboxEvents.Event> ofType(List<OutboxEvents.Event> events, String type) {
        return events.stream().filter(event -> event.type().equals(type)).toList();
    }

    static long confirmations(String tenant) {
        return TestDb.count("select count(*) from tenant.tenant_deletion_confirmations where tenant = ?", tenant);
    }

    static boolean processed(CloudEvent event) {
        return TestDb.count("select count(*) from tenant.inbox where consumer = ? and event_id = ?",
                TenantEventsConsumer.CONSUMER, event.id()) == 1;
    }
}

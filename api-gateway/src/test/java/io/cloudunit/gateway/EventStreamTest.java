package io.cloudunit.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudunit.gateway.support.Database;
import io.cloudunit.gateway.events.EventBroadcaster;
import io.cloudunit.gateway.support.ConsumersLive;
import io.cloudunit.gateway.support.Events;
import io.cloudunit.gateway.support.SseClient;
import io.cloudunit.gateway.support.Stubs;
import io.cloudunit.gateway.support.Tokens;
import io.cloudunit.platform.events.AppEvent;
import io.cloudunit.platform.events.BuildEvent;
import io.cloudunit.platform.events.DeploymentEvent;
import io.cloudunit.platform.events.InstanceEvent;
import io.cloudunit.platform.events.PlatformEvent;
import io.cloudunit.platform.events.ReleaseEvent;
import io.cloudunit.platform.events.CloudEvent;
import io.cloudunit.platform.events.ConfigEvent;
import io.cloudunit.platform.events.TenantEvent;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = Stubs.class, scope = TestResourceScope.GLOBAL)
class EventStreamTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String BUILDS = "/services/build-service";
    private static final String DEPLOYER = "/services/deployer-service";
    private static final AppEvent.Spec SPEC = new AppEvent.Spec("java", 256, 0.5, 1, "/");

    @TestHTTPResource("/")
    URL base;

    @Inject
    EventBroadcaster broadcaster;

    @BeforeEach
    void consumersLive() {
        ConsumersLive.await(broadcaster);
    }

    private final String tenantA = Events.uniqueName("ta");
    private final String tenantB = Events.uniqueName("tb");

    @Test
    void aSubscriberReceivesItsTenantsEventsInOrderAndNeverAnotherTenants() throws Exception {
        Stubs.member("alice", tenantA, "viewer");
        Stubs.member("bob", tenantB, "owner");
        try (SseClient sse = subscribe("alice", tenantA, null, "")) {
            assertEquals(200, sse.status());
            assertTrue(sse.contentType().startsWith("text/event-stream"));
            List<CloudEvent> produced = new ArrayList<>();
            produced.add(Events.produce(new AppEvent.Created(tenantA, "web", SPEC)));
            Events.produce(new AppEvent.Created(tenantB, "web", SPEC));
            produced.add(Events.produce(new AppEvent.Scaled(tenantA, "web", SPEC)));
            Events.produce(new AppEvent.Deleted(tenantB, "web"));
            produced.add(Events.produce(new ConfigEvent.Changed(tenantA, "web", List.of("GREETING"))));

            List<SseClient.Message> received = sse.take(3, WAIT);
            assertEquals(ids(produced), received.stream().map(SseClient.Message::id).toList());
            SseClient.Message first = received.get(0);
            assertEquals("io.cloudunit.app.created", first.event());
            JsonNode structured = new ObjectMapper().readTree(first.data());
            assertEquals("1.0", structured.path("specversion").asText());
            assertEquals(produced.get(0).id().toString(), structured.path("id").asText());
            assertEquals("io.cloudunit.app.created", structured.path("type").asText());
            assertEquals("/services/test", structured.path("source").asText());
            assertEquals(tenantA + "/web", structured.path("subject").asText());
            assertEquals(tenantA, structured.path("tenant").asText());
            assertEquals("application/json", structured.path("datacontenttype").asText());
            assertTrue(structured.path("time").asText().endsWith("Z"));
            assertEquals("web", structured.path("data").path("app").asText(), "data is the payload object");
            assertEquals(256, structured.path("data").path("spec").path("memoryMb").asInt());

            // B's events are stored by now (bob sees them); the next event alice gets is still her own.
            await().atMost(WAIT).untilAsserted(() -> history("bob", tenantB, 10).then().body("$", hasSize(2)));
            CloudEvent fourth = Events.produce(new AppEvent.Updated(tenantA, "web", SPEC));
            SseClient.Message next = sse.next(WAIT);
            assertNotNull(next);
            assertEquals(fourth.id().toString(), next.id());
        }
    }

    @Test
    void eventsAreStreamedInCausalOrderWhateverTopicBroughtThemFirst() throws Exception {
        Stubs.member("alice", tenantA, "viewer");
        UUID build = UUID.randomUUID();
        CloudEvent built = numbered(new BuildEvent.Succeeded(tenantA, "web", build, 1, "cloudunit/a/web:b1",
                "sha256:i", "sha256:d"), BUILDS, 1, Map.of());
        CloudEvent released = numbered(new ReleaseEvent.Created(tenantA, "web", 1, build, "cloudunit/a/web:b1",
                "build"), DEPLOYER, 1, Map.of(BUILDS, 1L));
        CloudEvent started = numbered(new InstanceEvent.Started(tenantA, "web", "i1", 1, "127.0.0.1:1", true),
                DEPLOYER, 2, Map.of(BUILDS, 1L));
        CloudEvent succeeded = numbered(new DeploymentEvent.Succeeded(tenantA, "web", UUID.randomUUID(), 1),
                DEPLOYER, 3, Map.of(BUILDS, 1L));
        try (SseClient sse = subscribe("alice", tenantA, null, "")) {
            Events.produce(succeeded);
            Events.produce(started);
            Events.produce(released);
            Events.produce(built);

            List<CloudEvent> causalOrder = List.of(built, released, started, succeeded);
            assertEquals(ids(causalOrder), sse.take(4, WAIT).stream().map(SseClient.Message::id).toList());
            history("alice", tenantA, 10).then().body("id", equalTo(ids(causalOrder)))
                    .body("sequence", equalTo(List.of("1", "1", "2", "3")));
        }
    }

    @Test
    void anEventWhosePredecessorNeverComesIsStreamedAfterTheBoundAndTheLateOneIsNotLost() throws Exception {
        Stubs.member("alice", tenantA, "viewer");
        CloudEvent lost = numbered(new InstanceEvent.Started(tenantA, "web", "i1", 1, "127.0.0.1:1", true),
                DEPLOYER, 1, Map.of());
        CloudEvent second = numbered(new InstanceEvent.Stopped(tenantA, "web", "i1", 1), DEPLOYER, 2, Map.of());
        try (SseClient sse = subscribe("alice", tenantA, null, "")) {
            Events.produce(second);
            assertEquals(second.id().toString(), sse.next(WAIT).id());
            Events.produce(lost);
            assertEquals(lost.id().toString(), sse.next(WAIT).id());
        }
    }

    @Test
    void aSubscriberResumesAfterItsLastEventIdWithoutGapOrDuplicate() throws Exception {
        Stubs.member("alice", tenantA, "viewer");
        List<CloudEvent> stored = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            stored.add(Events.produce(new ConfigEvent.Changed(tenantA, "web", List.of("V" + i))));
        }
        await().atMost(WAIT).untilAsserted(() -> history("alice", tenantA, 10).then().body("$", hasSize(3)));

        try (SseClient resumed = subscribe("alice", tenantA, stored.get(0).id().toString(), "")) {
            List<SseClient.Message> replayed = resumed.take(2, WAIT);
            assertEquals(ids(stored.subList(1, 3)), replayed.stream().map(SseClient.Message::id).toList());
            CloudEvent live = Events.produce(new ConfigEvent.Changed(tenantA, "web", List.of("V4")));
            SseClient.Message next = resumed.next(WAIT);
            assertNotNull(next);
            assertEquals(live.id().toString(), next.id());
            assertNull(resumed.next(Duration.ofSeconds(2)), "nothing is delivered twice");
        }
        try (SseClient after = subscribe("alice", tenantA, null, "?after=" + stored.get(1).id())) {
            assertEquals(stored.get(2).id().toString(), after.next(WAIT).id());
        }
        try (SseClient latest = subscribe("alice", tenantA, null, "?replay=2")) {
            List<SseClient.Message> replayed = latest.take(2, WAIT);
            assertEquals(List.of(stored.get(2).id().toString()), replayed.stream().limit(1)
                    .map(SseClient.Message::id).toList());
            assertNull(latest.next(Duration.ofSeconds(1)));
        }
    }

    @Test
    void aRedeliveredEventIsStoredOnceAndStreamedOnce() throws Exception {
        Stubs.member("alice", tenantA, "viewer");
        try (SseClient sse = subscribe("alice", tenantA, null, "")) {
            CloudEvent event = Events.envelope(new AppEvent.Created(tenantA, "web", SPEC));
            Events.produce(event);
            Events.produce(event);
            CloudEvent after = Events.produce(new AppEvent.Deleted(tenantA, "web"));

            List<SseClient.Message> received = sse.take(2, WAIT);
            assertEquals(List.of(event.id().toString(), after.id().toString()),
                    received.stream().map(SseClient.Message::id).toList());
            assertEquals(1, Database.eventsWithId(event.id()));
            history("alice", tenantA, 10).then().body("$", hasSize(2));
        }
    }

    @Test
    void aDeletedTenantsLogGoesOnceItsSubscribersGotTenantDeletedAndANewTenantOfTheNameKeepsItsOwn() throws Exception {
        Stubs.member("alice", tenantA, "viewer");
        Stubs.member("alice", tenantB, "viewer");
        CloudEvent other = Events.produce(new AppEvent.Created(tenantB, "web", SPEC));
        List<CloudEvent> produced = new ArrayList<>();
        try (SseClient sse = subscribe("alice", tenantA, null, "")) {
            produced.add(Events.produce(new AppEvent.Created(tenantA, "web", SPEC)));
            produced.add(Events.produce(new ConfigEvent.Changed(tenantA, "web", List.of("GREETING"))));
            // Unnumbered and on two topics: they may come in either order, but both before the deletion.
            assertEquals(Set.copyOf(ids(produced)), sse.take(2, WAIT).stream().map(SseClient.Message::id)
                    .collect(Collectors.toSet()));
            CloudEvent deleted = Events.produce(new TenantEvent.Deleted(tenantA));

            SseClient.Message last = sse.next(WAIT);
            assertNotNull(last);
            assertEquals(deleted.id().toString(), last.id());
            assertEquals("io.cloudunit.tenant.deleted", last.event());
        }
        await().atMost(WAIT).until(() -> Database.eventsOfTenant(tenantA) == 0);
        assertEquals(1, Database.eventsWithId(other.id()), "another tenant's log stays");

        CloudEvent again = Events.produce(new TenantEvent.Created(tenantA, "Again", "u1", "alice"));
        await().atMost(WAIT).until(() -> Database.eventsWithId(again.id()) == 1);
        CloudEvent deletedB = Events.produce(new TenantEvent.Deleted(tenantB));
        await().atMost(WAIT).until(() -> Database.eventsOfTenant(tenantB) == 0);
        assertEquals(1, Database.eventsOfTenant(tenantA), "the new tenant's events are not the deleted one's");
        assertEquals(0, Database.eventsWithId(deletedB.id()));
    }

    @Test
    void theStreamSendsHeartbeatComments() throws Exception {
        Stubs.member("alice", tenantA, "viewer");
        try (SseClient sse = subscribe("alice", tenantA, null, "")) {
            await().atMost(WAIT).until(() -> sse.comments().contains("heartbeat"));
            assertTrue(sse.comments().contains("connected"));
        }
    }

    @Test
    void historyIsStructuredOldestFirstAndLimited() {
        Stubs.member("alice", tenantA, "viewer");
        CloudEvent first = Events.produce(new AppEvent.Created(tenantA, "web", SPEC));
        CloudEvent second = Events.produce(new AppEvent.Scaled(tenantA, "web", SPEC));
        CloudEvent third = Events.produce(new AppEvent.Deleted(tenantA, "web"));
        await().atMost(WAIT).untilAsserted(() -> history("alice", tenantA, 10).then().body("$", hasSize(3)));

        history("alice", tenantA, 10).then().statusCode(200)
                .body("id", equalTo(ids(List.of(first, second, third))))
                .body("[0].specversion", equalTo("1.0"))
                .body("[0].data.spec.stack", equalTo("java"));
        history("alice", tenantA, 2).then().body("id", equalTo(ids(List.of(second, third))));
    }

    @Test
    void badParametersAreRefusedWithAProblem() {
        Stubs.member("alice", tenantA, "viewer");
        given().header("Authorization", Tokens.bearer("alice"))
                .get("/api/v1/tenants/{t}/events/history?limit=lots", tenantA)
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("limit must be a whole number"));
        given().header("Authorization", Tokens.bearer("alice")).get("/api/v1/tenants/{t}/events/history?limit=0", tenantA)
                .then().statusCode(400);
        given().header("Authorization", Tokens.bearer("alice")).header("Last-Event-ID", "not-an-id")
                .get("/api/v1/tenants/{t}/events", tenantA)
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("is not an event id"));
    }

    @Test
    void aNonMemberCannotSubscribeNorReadTheHistory() throws Exception {
        Stubs.member("alice", tenantA, "viewer");
        given().header("Authorization", Tokens.bearer("bob")).get("/api/v1/tenants/{t}/events/history", tenantA)
                .then().statusCode(404).contentType("application/problem+json");
        try (SseClient sse = subscribe("bob", tenantA, null, "")) {
            assertEquals(404, sse.status());
        }
        given().get("/api/v1/tenants/{t}/events", tenantA).then().statusCode(401);
    }

    private SseClient subscribe(String user, String tenant, String lastEventId, String query) throws Exception {
        return SseClient.open(URI.create(base + "api/v1/tenants/" + tenant + "/events" + query),
                Tokens.bearer(user), lastEventId);
    }

    private static io.restassured.response.Response history(String user, String tenant, int limit) {
        return given().header("Authorization", Tokens.bearer(user))
                .get("/api/v1/tenants/{t}/events/history?limit=" + limit, tenant);
    }

    private static CloudEvent numbered(PlatformEvent event, String source, long sequence, Map<String, Long> after) {
        return CloudEvent.wrap(event, source).sequenced(sequence, after);
    }

    private static List<String> ids(List<CloudEvent> events) {
        return events.stream().map(CloudEvent::id).map(UUID::toString).toList();
    }
}

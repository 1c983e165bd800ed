package io.cloudunit.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cloudunit.gateway.support.Claims;
import io.cloudunit.gateway.events.EventBroadcaster;
import io.cloudunit.gateway.support.ConsumersLive;
import io.cloudunit.gateway.support.Events;
import io.cloudunit.gateway.support.GeneratedBody;
import io.cloudunit.gateway.support.RawHttp;
import io.cloudunit.gateway.support.SseClient;
import io.cloudunit.gateway.support.StubService.Received;
import io.cloudunit.gateway.support.Stubs;
import io.cloudunit.gateway.support.Tokens;
import io.cloudunit.platform.events.MemberEvent;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = Stubs.class, scope = TestResourceScope.GLOBAL)
class ApiProxyTest {
    private static final String PROBLEM = "application/problem+json";

    @TestHTTPResource("/")
    URL base;

    @Inject
    EventBroadcaster broadcaster;

    @BeforeEach
    void consumersLive() {
        ConsumersLive.await(broadcaster);
    }

    private final String tenant = Events.uniqueName("t");

    @Test
    void anAnonymousCallIsRefusedWithAProblemAndNeverForwarded() {
        given().get("/api/v1/tenants/{t}/apps", tenant)
                .then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", "Bearer")
                .body("status", equalTo(401))
                .body("detail", equalTo("missing or invalid bearer token: get one from Keycloak, see README"));
        assertTrue(Stubs.TENANT.receivedUnder("/api/v1/tenants/" + tenant).isEmpty());
    }

    @Test
    void aForgedTokenIsRefusedLikeAMissingOne() {
        String token = Tokens.of("alice");
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        given().header("Authorization", "Bearer " + forged).get("/api/v1/me")
                .then().statusCode(401).contentType(PROBLEM)
                .body("detail", containsString("missing or invalid bearer token"));
    }

    @Test
    void meAndTheTenantListNeedOnlyAToken() {
        given().header("Authorization", Tokens.bearer("bob")).get("/api/v1/me")
                .then().statusCode(200).body("username", equalTo("bob"));
        given().header("Authorization", Tokens.bearer("bob")).get("/api/v1/tenants")
                .then().statusCode(200).body("service", equalTo("tenant-service"));
    }

    @Test
    void aMembersCallIsForwardedWithMethodPathQueryHeadersAndBodyIntact() {
        Stubs.member("alice", tenant, "developer");
        String body = "{\"name\":\"web\",\"stack\":\"java\"}";

        given().header("Authorization", Tokens.bearer("alice"))
                .header("X-Custom", "kept")
                .header("Connection", "X-Hop")
                .header("X-Hop", "this hop only")
                .header("X-Forwarded-For", "6.6.6.6")
                .header("X-Request-Id", "req-123")
                .contentType("application/json")
                .queryParam("dryRun", "true")
                .body(body)
                .post("/api/v1/tenants/{t}/apps", tenant)
                .then().statusCode(201)
                .header("X-Stub", "tenant-service")
                .header("X-Request-Id", "req-123")
                .header("Keep-Alive", nullValue())
                .body("method", equalTo("POST"))
                .body("uri", equalTo("/api/v1/tenants/" + tenant + "/apps?dryRun=true"))
                .body("bodyBytes", equalTo(body.length()));

        Received received = last(Stubs.TENANT.receivedUnder("/api/v1/tenants/" + tenant + "/apps"));
        assertEquals("POST", received.method());
        assertEquals("/api/v1/tenants/" + tenant + "/apps?dryRun=true", received.uri());
        assertEquals(body, received.bodyStart());
        assertEquals(Tokens.bearer("alice"), received.header("Authorization"));
        assertEquals("application/json", received.header("Content-Type"));
        assertEquals("kept", received.header("X-Custom"));
        assertNull(received.header("X-Hop"), "a header named by Connection concerns one hop only");
        assertEquals("req-123", received.header("X-Request-Id"));
        assertEquals("127.0.0.1", received.header("X-Forwarded-For"), "the edge replaces a claimed client address");
        assertEquals("http", received.header("X-Forwarded-Proto"));
        assertEquals(base.getHost() + ":" + base.getPort(), received.header("X-Forwarded-Host"));
        assertEquals(base.getHost() + ":" + base.getPort(), received.header("Host"));
    }

    @Test
    void aRequestIdIsGeneratedWhenTheCallerGivesNone() {
        Stubs.member("alice", tenant, "viewer");
        String id = given().header("Authorization", Tokens.bearer("alice")).get("/api/v1/tenants/{t}", tenant)
                .then().statusCode(200).header("X-Request-Id", notNullValue()).extract().header("X-Request-Id");
        assertEquals(id, last(Stubs.TENANT.receivedUnder("/api/v1/tenants/" + tenant)).header("X-Request-Id"));
    }

    @Test
    void eachPathGoesToTheServiceThatOwnsIt() {
        Stubs.member("alice", tenant, "developer");
        String apps = "/api/v1/tenants/" + tenant + "/apps/web";
        expectServedBy(apps + "/builds", "build-service");
        expectServedBy(apps + "/builds/42/log", "build-service");
        for (String section : List.of("releases", "rollback", "deployments/7", "actions/restart", "instances",
                "logs", "stats", "state")) {
            expectServedBy(apps + "/" + section, "deployer-service");
        }
        expectServedBy(apps, "tenant-service");
        expectServedBy(apps + "/config", "tenant-service");
        expectServedBy("/api/v1/tenants/" + tenant + "/members", "tenant-service");
        expectServedBy("/api/v1/tenants/" + tenant + "/quota", "tenant-service");
    }

    @Test
    void aNonMemberGetsNotFoundAndTheServiceIsNeverCalled() {
        Stubs.member("alice", tenant, "owner");
        String unknown = Events.uniqueName("t");

        for (String path : List.of("/api/v1/tenants/" + tenant, "/api/v1/tenants/" + tenant + "/apps/web/builds",
                "/api/v1/tenants/" + unknown + "/apps")) {
            given().header("Authorization", Tokens.bearer("bob")).get(path)
                    .then().statusCode(404).contentType(PROBLEM)
                    .body("detail", containsString("tenant '" + path.split("/")[4] + "' not found"));
        }
        given().header("Authorization", Tokens.bearer("bob")).contentType("application/json").body("{}")
                .post("/api/v1/tenants/{t}/apps", tenant).then().statusCode(404);

        assertTrue(Stubs.TENANT.receivedUnder("/api/v1/tenants/" + tenant).isEmpty());
        assertTrue(Stubs.BUILD.receivedUnder("/api/v1/tenants/" + tenant).isEmpty());
    }

    @Test
    void aPathThatIsNotATenantNameOrEscapesItIsNotFound() throws Exception {
        Stubs.member("alice", tenant, "owner");
        given().header("Authorization", Tokens.bearer("alice")).get("/api/v1/tenants/NOT_A_LABEL/apps")
                .then().statusCode(404).contentType(PROBLEM);
        // "/tenants/<mine>/../<other>" is normalised before authorization: it is about <other>.
        String other = Events.uniqueName("t");
        HttpResponse<String> escaped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base + "api/v1/tenants/" + tenant + "/../" + other + "/apps"))
                .header("Authorization", Tokens.bearer("alice")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, escaped.statusCode());
        assertTrue(Stubs.TENANT.receivedUnder("/api/v1/tenants/" + other).isEmpty());
    }

    @Test
    void aViewerMayReadButNotWrite() {
        Stubs.member("bob", tenant, "viewer");
        given().header("Authorization", Tokens.bearer("bob")).get("/api/v1/tenants/{t}/apps", tenant)
                .then().statusCode(200).body("service", equalTo("tenant-service"));
        given().header("Authorization", Tokens.bearer("bob")).contentType("application/json").body("{\"name\":\"x\"}")
                .post("/api/v1/tenants/{t}/apps", tenant)
                .then().statusCode(403).contentType(PROBLEM)
                .body("detail", containsString("needs the developer role"));
        assertTrue(Stubs.TENANT.receivedUnder("/api/v1/tenants/" + tenant + "/apps").stream()
                .noneMatch(r -> r.method().equals("POST")));
    }

    @Test
    void aPlatformAdminReachesEveryTenantsQuotaWhateverHisRoleInIt() {
        Stubs.member("admin", tenant, "viewer");
        Stubs.member("bob", tenant, "viewer");
        String notHis = Events.uniqueName("t");
        Stubs.member("alice", notHis, "owner");
        for (String reached : List.of(tenant, notHis)) {
            given().header("Authorization", Tokens.bearer("admin")).contentType("application/json").body("{}")
                    .put("/api/v1/tenants/{t}/quota", reached)
                    .then().statusCode(200).body("service", equalTo("tenant-service"));
        }
        // the same role without the platform role is refused at the edge
        given().header("Authorization", Tokens.bearer("bob")).contentType("application/json").body("{}")
                .put("/api/v1/tenants/{t}/quota", tenant).then().statusCode(403).contentType(PROBLEM);
        assertEquals(1, Stubs.TENANT.receivedUnder("/api/v1/tenants/" + tenant + "/quota").size());
    }

    @Test
    void deletingTheTenantAndManagingMembersNeedTheOwner() {
        Stubs.member("alice", tenant, "developer");
        given().header("Authorization", Tokens.bearer("alice")).delete("/api/v1/tenants/{t}", tenant)
                .then().statusCode(403).body("detail", containsString("needs the owner role"));
        given().header("Authorization", Tokens.bearer("alice")).contentType("application/json").body("{}")
                .post("/api/v1/tenants/{t}/members", tenant).then().statusCode(403);
        given().header("Authorization", Tokens.bearer("alice")).get("/api/v1/tenants/{t}/members", tenant)
                .then().statusCode(200);
        given().header("Authorization", Tokens.bearer("alice")).delete("/api/v1/tenants/{t}/apps/web", tenant)
                .then().statusCode(200);
    }

    @Test
    void aTenantJoinedAMomentAgoWorksAtOnceAndIsThenCached() {
        Stubs.member("alice", tenant, "owner");
        given().header("Authorization", Tokens.bearer("alice")).get("/api/v1/tenants/{t}", tenant)
                .then().statusCode(200);
        String joined = Events.uniqueName("t");
        Stubs.member("alice", joined, "owner");
        int calls = Stubs.meCalls("alice");

        given().header("Authorization", Tokens.bearer("alice")).get("/api/v1/tenants/{t}", joined)
                .then().statusCode(200);
        assertEquals(calls + 1, Stubs.meCalls("alice"), "a missing tenant is asked again once");
        given().header("Authorization", Tokens.bearer("alice")).get("/api/v1/tenants/{t}/apps", joined)
                .then().statusCode(200);
        given().header("Authorization", Tokens.bearer("alice")).get("/api/v1/tenants/{t}", tenant)
                .then().statusCode(200);
        assertEquals(calls + 1, Stubs.meCalls("alice"), "then the answer is cached");
    }

    @Test
    void creatingATenantForgetsTheCreatorsCachedMemberships() {
        Stubs.member("alice", tenant, "owner");
        given().header("Authorization", Tokens.bearer("alice")).get("/api/v1/tenants/{t}", tenant)
                .then().statusCode(200);
        given().header("Authorization", Tokens.bearer("alice")).contentType("application/json")
                .body("{\"name\":\"" + Events.uniqueName("t") + "\"}").post("/api/v1/tenants")
                .then().statusCode(201);
        int calls = Stubs.meCalls("alice");
        given().header("Authorization", Tokens.bearer("alice")).get("/api/v1/tenants/{t}", tenant)
                .then().statusCode(200);
        assertEquals(calls + 1, Stubs.meCalls("alice"));
    }

    @Test
    void aMemberEventForgetsTheCachedRole() {
        Stubs.member("alice", tenant, "owner");
        given().header("Authorization", Tokens.bearer("alice")).contentType("application/json").body("{}")
                .post("/api/v1/tenants/{t}/apps", tenant).then().statusCode(201);
        Stubs.member("alice", tenant, "viewer");
        given().header("Authorization", Tokens.bearer("alice")).contentType("application/json").body("{}")
                .post("/api/v1/tenants/{t}/apps", tenant).then().statusCode(201); // still cached as owner

        Events.produce(new MemberEvent.RoleChanged(tenant, Claims.subjectOf("alice"), "viewer"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given()
                .header("Authorization", Tokens.bearer("alice")).contentType("application/json").body("{}")
                .post("/api/v1/tenants/{t}/apps", tenant).then().statusCode(403));
    }

    @Test
    void a50MegabyteUploadStreamsThroughWithoutBeingBuffered() throws Exception {
        Stubs.member("alice", tenant, "developer");
        long size = 50L * 1024 * 1024;
        long before = Stubs.BUILD.bodyBytesInFlight();
        GeneratedBody body = new GeneratedBody(size, 16L * 1024 * 1024,
                () -> Stubs.BUILD.bodyBytesInFlight() - before >= 4L * 1024 * 1024);
        String path = "/api/v1/tenants/" + tenant + "/apps/web/builds";

        RawHttp.Answer answer = RawHttp.post(base.getHost(), base.getPort(), path,
                Map.of("Authorization", Tokens.bearer("alice"), "Content-Type", "application/java-archive"), size,
                body);

        assertEquals(201, answer.status(), answer.text());
        Received received = last(Stubs.BUILD.receivedUnder(path));
        assertEquals(size, received.bodyBytes());
        assertEquals(body.sha256(), received.bodySha256());
        assertEquals("application/java-archive", received.header("Content-Type"));
        assertEquals(String.valueOf(size), received.header("Content-Length"));
    }

    /**
     * Regression: authentication may hand a request over on another event loop; proxying it from there once
     * lost a resume between the two pipes and stalled an upload for good (about one upload in eight).
     */
    @Test
    void uploadsInARowNeverStall() throws Exception {
        Stubs.member("alice", tenant, "developer");
        String path = "/api/v1/tenants/" + tenant + "/apps/web/builds";
        for (int round = 0; round < 10; round++) {
            long size = 24L * 1024 * 1024;
            long before = Stubs.BUILD.bodyBytesInFlight();
            GeneratedBody body = new GeneratedBody(size, (1 + round) * 1024L * 1024,
                    () -> Stubs.BUILD.bodyBytesInFlight() - before >= 512 * 1024);
            RawHttp.Answer answer = RawHttp.post(base.getHost(), base.getPort(), path,
                    Map.of("Authorization", Tokens.bearer("alice")), size, body);
            assertEquals(201, answer.status(), "round " + round);
            assertEquals(size, last(Stubs.BUILD.receivedUnder(path)).bodyBytes());
        }
    }

    @Test
    void anUpstreamEventStreamPassesThroughAsItIsWritten() throws Exception {
        Stubs.member("alice", tenant, "viewer");
        CountDownLatch release = new CountDownLatch(1);
        String path = "/api/v1/tenants/" + tenant + "/apps/web/logs";
        Stubs.DEPLOYER.on(path, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                String resumedFrom = exchange.getRequestHeaders().getFirst("Last-Event-ID");
                out.write(("id: 1\ndata: first line, after " + resumedFrom + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                release.await(30, TimeUnit.SECONDS);
                out.write("id: 2\ndata: second line\n\n".getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        try (SseClient logs = SseClient.open(URI.create(base + path.substring(1) + "?follow=true"),
                Tokens.bearer("alice"), "0")) {
            assertEquals(200, logs.status());
            assertTrue(logs.contentType().startsWith("text/event-stream"));
            SseClient.Message first = logs.next(Duration.ofSeconds(15));
            assertNotNull(first, "the first line arrives while the upstream still holds the stream open");
            assertEquals("first line, after 0", first.data());
            release.countDown();
            SseClient.Message second = logs.next(Duration.ofSeconds(15));
            assertNotNull(second);
            assertEquals("2", second.id());
        }
    }

    @Test
    void webhooksAreNotOfferedByThisVersion() {
        Stubs.member("alice", tenant, "owner");
        given().header("Authorization", Tokens.bearer("alice")).get("/api/v1/tenants/{t}/webhooks", tenant)
                .then().statusCode(404).contentType(PROBLEM).body("detail", containsString("webhooks"));
    }

    private void expectServedBy(String path, String service) {
        given().header("Authorization", Tokens.bearer("alice")).get(path)
                .then().statusCode(200).header("X-Stub", service).body("uri", equalTo(path));
    }

    private static Received last(List<Received> received) {
        assertTrue(!received.isEmpty(), "the service received the call");
        return received.get(received.size() - 1);
    }
}

package io.cloudunit.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cloudunit.gateway.router.AppRouter;
import io.cloudunit.gateway.events.EventBroadcaster;
import io.cloudunit.gateway.support.ConsumersLive;
import io.cloudunit.gateway.support.Events;
import io.cloudunit.gateway.support.StubService.Received;
import io.cloudunit.gateway.support.Stubs;
import io.cloudunit.platform.events.AppEvent;
import io.cloudunit.platform.events.AppStateEvent;
import io.cloudunit.platform.events.InstanceEvent;
import io.cloudunit.platform.events.TenantEvent;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(value = Stubs.class, scope = TestResourceScope.GLOBAL)
class AppRouterTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AppRouter router;

    @Inject
    EventBroadcaster broadcaster;

    @BeforeEach
    void consumersLive() {
        ConsumersLive.await(broadcaster);
    }

    private final String tenant = Events.uniqueName("t");
    private final String appAddress = "127.0.0.1:" + Stubs.APP.port();

    @Test
    void theStartupSnapshotOfTheDeployerFillsTheTable() {
        await().atMost(WAIT).untilAsserted(() -> get("web", Stubs.SNAPSHOT_TENANT, "/")
                .then().statusCode(200).body(containsString("hello from the app stub")));
        assertTrue(Stubs.SNAPSHOT_CALLS.get() >= 2, "the first refusal was retried");
    }

    @Test
    void anInstanceStartedEventOpensTheRouteAndStoppedClosesIt() {
        get("web", tenant, "/").then().statusCode(404);
        Events.produce(new InstanceEvent.Started(tenant, "web", "cu-" + tenant + "-web-v1-1", 1, appAddress, true));

        await().atMost(WAIT).untilAsserted(() -> get("web", tenant, "/hello?name=x")
                .then().statusCode(200).body(containsString("hello from the app stub"))
                .body(containsString("host=web-" + tenant + ".apps.localhost:" + router.port()))
                .body(containsString("path=/hello?name=x")));
        Received received = last(Stubs.APP.received());
        assertEquals("127.0.0.1", received.header("X-Forwarded-For"));
        assertEquals("web-" + tenant + ".apps.localhost:" + router.port(), received.header("X-Forwarded-Host"));

        Events.produce(new InstanceEvent.Stopped(tenant, "web", "cu-" + tenant + "-web-v1-1", 1));
        await().atMost(WAIT).untilAsserted(() -> get("web", tenant, "/")
                .then().statusCode(503).header("Retry-After", "5").contentType(containsString("text/html"))
                .body(containsString("has no healthy instance")));
    }

    @Test
    void requestBodiesReachTheApp() {
        Events.produce(new InstanceEvent.Started(tenant, "api", "cu-" + tenant + "-api-v1-1", 1, appAddress, true));
        await().atMost(WAIT).untilAsserted(() -> get("api", tenant, "/").then().statusCode(200));
        given().baseUri("http://127.0.0.1").port(router.port()).header("Host", "api-" + tenant + ".apps.localhost")
                .contentType("text/plain").body("some text").post("/echo").then().statusCode(200);
        Received received = last(Stubs.APP.received());
        assertEquals("POST", received.method());
        assertEquals("some text", received.bodyStart());
    }

    @Test
    void aRefusedConnectionIsRetriedOnTheNextInstance() {
        Events.produce(new InstanceEvent.Started(tenant, "web", "dead", 1, "127.0.0.1:1", true));
        Events.produce(new InstanceEvent.Started(tenant, "web", "alive", 1, appAddress, true));
        await().atMost(WAIT).untilAsserted(() -> get("web", tenant, "/").then().statusCode(200));
        for (int i = 0; i < 6; i++) {
            get("web", tenant, "/").then().statusCode(200).body(containsString("hello from the app stub"));
        }
    }

    @Test
    void anInstanceThatIsNotHealthyGetsNoTraffic() {
        Events.produce(new InstanceEvent.Started(tenant, "web", "starting", 1, appAddress, false));
        await().atMost(WAIT).untilAsserted(() -> get("web", tenant, "/").then().statusCode(503));
        Events.produce(new InstanceEvent.Started(tenant, "web", "starting", 1, appAddress, true));
        await().atMost(WAIT).untilAsserted(() -> get("web", tenant, "/").then().statusCode(200));
        Events.produce(new InstanceEvent.Unhealthy(tenant, "web", "starting", 1, "health check failed"));
        await().atMost(WAIT).untilAsserted(() -> get("web", tenant, "/").then().statusCode(503));
    }

    @Test
    void aDeletedAppIsForgotten() {
        Events.produce(new InstanceEvent.Started(tenant, "web", "i1", 1, appAddress, true));
        await().atMost(WAIT).untilAsserted(() -> get("web", tenant, "/").then().statusCode(200));
        Events.produce(new AppEvent.Deleted(tenant, "web"));
        await().atMost(WAIT).untilAsserted(() -> get("web", tenant, "/").then().statusCode(404));
    }

    @Test
    void anAppOfASuspendedTenantGetsTheSuspendedPageUntilItIsReinstated() {
        Events.produce(new InstanceEvent.Started(tenant, "web", "i1", 1, appAddress, true));
        await().atMost(WAIT).untilAsserted(() -> get("web", tenant, "/").then().statusCode(200));

        Events.produce(new TenantEvent.Suspended(tenant, "unpaid invoice"));
        await().atMost(WAIT).untilAsserted(() -> get("web", tenant, "/").then().statusCode(503)
                .contentType(containsString("text/html"))
                .body(containsString("The app web of tenant " + tenant + " is suspended")));

        Events.produce(new TenantEvent.Reinstated(tenant));
        await().atMost(WAIT).untilAsserted(() -> get("web", tenant, "/").then().statusCode(200));
    }

    @Test
    void aStoppedAppGetsTheStoppedPageACrashedOneTheCrashedPageAndAHealthyInstanceServesAgain() {
        Events.produce(new InstanceEvent.Started(tenant, "web", "i1", 1, appAddress, true));
        await().atMost(WAIT).untilAsserted(() -> get("web", tenant, "/").then().statusCode(200));

        Events.produce(new AppStateEvent.Stopped(tenant, "web"));
        Events.produce(new InstanceEvent.Stopped(tenant, "web", "i1", 1));
        await().atMost(WAIT).untilAsserted(() -> get("web", tenant, "/").then().statusCode(503)
                .contentType(containsString("text/html")).header("Retry-After", nullValue())
                .body(containsString("App stopped — the app web of tenant " + tenant + " is stopped"))
                .body(containsString("Its owners stopped it"))
                .body(containsString("POST /api/v1/tenants/" + tenant + "/apps/web/actions/start")));

        Events.produce(new AppStateEvent.Started(tenant, "web"));
        await().atMost(WAIT).untilAsserted(() -> get("web", tenant, "/").then().statusCode(503)
                .header("Retry-After", "5").body(containsString("has no healthy instance")));

        Events.produce(new AppStateEvent.Crashed(tenant, "web", 1, "exited with code 3 <script>"));
        await().atMost(WAIT).untilAsserted(() -> get("web", tenant, "/").then().statusCode(503)
                .header("Retry-After", nullValue())
                .body(containsString("App crashed — the app web of tenant " + tenant + " crashed"))
                .body(containsString("/apps/web/logs"))
                .body(containsString("actions/restart"))
                .body(not(containsString("<script>"))));

        Events.produce(new InstanceEvent.Started(tenant, "web", "i2", 2, appAddress, true));
        await().atMost(WAIT).untilAsserted(() -> get("web", tenant, "/").then().statusCode(200));
        Events.produce(new InstanceEvent.Stopped(tenant, "web", "i2", 2));
        await().atMost(WAIT).untilAsserted(() -> get("web", tenant, "/").then().statusCode(503)
                .body(containsString("has no healthy instance")));
    }

    @Test
    void theSnapshotSaysWhichAppsAreStoppedOrCrashed() {
        await().atMost(WAIT).untilAsserted(() -> get("off", Stubs.SNAPSHOT_TENANT, "/").then().statusCode(503)
                .body(containsString("App stopped")));
        get("down", Stubs.SNAPSHOT_TENANT, "/").then().statusCode(503).body(containsString("App crashed"));
    }

    @Test
    void anUnknownHostGetsA404Page() {
        given().baseUri("http://127.0.0.1").port(router.port()).header("Host", "nothing-here.apps.localhost")
                .get("/").then().statusCode(404).contentType(containsString("text/html"))
                .body(containsString("No app is deployed at nothing-here.apps.localhost"));
        given().baseUri("http://127.0.0.1").port(router.port()).header("Host", "localhost")
                .get("/").then().statusCode(404);
    }

    @Test
    void theRouterNeverAsksForAToken() {
        Events.produce(new InstanceEvent.Started(tenant, "pub", "i1", 1, appAddress, true));
        await().atMost(WAIT).untilAsserted(() -> get("pub", tenant, "/").then().statusCode(200));
        given().baseUri("http://127.0.0.1").port(router.port()).header("Host", "pub-" + tenant + ".apps.localhost")
                .header("Authorization", "Bearer whatever").get("/private").then().statusCode(200)
                .body(containsString("path=/private"));
        assertEquals("Bearer whatever", last(Stubs.APP.received()).header("Authorization"),
                "the app's own headers pass untouched");
        given().baseUri("http://127.0.0.1").port(router.port()).header("Host", "pub-" + tenant + ".apps.localhost")
                .get("/").then().header("X-Request-Id", equalTo(last(Stubs.APP.received()).header("X-Request-Id")));
    }

    private Response get(String app, String tenant, String path) {
        return given().baseUri("http://127.0.0.1").port(router.port())
                .header("Host", app + "-" + tenant + ".apps.localhost:" + router.port())
                .get(path);
    }

    private static Received last(List<Received> received) {
        assertTrue(!received.isEmpty());
        return received.get(received.size() - 1);
    }
}

package io.cloudunit.deployer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.cloudunit.deployer.reconcile.Reconciler;
import io.cloudunit.deployer.support.Db;
import io.cloudunit.deployer.support.Docker;
import io.cloudunit.deployer.support.Events;
import io.cloudunit.deployer.support.Members;
import io.cloudunit.deployer.support.Names;
import io.cloudunit.deployer.support.TenantApps;
import io.cloudunit.deployer.support.TenantServiceStub;
import io.cloudunit.deployer.support.TestImages;
import io.cloudunit.platform.events.CloudEvent;
import io.cloudunit.platform.events.TenantEvent;
import io.cloudunit.platform.events.Topics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * tenant.deletion-requested against the real engine, Kafka and PostgreSQL: the tenant's containers, network and
 * rows go, tenant.purged answers once, another tenant is untouched, later events of the tenant create nothing;
 * a container the deployer did not create keeps the tenant network in use, and the purge waits for it; a pending
 * purge in the database is enough for the reconciler to finish it (what a restart finds).
 */
@QuarkusTest
@WithTestResource(TenantServiceStub.class)
class TenantPurgeTest {
    static final String RUN = Names.unique("deployer-");
    static final String DOOMED = Names.unique("t");
    static final String STUBBORN = Names.unique("t");
    static final String RESUMED = Names.unique("t");
    static final String OTHER = Names.unique("t");
    static final List<String> TENANTS = List.of(DOOMED, STUBBORN, RESUMED, OTHER);
    static final Duration ROLLOUT = Duration.ofSeconds(90);
    static final Duration PURGE = Duration.ofSeconds(60);
    static final String INTRUDER = "cu-test-" + RUN + "-intruder";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static String hello;
    static Events events;

    @Inject
    Reconciler reconciler;

    @BeforeAll
    static void buildImageAndListen() {
        hello = TestImages.build(TestImages.HELLO, "cloudunit-test/" + RUN + "-hello:1", RUN);
        events = new Events(List.of(Events.topic(Topics.TENANTS), Events.topic(Topics.INSTANCES)), TENANTS);
        TENANTS.forEach(tenant -> Members.add(tenant, "alice", "viewer"));
    }

    @AfterAll
    static void tearDown() {
        try {
            Docker.run(null, "rm", "-f", INTRUDER);
        } finally {
            TenantApps.purgeAfterClass(events, TENANTS, RUN, PURGE);
        }
    }

    @Test
    void aDeletionRequestRemovesTheTenantsContainersNetworkAndRowsAndNothingElse() throws Exception {
        createApp(DOOMED, "web", 2);
        createApp(DOOMED, "api", 1);
        createApp(OTHER, "web", 1);
        buildSucceeded(DOOMED, "web", 1);
        buildSucceeded(DOOMED, "api", 1);
        buildSucceeded(OTHER, "web", 1);
        awaitDeployed(DOOMED, "web");
        awaitDeployed(DOOMED, "api");
        awaitDeployed(OTHER, "web");
        List<String> doomed = List.of("cu-" + DOOMED + "-api-v1-1", "cu-" + DOOMED + "-web-v1-1",
                "cu-" + DOOMED + "-web-v1-2");
        assertThat(Docker.instances("io.cloudunit.tenant=" + DOOMED)).containsExactlyInAnyOrderElementsOf(doomed);
        assertThat(networksOf(DOOMED)).containsExactly("cu-net-" + DOOMED);
        String survivor = "cu-" + OTHER + "-web-v1-1";
        String survivorId = Docker.inspect("--type", "container", survivor).get("Id").asText();

        CloudEvent request = events.send(new TenantEvent.DeletionRequested(DOOMED, "alice"));
        events.send(request);

        List<Events.Seen> purged = await().atMost(PURGE)
                .until(() -> events.about(DOOMED, "tenant.purged"), seen -> !seen.isEmpty());
        assertThat(purged).hasSize(1);
        assertThat(purged.get(0).source()).isEqualTo("/services/deployer-service");
        assertThat(purged.get(0).data().get("service").asText()).isEqualTo("deployer-service");
        assertThat(Docker.containers("io.cloudunit.tenant=" + DOOMED)).isEmpty();
        assertThat(networksOf(DOOMED)).isEmpty();
        assertThat(Docker.inspect("--type", "network", "cu-net-" + DOOMED)).isNull();
        assertNoRows(DOOMED);
        assertThat(Db.string("select done_at::text from deployer.tenant_purge where tenant = ?", DOOMED)).isNotNull();
        assertThat(Db.count("select count(*) from deployer.outbox where type = 'io.cloudunit.tenant.purged' "
                + "and tenant = ?", DOOMED)).as("tenant.purged emitted once").isEqualTo(1);
        assertThat(Db.count("select count(*) from deployer.inbox where event_id = ?", request.id()))
                .as("the redelivered request had one effect").isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(events.about(DOOMED + "/web",
                "instance.stopped").size() + events.about(DOOMED + "/api", "instance.stopped").size())
                .as("the router was told every instance stopped").isEqualTo(3));

        JsonNode other = Docker.inspect("--type", "container", survivor);
        assertThat(other.get("Id").asText()).isEqualTo(survivorId);
        assertThat(other.at("/State/Running").asBoolean()).isTrue();
        String ip = Docker.networkOf(survivor).at("/NetworkSettings/Networks/cu-net-" + OTHER + "/IPAddress").asText();
        assertThat(httpGet("http://" + ip + ":8080/")).startsWith("200 hello from");
        assertThat(Db.count("select count(*) from deployer.release where tenant = ?", OTHER)).isEqualTo(1);

        // Events of the tenant that arrive later (other topics, other producers) create nothing.
        CloudEvent lateApp = createApp(DOOMED, "web", 1);
        CloudEvent lateBuild = buildSucceeded(DOOMED, "web", 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> Db.count("select count(*) from deployer.inbox "
                + "where event_id in (?, ?)", lateApp.id(), lateBuild.id()) == 2);
        reconciler.pass();
        assertNoRows(DOOMED);
        assertThat(Docker.containers("io.cloudunit.tenant=" + DOOMED)).isEmpty();
        assertThat(Db.count("select count(*) from deployer.outbox where type = 'io.cloudunit.tenant.purged' "
                + "and tenant = ?", DOOMED)).isEqualTo(1);
    }

    @Test
    void aPurgeTheEngineRefusesHalfwayStaysPendingAndCompletesOnALaterPass() {
        createApp(STUBBORN, "web", 1);
        buildSucceeded(STUBBORN, "web", 1);
        awaitDeployed(STUBBORN, "web");
        // Not the deployer's: it is never touched, and it keeps the tenant network in use.
        Docker.ok("run", "-d", "--name", INTRUDER, "--network", "cu-net-" + STUBBORN, hello);

        events.send(new TenantEvent.DeletionRequested(STUBBORN, "alice"));

        // A pass may first find the app still locked by a repair ("being rolled out"); a later one gets to the network.
        await().atMost(PURGE).untilAsserted(() -> assertThat(Db.string("select last_error from deployer.tenant_purge "
                + "where tenant = ?", STUBBORN)).contains("network cu-net-" + STUBBORN + " is still in use"));
        assertThat(Db.string("select done_at::text from deployer.tenant_purge where tenant = ?", STUBBORN)).isNull();
        assertThat(Docker.containers("io.cloudunit.managed=true", "io.cloudunit.tenant=" + STUBBORN)).isEmpty();
        assertThat(Docker.inspect("--type", "container", INTRUDER).at("/State/Running").asBoolean()).isTrue();
        assertThat(networksOf(STUBBORN)).containsExactly("cu-net-" + STUBBORN);
        assertThat(Db.count("select count(*) from deployer.release where tenant = ?", STUBBORN)).isEqualTo(1);
        assertThat(events.about(STUBBORN, "tenant.purged")).isEmpty();

        Docker.ok("rm", "-f", INTRUDER);

        await().atMost(PURGE).until(() -> events.about(STUBBORN, "tenant.purged").size() == 1);
        assertThat(networksOf(STUBBORN)).isEmpty();
        assertNoRows(STUBBORN);
        assertThat(Db.count("select attempts from deployer.tenant_purge where tenant = ?", STUBBORN))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void aPurgeLeftPendingByADeployerThatStoppedIsResumedFromTheDatabaseAlone() {
        createApp(RESUMED, "web", 1);
        buildSucceeded(RESUMED, "web", 1);
        awaitDeployed(RESUMED, "web");
        String name = "cu-" + RESUMED + "-web-v1-1";
        assertThat(Docker.instances("io.cloudunit.tenant=" + RESUMED)).containsExactly(name);

        // What a deployer killed (-9) right after it consumed the request leaves: the pending row, nothing to replay.
        Db.update("insert into deployer.tenant_purge (tenant, requested_by, requested_at) values (?, 'alice', now())",
                RESUMED);

        await().atMost(PURGE).until(() -> events.about(RESUMED, "tenant.purged").size() == 1);
        assertThat(Docker.containers("io.cloudunit.tenant=" + RESUMED)).isEmpty();
        assertThat(networksOf(RESUMED)).isEmpty();
        assertNoRows(RESUMED);
        assertThat(events.about(RESUMED + "/web", "instance.stopped")).extracting(s -> s.data().get("instance").asText())
                .containsExactly(name);
    }

    // --- helpers -------------------------------------------------------------------------------------------

    static CloudEvent createApp(String tenant, String app, int replicas) {
        return TenantApps.createApp(events, tenant, app, replicas);
    }

    static CloudEvent buildSucceeded(String tenant, String app, long number) {
        return TenantApps.buildSucceeded(events, tenant, app, number, hello);
    }

    static void awaitDeployed(String tenant, String app) {
        TenantApps.awaitDeployed(tenant, app, ROLLOUT);
    }

    static void assertNoRows(String tenant) {
        for (String table : List.of("app_spec", "release", "deployment", "instance")) {
            assertThat(Db.count("select count(*) from deployer." + table + " where tenant = ?", tenant))
                    .as("rows of %s in %s", tenant, table).isZero();
        }
    }

    static List<String> networksOf(String tenant) {
        String out = Docker.ok("network", "ls", "--format", "{{.Name}}", "--filter",
                "label=io.cloudunit.tenant=" + tenant);
        return out.isBlank() ? List.of() : List.of(out.split("\\s+"));
    }

    static String httpGet(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }
}

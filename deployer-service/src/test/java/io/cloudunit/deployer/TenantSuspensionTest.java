package io.cloudunit.deployer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import io.cloudunit.platform.events.TenantEvent;
import io.cloudunit.platform.events.Topics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * tenant.suspended and tenant.reinstated against the real engine, Kafka and PostgreSQL (ADR 14): every container
 * of the suspended tenant goes and each instance is announced stopped, another tenant is untouched, a build that
 * succeeds meanwhile is released but not deployed; after the reinstatement every app runs again, the one with the
 * new release on it, the other on its release of before.
 */
@QuarkusTest
@WithTestResource(TenantServiceStub.class)
class TenantSuspensionTest {
    static final String RUN = Names.unique("deployer-");
    static final String SUSPENDED = Names.unique("t");
    static final String OTHER = Names.unique("t");
    static final List<String> TENANTS = List.of(SUSPENDED, OTHER);
    static final Duration WAIT = Duration.ofSeconds(90);

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
        TenantApps.purgeAfterClass(events, TENANTS, RUN, WAIT);
    }

    @Test
    void aSuspendedTenantRunsNothingUntilItIsReinstatedThenEveryAppComesBack() {
        createApp(SUSPENDED, "web", 2);
        createApp(SUSPENDED, "api", 1);
        createApp(OTHER, "web", 1);
        buildSucceeded(SUSPENDED, "web", 1);
        buildSucceeded(SUSPENDED, "api", 1);
        buildSucceeded(OTHER, "web", 1);
        awaitDeployed(SUSPENDED, "web");
        awaitDeployed(SUSPENDED, "api");
        awaitDeployed(OTHER, "web");
        String survivor = "cu-" + OTHER + "-web-v1-1";
        String survivorId = Docker.inspect("--type", "container", survivor).get("Id").asText();

        events.send(new TenantEvent.Suspended(SUSPENDED, "unpaid invoice"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(Docker.containers("io.cloudunit.tenant=" + SUSPENDED))
                .as("every container of the suspended tenant is removed").isEmpty());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(stopped(SUSPENDED))
                .as("the router was told each instance stopped").containsExactlyInAnyOrder(
                        "cu-" + SUSPENDED + "-web-v1-1", "cu-" + SUSPENDED + "-web-v1-2",
                        "cu-" + SUSPENDED + "-api-v1-1"));
        assertThat(Db.count("select count(*) from deployer.instance where tenant = ?", SUSPENDED)).isZero();
        assertThat(Docker.inspect("--type", "network", "cu-net-" + SUSPENDED)).as("the network stays").isNotNull();
        JsonNode other = Docker.inspect("--type", "container", survivor);
        assertThat(other.get("Id").asText()).isEqualTo(survivorId);
        assertThat(other.at("/State/Running").asBoolean()).isTrue();

        // A build that succeeds meanwhile is released; its deployment waits.
        buildSucceeded(SUSPENDED, "web", 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> Db.count("select count(*) from deployer.release "
                + "where tenant = ? and app = 'web' and version = 2", SUSPENDED) == 1);
        reconciler.pass();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> deployment(2).equals("PENDING")
                && Docker.containers("io.cloudunit.tenant=" + SUSPENDED).isEmpty());

        events.send(new TenantEvent.Reinstated(SUSPENDED));

        await().atMost(WAIT).until(() -> deployment(2).equals("SUCCEEDED"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(running(SUSPENDED)).containsExactlyInAnyOrder(
                "cu-" + SUSPENDED + "-web-v2-1", "cu-" + SUSPENDED + "-web-v2-2", "cu-" + SUSPENDED + "-api-v1-1"));
        await().atMost(WAIT).until(() -> Db.count("select count(*) from deployer.instance where tenant = ? "
                + "and healthy", SUSPENDED) == 3);
        assertThat(Db.count("select count(*) from deployer.tenant_suspension where tenant = ?", SUSPENDED)).isZero();
        assertThat(Docker.inspect("--type", "container", survivor).get("Id").asText()).isEqualTo(survivorId);
    }

    private static String deployment(int version) {
        return Db.string("select status from deployer.deployment where tenant = ? and app = 'web' and version = "
                + version, SUSPENDED);
    }

    private static List<String> stopped(String tenant) {
        return List.of("web", "api").stream()
                .flatMap(app -> events.about(tenant + "/" + app, "instance.stopped").stream())
                .map(seen -> seen.data().get("instance").asText()).toList();
    }

    /** Containers of the tenant that run; one removed between the listing and its inspection does not. */
    private static List<String> running(String tenant) {
        return Docker.instances("io.cloudunit.tenant=" + tenant).stream()
                .filter(name -> {
                    JsonNode container = Docker.inspect("--type", "container", name);
                    return container != null && container.at("/State/Running").asBoolean();
                })
                .toList();
    }

    private static void createApp(String tenant, String app, int replicas) {
        TenantApps.createApp(events, tenant, app, replicas);
    }

    private static void buildSucceeded(String tenant, String app, long number) {
        TenantApps.buildSucceeded(events, tenant, app, number, hello);
    }

    private static void awaitDeployed(String tenant, String app) {
        TenantApps.awaitDeployed(tenant, app, WAIT);
    }
}

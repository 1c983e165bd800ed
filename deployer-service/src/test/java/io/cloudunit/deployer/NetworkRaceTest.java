package io.cloudunit.deployer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.cloudunit.deployer.docker.ContainerRuntime;
import io.cloudunit.deployer.reconcile.Reconciler;
import io.cloudunit.deployer.runtime.Labels;
import io.cloudunit.deployer.runtime.TenantNetworks;
import io.cloudunit.deployer.support.Docker;
import io.cloudunit.deployer.support.Names;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The race between a new tenant's first launch and the reconciler's network sweep: the pass's snapshot knows no
 * app of the tenant (it was taken before the app existed), and the launch has created the network but not yet
 * its container. The sweep must leave that network alone, and still remove it once nothing is launching.
 */
@QuarkusTest
class NetworkRaceTest {
    static final String TENANT = Names.unique("t");

    @Inject
    Reconciler reconciler;

    @Inject
    TenantNetworks networks;

    @Inject
    ContainerRuntime runtime;

    @Inject
    DeployerConfig config;

    @AfterEach
    void cleanUp() {
        Docker.removeTenants(List.of(TENANT));
    }

    @Test
    void aPassDoesNotRemoveTheNetworkOfALaunchUnderWayAndRemovesItAfterwards() throws Exception {
        String network = Labels.network(TENANT);
        ReentrantLock launch = networks.lockOf(TENANT);
        launch.lock();
        try {
            runtime.ensureNetwork(network, Labels.ofTenant(config.scope(), TENANT));
            // a whole pass on another thread (this one holds the tenant, as the launching thread would)
            CompletableFuture.runAsync(reconciler::pass).get(60, TimeUnit.SECONDS);
            assertThat(networkExists(network)).as("network of a launch under way after a pass").isTrue();
        } finally {
            launch.unlock();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            reconciler.pass();
            assertThat(networkExists(network)).as("unused network after the launch ended").isFalse();
        });
    }

    private static boolean networkExists(String name) {
        return Docker.inspect("--type", "network", name) != null;
    }
}

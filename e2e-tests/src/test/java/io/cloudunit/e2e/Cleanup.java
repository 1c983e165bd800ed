package io.cloudunit.e2e;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

/**
 * Removes what a test deployed. The app is deleted through the API first: the deployer's reconciler
 * would otherwise start again the containers a test removed behind its back. Then whatever the
 * platform does not remove yet (the tenant network, images) goes by label.
 */
final class Cleanup {
    private Cleanup() {
    }

    static void deleteAppAndEverythingOf(Api owner, String tenant, String app) {
        owner.delete("/tenants/" + tenant + "/apps/" + app);
        await("the deployer removes " + app + "'s containers").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> DockerEngine.containersOf(tenant).isEmpty());
        DockerEngine.removeEverythingOf(tenant);
    }
}

package io.cloudunit.deployer.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.cloudunit.platform.events.AppEvent;
import io.cloudunit.platform.events.BuildEvent;
import io.cloudunit.platform.events.CloudEvent;
import io.cloudunit.platform.events.TenantEvent;

/** Apps of test tenants driven through the deployer's real topics, and their removal after the test class. */
public final class TenantApps {
    private TenantApps() {
    }

    public static CloudEvent createApp(Events events, String tenant, String app, int replicas) {
        return events.send(new AppEvent.Created(tenant, app, new AppEvent.Spec("java", 128, 0.5, replicas, "/health")));
    }

    public static CloudEvent buildSucceeded(Events events, String tenant, String app, long number, String image) {
        return events.send(new BuildEvent.Succeeded(tenant, app, UUID.randomUUID(), number, image,
                "sha256:" + UUID.randomUUID(), null));
    }

    /** Waits until the app's rollout succeeded and its instances answer through the API (alice is a member). */
    public static void awaitDeployed(String tenant, String app, Duration deadline) {
        await().atMost(deadline).pollInterval(Duration.ofMillis(250)).until(() -> Db.count(
                "select count(*) from deployer.deployment where tenant = ? and app = ? and status = 'SUCCEEDED'",
                tenant, app) == 1);
        given().auth().oauth2(Tokens.of("alice")).get("/api/v1/tenants/" + tenant + "/apps/" + app + "/instances")
                .then().statusCode(200);
    }

    /** Asks the deployer to purge the tenants, waits for their containers to go, then removes what is left. */
    public static void purgeAfterClass(Events events, List<String> tenants, String run, Duration deadline) {
        try {
            tenants.forEach(tenant -> events.send(new TenantEvent.DeletionRequested(tenant, "test")));
            await().atMost(deadline).pollInterval(Duration.ofMillis(500)).until(() -> tenants.stream()
                    .allMatch(t -> Docker.containers("io.cloudunit.tenant=" + t).isEmpty()));
        } finally {
            Docker.removeTenants(tenants);
            TestImages.removeImages(run);
            events.close();
        }
    }
}

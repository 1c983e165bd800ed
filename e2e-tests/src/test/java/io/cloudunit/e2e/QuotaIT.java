package io.cloudunit.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Plans and quotas through the gateway: a platform admin gives alice's fresh tenant a small quota, and alice's
 * creates and scales beyond it are refused naming the limit (ADR 0015); a lowered maxArtifactMb reaches
 * build-service, whose uploads above it are 413 through the gateway (ADR 0018).
 */
class QuotaIT {
    static final String TENANT = Platform.uniqueTenant("quota");
    static Api alice;
    static Api admin;

    @BeforeAll
    static void aFreshTenantOnASmallQuota() {
        alice = Api.as("alice");
        admin = Api.as("admin");
        assertEquals(201, alice.postJson("/tenants", "{\"name\":\"" + TENANT + "\"}").status());
        Answer assigned = admin.putJson("/tenants/" + TENANT + "/quota",
                "{\"plan\":\"team\",\"overrides\":{\"maxApps\":1,\"maxInstances\":2}}");
        assertEquals(200, assigned.status(), assigned.toString());
    }

    @AfterAll
    static void removeTheTenant() {
        alice.delete("/tenants/" + TENANT);
    }

    @Test
    void createsAndScalesBeyondTheQuotaAreRefusedNamingTheLimit() {
        Answer created = alice.postJson("/tenants/" + TENANT + "/apps", "{\"name\":\"web\",\"stack\":\"java\"}");
        assertEquals(201, created.status(), created.toString());

        Answer second = alice.postJson("/tenants/" + TENANT + "/apps", "{\"name\":\"worker\",\"stack\":\"java\"}");
        assertEquals(409, second.status(), second.toString());
        assertTrue(second.isProblem(), second.toString());
        assertTrue(second.json().path("detail").asText().contains("maxApps"), second.toString());

        Answer tooMany = alice.patchJson("/tenants/" + TENANT + "/apps/web", "{\"replicas\":3}");
        assertEquals(409, tooMany.status(), tooMany.toString());
        assertTrue(tooMany.isProblem(), tooMany.toString());
        assertTrue(tooMany.json().path("detail").asText().contains("maxInstances"), tooMany.toString());

        Answer scaled = alice.patchJson("/tenants/" + TENANT + "/apps/web", "{\"replicas\":2}");
        assertEquals(200, scaled.status(), scaled.toString());
        assertEquals(2, scaled.json().path("replicas").asInt());

        JsonNode quota = alice.get("/tenants/" + TENANT + "/quota").json();
        assertEquals("team", quota.path("plan").asText(), quota.toString());
        assertEquals(1, quota.path("limits").path("maxApps").asInt(), quota.toString());
        assertEquals(2, quota.path("limits").path("maxInstances").asInt(), quota.toString());
        assertEquals(16384, quota.path("limits").path("totalMemoryMb").asInt(), quota.toString());
        assertEquals(1, quota.path("overrides").path("maxApps").asInt(), quota.toString());
        assertEquals(1, quota.path("usage").path("apps").asInt(), quota.toString());
        assertEquals(2, quota.path("usage").path("desiredInstances").asInt(), quota.toString());
        assertEquals(1024, quota.path("usage").path("desiredMemoryMb").asInt(), quota.toString());
        assertEquals(1, alice.get("/tenants/" + TENANT + "/apps").json().size(), "the refused app does not exist");
    }

    @Test
    void onlyAPlatformAdminAssignsQuotasAndEveryoneSeesThePlans() {
        Answer refused = alice.putJson("/tenants/" + TENANT + "/quota", "{\"plan\":\"business\"}");
        assertEquals(403, refused.status(), refused.toString());
        assertTrue(refused.isProblem(), refused.toString());
        Answer unknown = admin.putJson("/tenants/" + TENANT + "/quota", "{\"plan\":\"no-such-plan\"}");
        assertEquals(422, unknown.status(), unknown.toString());
        assertEquals("team", alice.get("/tenants/" + TENANT + "/quota").json().path("plan").asText());

        JsonNode plans = alice.get("/plans").json();
        boolean team = false;
        for (JsonNode plan : plans) {
            team |= "team".equals(plan.path("name").asText());
        }
        assertTrue(team, plans.toString());
    }

    @Test
    void anUploadOverTheTenantsArtifactLimitIsRefusedThroughTheGateway() {
        String tenant = Platform.uniqueTenant("quotasize");
        assertEquals(201, alice.postJson("/tenants", "{\"name\":\"" + tenant + "\"}").status());
        try {
            Answer app = alice.postJson("/tenants/" + tenant + "/apps", "{\"name\":\"web\",\"stack\":\"java\"}");
            assertEquals(201, app.status(), app.toString());
            Answer assigned = admin.putJson("/tenants/" + tenant + "/quota", "{\"overrides\":{\"maxArtifactMb\":1}}");
            assertEquals(200, assigned.status(), assigned.toString());
            byte[] twoMib = new byte[2 * 1024 * 1024];

            // build-service learns the limit from quota.changed; until then the same bytes are refused as no JAR (422)
            Answer refused = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> alice.post("/tenants/" + tenant + "/apps/web/builds",
                            BodyPublishers.ofByteArray(twoMib), "application/java-archive"), a -> a.status() != 422);

            assertEquals(413, refused.status(), refused.toString());
            assertTrue(refused.isProblem(), refused.toString());
            assertEquals("the artifact is larger than 1 MiB, the largest tenant '" + tenant + "' may upload on plan "
                    + "'default' (maxArtifactMb): nothing was stored; make it smaller, or ask a platform admin for a "
                    + "plan with a larger maxArtifactMb", refused.json().path("detail").asText());
            assertEquals(0, alice.get("/tenants/" + tenant + "/apps/web/builds").json().size(), "no build");
        } finally {
            alice.delete("/tenants/" + tenant);
        }
    }
}

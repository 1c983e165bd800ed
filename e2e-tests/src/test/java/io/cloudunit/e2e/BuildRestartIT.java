package io.cloudunit.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * build-service killed (SIGKILL) in the middle of a build and started again: the build fails with the restart
 * reason instead of staying "running", its container is gone from the engine, and the next upload builds.
 */
class BuildRestartIT {
    static final String TENANT = Platform.uniqueTenant("rst");
    static final Api ALICE = Api.as("alice");

    @BeforeAll
    static void tenant() {
        assertEquals(201, ALICE.postJson("/tenants", "{\"name\":\"" + TENANT + "\"}").status());
        assertEquals(201, ALICE.postJson("/tenants/" + TENANT + "/apps",
                "{\"name\":\"slow\",\"stack\":\"dockerfile\"}").status());
    }

    @AfterAll
    static void removeWhatTheTestBuilt() {
        Cleanup.deleteAppAndEverythingOf(ALICE, TENANT, "slow");
    }

    @Test
    void aBuildRunningWhenTheServiceDiesFailsAtTheNextStart() throws Exception {
        String build = TickingBuilds.upload(ALICE, TENANT, "slow", -1, 100);
        List<String> log = TickingBuilds.awaitLine(ALICE, build, "tick 3");
        List<String> containers = TickingBuilds.containers(log);
        assertEquals(1, containers.size(), log.toString());

        kill9BuildService();
        restartBuildService();

        JsonNode failed = await("the build ends").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions().until(() -> ALICE.get(build).json(), b -> !"running".equals(b.path("status").asText()));
        assertEquals("failed", failed.path("status").asText(), failed.toString());
        assertEquals("build-service restarted during the build; upload the artifact again",
                failed.path("reason").asText());
        await("the build's container is gone").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> !TickingBuilds.exists(containers.get(0)));

        String next = TickingBuilds.upload(ALICE, TENANT, "slow", 3, 10);
        JsonNode done = await("the next build").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                .until(() -> ALICE.get(next).json(),
                        b -> List.of("succeeded", "failed", "canceled").contains(b.path("status").asText()));
        assertEquals("succeeded", done.path("status").asText(), done.toString());
    }

    private static void kill9BuildService() throws Exception {
        Services.killHard("build-service");
    }

    private static void restartBuildService() throws Exception {
        Services.restart("build-service");
    }
}

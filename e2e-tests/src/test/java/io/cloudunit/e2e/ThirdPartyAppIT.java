package io.cloudunit.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** A real third-party runnable JAR (WireMock standalone, Jetty inside) deployed as a user would. */
class ThirdPartyAppIT {
    static final String TENANT = Platform.uniqueTenant("thirdparty");
    static final String APP = "mocks";

    @AfterAll
    static void removeWhatTheTestDeployed() {
        Cleanup.deleteAppAndEverythingOf(Api.as("alice"), TENANT, APP);
    }

    @Test
    void wiremockStandaloneIsServedThroughTheRouter() {
        Api alice = Api.as("alice");
        Path jar = Platform.THIRD_PARTY.resolve("wiremock-standalone.jar");
        assertEquals(201, alice.postJson("/tenants", "{\"name\":\"" + TENANT + "\"}").status());
        assertEquals(201, alice.postJson("/tenants/" + TENANT + "/apps",
                "{\"name\":\"" + APP + "\",\"stack\":\"java\",\"memoryMb\":512,\"healthPath\":\"/__admin/health\"}")
                .status());

        Answer upload = alice.postFile("/tenants/" + TENANT + "/apps/" + APP + "/builds", jar,
                "application/java-archive");
        assertEquals(202, upload.status(), upload.toString());
        String build = "/tenants/" + TENANT + "/apps/" + APP + "/builds/" + upload.json().path("id").asText();
        JsonNode done = await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> alice.get(build).json(),
                        b -> List.of("succeeded", "failed").contains(b.path("status").asText()));
        assertEquals("succeeded", done.path("status").asText(), done.toString());

        Answer mappings = await("WireMock answers through the router").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Router.get(APP, TENANT, "/__admin/mappings"), a -> a.status() == 200);
        assertTrue(mappings.json().has("mappings"), mappings.toString());
    }
}

package io.cloudunit.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The walking skeleton, real at every step: a token from Keycloak, a tenant, an app, a JAR upload, a
 * Docker build, Kafka events, a hardened container on the tenant's network, and the app answering
 * through the router, while the tenant's SSE stream tells the whole story in order.
 */
class ThinPathIT {
    /**
     * The flow, in the order the stream must tell it although four services emitted it on four topics: each
     * event is numbered by its source and names what it follows, and the gateway streams it in that order (ADR 6).
     */
    static final List<String> FLOW = List.of("io.cloudunit.app.created", "io.cloudunit.build.queued",
            "io.cloudunit.build.started", "io.cloudunit.build.succeeded", "io.cloudunit.release.created",
            "io.cloudunit.deployment.started", "io.cloudunit.instance.started", "io.cloudunit.deployment.succeeded");

    static final String TENANT = Platform.uniqueTenant("acme");
    static final String APP = "hello";
    static Api alice;

    @BeforeAll
    static void signIn() {
        alice = Api.as("alice");
    }

    @AfterAll
    static void removeWhatTheTestDeployed() {
        Cleanup.deleteAppAndEverythingOf(alice, TENANT, APP);
        alice.delete("/tenants/" + TENANT);
    }

    @Test
    void aJarUploadedThroughTheGatewayIsServedByTheRouter(@TempDir Path dir) throws Exception {
        String greeting = "Hello from CloudUnit " + TENANT;
        Path jar = TestJars.helloServer(dir, greeting);

        assertEquals(201, alice.postJson("/tenants", "{\"name\":\"" + TENANT + "\"}").status());
        try (EventStream events = EventStream.open(alice, TENANT)) {
            Answer app = alice.postJson("/tenants/" + TENANT + "/apps", "{\"name\":\"" + APP + "\",\"stack\":\"java\"}");
            assertEquals(201, app.status(), app.toString());

            long t0 = System.nanoTime();
            Answer upload = alice.postFile(buildsPath(), jar, "application/java-archive");
            long uploaded = System.nanoTime();
            assertEquals(202, upload.status(), upload.toString());
            String buildId = upload.json().path("id").asText();

            JsonNode build = awaitBuildDone(buildId);
            long built = System.nanoTime();
            assertEquals("succeeded", build.path("status").asText(), build.toString());
            assertEquals("cloudunit/" + TENANT + "/" + APP + ":b1", build.path("image").asText());

            await("deployment.succeeded on the tenant's event stream").atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> events.has("io.cloudunit.deployment.succeeded")
                            || events.has("io.cloudunit.deployment.failed"));
            long deployed = System.nanoTime();
            assertTrue(events.has("io.cloudunit.deployment.succeeded"), "deployment failed: " + events.types());

            Answer served = await("the router serves the app").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> Router.get(APP, TENANT, "/"), answer -> answer.status() == 200);
            long firstOk = System.nanoTime();
            assertTrue(served.body().startsWith(greeting), served.toString());

            await("every event of the flow on the stream").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> FLOW.stream().allMatch(events::has));
            assertInOrder(FLOW, events.types());
            assertEventsBelongTo(TENANT, events.events());
            printPhases(t0, uploaded, built, deployed, firstOk);
        }
        assertContainerIsHardened();
    }

    private static String buildsPath() {
        return "/tenants/" + TENANT + "/apps/" + APP + "/builds";
    }

    static JsonNode awaitBuildDone(String buildId) {
        return await("build " + buildId + " finishes").atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> alice.get(buildsPath() + "/" + buildId).json(),
                        b -> List.of("succeeded", "failed", "canceled").contains(b.path("status").asText()));
    }

    /** {@code actual}, without the types {@code expected} does not name, is exactly {@code expected}. */
    static void assertInOrder(List<String> expected, List<String> actual) {
        List<String> seen = new ArrayList<>(actual);
        seen.retainAll(expected);
        assertEquals(expected, seen, "event order on the stream: " + actual);
    }

    private static void assertEventsBelongTo(String tenant, List<EventStream.Event> events) {
        for (EventStream.Event event : events) {
            assertEquals(tenant, event.cloudEvent().path("tenant").asText(), event.toString());
            assertEquals("1.0", event.cloudEvent().path("specversion").asText(), event.toString());
            assertEquals(event.id(), event.cloudEvent().path("id").asText());
        }
    }

    private void assertContainerIsHardened() {
        List<String> containers = DockerEngine.instancesOf(TENANT);
        assertEquals(1, containers.size(), "one replica by default: " + containers);
        JsonNode container = DockerEngine.inspect(containers.get(0));
        JsonNode host = container.path("HostConfig");
        assertEquals("/cu-" + TENANT + "-" + APP + "-v1-1", container.path("Name").asText());
        assertEquals(512L * 1024 * 1024, host.path("Memory").asLong());
        assertEquals(host.path("Memory").asLong(), host.path("MemorySwap").asLong());
        assertTrue(host.path("NanoCpus").asLong() > 0 || host.path("CpuQuota").asLong() > 0, "CPU limit");
        assertTrue(host.path("PidsLimit").asLong() > 0, "pids limit");
        assertEquals("ALL", host.path("CapDrop").get(0).asText());
        assertTrue(host.path("SecurityOpt").toString().contains("no-new-privileges"), host.toString());
        assertEquals(false, host.path("Privileged").asBoolean());
        assertTrue(host.path("Binds").isNull() || host.path("Binds").isEmpty(), "no host mounts");
        assertEquals("on-failure", host.path("RestartPolicy").path("Name").asText());
        assertEquals("json-file", host.path("LogConfig").path("Type").asText());
        // its network and published port are those of the sandbox it joined (ADR 0033)
        JsonNode sandbox = DockerEngine.networkOf(containers.get(0));
        assertEquals("container:" + sandbox.path("Id").asText(), host.path("NetworkMode").asText());
        assertTrue(host.path("PortBindings").isEmpty(), "the instance publishes nothing itself");
        JsonNode bindings = sandbox.path("HostConfig").path("PortBindings");
        assertFalse(bindings.isEmpty(), "the sandbox publishes the app port");
        bindings.forEach(binding -> binding
                .forEach(b -> assertEquals("127.0.0.1", b.path("HostIp").asText())));
        List<String> networks = new ArrayList<>();
        sandbox.path("NetworkSettings").path("Networks").fieldNames().forEachRemaining(networks::add);
        assertEquals(List.of("cu-net-" + TENANT), networks);
    }

    private static void printPhases(long start, long uploaded, long built, long deployed, long firstOk) {
        System.out.printf("%nthin path phases: upload %d ms, build %d ms, deploy %d ms, first 200 %d ms, total %d ms%n%n",
                ms(uploaded - start), ms(built - uploaded), ms(deployed - built), ms(firstOk - deployed),
                ms(firstOk - start));
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}

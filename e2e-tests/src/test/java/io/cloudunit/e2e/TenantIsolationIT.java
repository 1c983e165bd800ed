package io.cloudunit.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another tenant's resources answer 404 (no enumeration); no valid token answers 401. The apps of two tenants,
 * deployed by the running platform, cannot open a connection to each other nor to the platform (ADR 21).
 */
class TenantIsolationIT {
    static final String TENANT = Platform.uniqueTenant("acme");
    static final String BOBS_TENANT = Platform.uniqueTenant("globex");
    static final String APP = "hello";
    /** PostgreSQL, Kafka (broker, controller), Keycloak, api-gateway, router, tenant/build/deployer services. */
    static final List<Integer> PLATFORM_PORTS = List.of(5432, 9092, 9093, 8180, 8080, 8081, 8082, 8083, 8084);
    static Api alice;
    static Api bob;
    static String buildId;

    @BeforeAll
    static void aliceAndBobEachOwnATenantWithAnAppAndABuild(@TempDir Path dir) throws IOException {
        alice = Api.as("alice");
        bob = Api.as("bob");
        Path jar = TestJars.helloServerWithProbe(dir, "isolated");
        buildId = createAppAndUpload(alice, TENANT, jar);
        createAppAndUpload(bob, BOBS_TENANT, jar);
    }

    static String createAppAndUpload(Api owner, String tenant, Path jar) {
        assertEquals(201, owner.postJson("/tenants", "{\"name\":\"" + tenant + "\"}").status());
        assertEquals(201, owner.postJson("/tenants/" + tenant + "/apps",
                "{\"name\":\"" + APP + "\",\"stack\":\"java\",\"memoryMb\":192}").status());
        Answer build = owner.postFile("/tenants/" + tenant + "/apps/" + APP + "/builds", jar, "application/java-archive");
        assertEquals(202, build.status(), build.toString());
        return build.json().path("id").asText();
    }

    @AfterAll
    static void removeWhatTheTestDeployed() {
        try {
            Cleanup.deleteAppAndEverythingOf(alice, TENANT, APP);
        } finally {
            Cleanup.deleteAppAndEverythingOf(bob, BOBS_TENANT, APP);
        }
    }

    static String app() {
        return "/tenants/" + TENANT + "/apps/" + APP;
    }

    static List<String> tenantReads() {
        return List.of("/tenants/" + TENANT, "/tenants/" + TENANT + "/apps", app(), app() + "/builds",
                app() + "/builds/" + buildId, app() + "/builds/" + buildId + "/log", app() + "/releases",
                app() + "/instances", "/tenants/" + TENANT + "/events/history", "/tenants/" + TENANT + "/events",
                "/tenants/" + TENANT + "/members", "/tenants/" + TENANT + "/quota");
    }

    @Test
    void bobSeesNothingOfAcme() {
        for (String path : tenantReads()) {
            Answer answer = bob.get(path);
            assertEquals(404, answer.status(), "GET " + path + " → " + answer);
            assertTrue(answer.isProblem(), "GET " + path + " → " + answer);
        }
        assertEquals(false, bob.get("/tenants").body().contains(TENANT));
        assertEquals(false, bob.get("/me").body().contains(TENANT));
    }

    @Test
    void bobChangesNothingOfAcme() {
        Answer app = bob.postJson("/tenants/" + TENANT + "/apps", "{\"name\":\"intruder\",\"stack\":\"java\"}");
        assertEquals(404, app.status(), app.toString());
        Answer build = bob.post(app() + "/builds", BodyPublishers.ofString("x"), "application/java-archive");
        assertEquals(404, build.status(), build.toString());
        Answer delete = bob.delete(app());
        assertEquals(404, delete.status(), delete.toString());

        assertEquals(1, alice.get("/tenants/" + TENANT + "/apps").json().size());
        assertEquals(1, alice.get(app() + "/builds").json().size());
    }

    @Test
    void noValidTokenMeans401() {
        String aliceToken = alice.bearer();
        String[] parts = aliceToken.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString("not the signature".getBytes());
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes())
                + "." + parts[1] + ".";
        for (Api caller : List.of(Api.anonymous(), Api.withToken(forged), Api.withToken(unsigned),
                Api.withToken("garbage"))) {
            for (String path : concat(List.of("/me", "/tenants"), tenantReads())) {
                Answer answer = caller.get(path);
                assertEquals(401, answer.status(), "GET " + path + " → " + answer);
            }
            assertEquals(401, caller.postJson("/tenants", "{\"name\":\"" + Platform.uniqueTenant("anon") + "\"}")
                    .status());
        }
    }

    @Test
    void anAppReachesNeitherAnotherTenantsAppNorThePlatform() {
        String acme = servingContainer(TENANT);
        String globex = servingContainer(BOBS_TENANT);
        String globexAddress = addressOf(globex, BOBS_TENANT);
        List<String> forbidden = new ArrayList<>(List.of(globexAddress + ":8080"));
        for (String host : ConnectProbe.hostAddresses()) {
            // Inside the container 127.0.0.1 is its own loopback, and its port 8080 the app itself.
            PLATFORM_PORTS.stream().filter(port -> !(host.startsWith("127.") && port == 8080))
                    .forEach(port -> forbidden.add(host + ":" + port));
        }
        List<String> allowed = List.of("127.0.0.1:8080", addressOf(acme, TENANT) + ":8080");

        Map<String, String> outcomes = ConnectProbe.from(acme, concat(allowed, forbidden));

        for (String target : allowed) {
            assertEquals("OPEN", outcomes.get(target), "positive control " + target + ": " + outcomes);
        }
        for (String target : forbidden) {
            assertNotEquals("OPEN", outcomes.get(target), target + " from " + acme + ": " + outcomes);
        }
        // While the platform's own ports answer on the host, where they listen.
        assertTrue(portOpen("127.0.0.1", 8080) && portOpen("127.0.0.1", 8084) && portOpen("127.0.0.1", 5432));
        Map<String, String> fromGlobex = ConnectProbe.from(globex, List.of(addressOf(acme, TENANT) + ":8080",
                gatewayOf(globex, BOBS_TENANT) + ":8084", gatewayOf(globex, BOBS_TENANT) + ":5432"));
        assertFalse(fromGlobex.containsValue("OPEN"), fromGlobex.toString());
        assertEquals(200, Router.get(APP, TENANT, "/").status());
        assertEquals(200, Router.get(APP, BOBS_TENANT, "/").status());
    }

    /** The app's one container, once the router serves it. */
    static String servingContainer(String tenant) {
        await("the router serves " + APP + " of " + tenant).atMost(Duration.ofMinutes(4))
                .pollInterval(Duration.ofMillis(500)).until(() -> Router.get(APP, tenant, "/").status() == 200);
        List<String> containers = DockerEngine.instancesOf(tenant);
        assertEquals(1, containers.size(), containers.toString());
        return containers.get(0);
    }

    static String addressOf(String container, String tenant) {
        return DockerEngine.networkOf(container).at("/NetworkSettings/Networks/cu-net-" + tenant + "/IPAddress")
                .asText();
    }

    static String gatewayOf(String container, String tenant) {
        return DockerEngine.networkOf(container).at("/NetworkSettings/Networks/cu-net-" + tenant + "/Gateway")
                .asText();
    }

    static boolean portOpen(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}

package io.cloudunit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Another tenant's resources answer 404 (no enumeration); no valid token answers 401. */
class TenantIsolationIT {
    static final String TENANT = Platform.uniqueTenant("acme");
    static final String APP = "hello";
    static Api alice;
    static Api bob;
    static String buildId;

    @BeforeAll
    static void aliceOwnsATenantWithAnAppAndABuild(@TempDir Path dir) throws IOException {
        alice = Api.as("alice");
        bob = Api.as("bob");
        assertEquals(201, alice.postJson("/tenants", "{\"name\":\"" + TENANT + "\"}").status());
        assertEquals(201, alice.postJson("/tenants/" + TENANT + "/apps",
                "{\"name\":\"" + APP + "\",\"stack\":\"java\"}").status());
        Answer build = alice.postFile(app() + "/builds", TestJars.helloServer(dir, "isolated"),
                "application/java-archive");
        assertEquals(202, build.status(), build.toString());
        buildId = build.json().path("id").asText();
    }

    @AfterAll
    static void removeWhatTheTestDeployed() {
        Cleanup.deleteAppAndEverythingOf(alice, TENANT, APP);
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

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}

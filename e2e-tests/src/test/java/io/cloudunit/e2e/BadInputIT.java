package io.cloudunit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets a clear 4xx problem+json and creates nothing. */
class BadInputIT {
    static final String TENANT = Platform.uniqueTenant("bad");
    static final String APP = "target";
    static Api alice;

    @BeforeAll
    static void aTenantWithOneApp() {
        alice = Api.as("alice");
        assertEquals(201, alice.postJson("/tenants", "{\"name\":\"" + TENANT + "\"}").status());
        assertEquals(201, alice.postJson("/tenants/" + TENANT + "/apps",
                "{\"name\":\"" + APP + "\",\"stack\":\"java\"}").status());
    }

    @AfterAll
    static void removeTheTenant() {
        alice.delete("/tenants/" + TENANT);
    }

    @Test
    void invalidTenantNamesAreRefused() {
        for (String name : List.of("A", "ab", "-abc", "abc-", "Upper", "a_b", "a".repeat(33), "1abc", "a b")) {
            Answer answer = alice.postJson("/tenants", "{\"name\":\"" + name + "\"}");
            assertRefused(answer, "tenant name " + name);
            assertFalse(alice.get("/tenants").body().contains("\"" + name + "\""), name + " was created");
        }
    }

    @Test
    void invalidAppsAreRefused() {
        List<String> bodies = List.of(
                "{\"name\":\"Bad_Name\",\"stack\":\"java\"}",
                "{\"name\":\"cobol-app\",\"stack\":\"cobol\"}",
                "{\"name\":\"big-app\",\"stack\":\"java\",\"replicas\":500}",
                "{\"name\":\"huge-app\",\"stack\":\"java\",\"memoryMb\":1000000}",
                "{\"name\":\"broken\",",
                "{\"name\":\"typed\",\"stack\":\"java\",\"replicas\":\"many\"}",
                "[]",
                "");
        for (String body : bodies) {
            assertRefused(alice.postJson("/tenants/" + TENANT + "/apps", body), "app " + body);
        }
        assertEquals(1, alice.get("/tenants/" + TENANT + "/apps").json().size(), "only the valid app exists");
    }

    @Test
    void anUnknownStackIsNamedInTheAnswer() {
        Answer answer = alice.postJson("/tenants/" + TENANT + "/apps", "{\"name\":\"cobol\",\"stack\":\"cobol\"}");
        assertRefused(answer, "unknown stack");
        assertTrue(answer.json().path("detail").asText().contains("java"), "lists the known stacks: " + answer);
    }

    @Test
    void uploadsThatAreNotRunnableJarsAreRefused(@TempDir Path dir) throws IOException {
        String builds = "/tenants/" + TENANT + "/apps/" + APP + "/builds";
        assertRefused(alice.post(builds, BodyPublishers.ofString("just some text"), "application/java-archive"),
                "text as a JAR");
        assertRefused(alice.post(builds, BodyPublishers.noBody(), "application/java-archive"), "empty upload");
        Answer library = alice.postFile(builds, TestJars.libraryJar(dir), "application/java-archive");
        assertRefused(library, "JAR without Main-Class");
        assertTrue(library.json().path("detail").asText().contains("Main-Class"), library.toString());
        assertEquals(0, alice.get(builds).json().size(), "no build was created");
    }

    private static void assertRefused(Answer answer, String what) {
        assertTrue(answer.status() >= 400 && answer.status() < 500, what + " → " + answer);
        assertTrue(answer.isProblem(), what + " → " + answer);
        assertFalse(answer.json().path("detail").asText().isBlank(), what + " → " + answer);
    }
}

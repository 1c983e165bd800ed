package io.cloudunit.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

/** An app's javaVersion through the gateway: tenant-service keeps it, build-service builds on it (ADR 20). */
class JavaVersionIT {
    static final String TENANT = Platform.uniqueTenant("javav");
    static final Api ALICE = Api.as("alice");

    @TempDir
    Path dir;

    @BeforeAll
    static void tenant() {
        assertEquals(201, ALICE.postJson("/tenants", "{\"name\":\"" + TENANT + "\"}").status());
    }

    @AfterAll
    static void removeWhatTheTestDeployed() {
        ALICE.delete("/tenants/" + TENANT + "/apps/old");
        Cleanup.deleteAppAndEverythingOf(ALICE, TENANT, "modern");
    }

    @Test
    void aJava17JarOnAnAppPinnedTo25IsBuiltOnJava25AndServed() throws IOException {
        Answer created = ALICE.postJson("/tenants/" + TENANT + "/apps",
                "{\"name\":\"modern\",\"stack\":\"java\",\"memoryMb\":256,\"javaVersion\":25}");
        assertEquals(201, created.status(), created.toString());
        assertEquals(25, ALICE.get("/tenants/" + TENANT + "/apps/modern").json().path("javaVersion").asInt());

        Path jar = TestJars.helloServer(dir, "pinned to 25");
        JsonNode build = built("modern", Files.readAllBytes(jar));
        assertEquals(25, build.path("javaVersion").asInt(), build.toString());
        String version = DockerEngine.docker("run", "--rm", "--label", "io.cloudunit.tenant=" + TENANT,
                "--entrypoint", "java", build.path("image").asText(), "-version");
        assertTrue(version.contains("version \"25"), version);
        Answer served = await("modern answers through the router").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> Router.get("modern", TENANT, "/"), a -> a.status() == 200);
        assertTrue(served.body().startsWith("pinned to 25"), served.body());
    }

    @Test
    void aJava21JarOnAnAppPinnedTo17IsRefusedSayingHowToMoveTheApp() throws IOException {
        assertEquals(201, ALICE.postJson("/tenants/" + TENANT + "/apps",
                "{\"name\":\"old\",\"stack\":\"java\",\"javaVersion\":17}").status());
        byte[] jar = compiledFor(65, TestJars.helloServer(dir, "needs 21"));
        Answer refused = ALICE.post("/tenants/" + TENANT + "/apps/old/builds", BodyPublishers.ofByteArray(jar),
                "application/java-archive");
        assertEquals(422, refused.status(), refused.toString());
        String detail = refused.json().path("detail").asText();
        assertTrue(detail.contains("compiled for Java 21") && detail.contains("{\"javaVersion\": 25}"), detail);

        assertEquals(200, ALICE.patchJson("/tenants/" + TENANT + "/apps/old", "{\"javaVersion\":25}").status());
        Answer accepted = await("the app lookup sees the new version").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1)).until(() -> ALICE.post("/tenants/" + TENANT + "/apps/old/builds",
                        BodyPublishers.ofByteArray(jar), "application/java-archive"), a -> a.status() != 422);
        assertEquals(202, accepted.status(), accepted.toString());
    }

    private static JsonNode built(String app, byte[] jar) {
        Answer upload = ALICE.post("/tenants/" + TENANT + "/apps/" + app + "/builds", BodyPublishers.ofByteArray(jar),
                "application/java-archive");
        assertEquals(202, upload.status(), upload.toString());
        String build = "/tenants/" + TENANT + "/apps/" + app + "/builds/" + upload.json().path("id").asText();
        JsonNode done = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> ALICE.get(build).json(),
                        b -> List.of("succeeded", "failed").contains(b.path("status").asText()));
        assertEquals("succeeded", done.path("status").asText(), done.toString());
        return done;
    }

    /** The JAR with every class file claiming {@code classMajor} (the bytecode itself stays Java 17's). */
    private static byte[] compiledFor(int classMajor, Path jar) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarFile in = new JarFile(jar.toFile())) {
            Manifest manifest = in.getManifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
                for (JarEntry entry : in.stream().filter(e -> !e.getName().startsWith("META-INF/")).toList()) {
                    byte[] content = in.getInputStream(entry).readAllBytes();
                    if (entry.getName().endsWith(".class")) {
                        content[6] = (byte) (classMajor >> 8);
                        content[7] = (byte) classMajor;
                    }
                    out.putNextEntry(new JarEntry(entry.getName()));
                    out.write(content);
                    out.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }
}

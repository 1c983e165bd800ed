package io.cloudunit.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/** The other stacks through the gateway, built and deployed, answering through the router. */
class StacksIT {
    static final String TENANT = Platform.uniqueTenant("stacks");
    static final Api ALICE = Api.as("alice");

    @BeforeAll
    static void tenant() {
        assertEquals(201, ALICE.postJson("/tenants", "{\"name\":\"" + TENANT + "\"}").status());
    }

    @AfterAll
    static void removeWhatTheTestDeployed() {
        ALICE.delete("/tenants/" + TENANT + "/apps/shop");
        ALICE.delete("/tenants/" + TENANT + "/apps/again");
        Cleanup.deleteAppAndEverythingOf(ALICE, TENANT, "www");
    }

    @Test
    void aStaticSiteThenTheSameImageByReference() {
        String image = built("www", "static", zip(Map.of("dist/index.html", "<h1>static through the router</h1>")),
                "application/zip");
        assertEquals("<h1>static through the router</h1>", served("www").body());

        built("again", "image", ("{\"image\":\"" + image + "\"}").getBytes(StandardCharsets.UTF_8),
                "application/json");
        assertEquals("<h1>static through the router</h1>", served("again").body());
    }

    @Test
    void aWarOnTomcat() {
        built("shop", "tomcat", zip(Map.of("WEB-INF/web.xml", "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" "
                + "version=\"6.0\"/>", "index.jsp", "<%@ page contentType=\"text/plain\" %><%= 6 * 7 %>")),
                "application/java-archive");
        assertEquals("42", served("shop").body().trim());
    }

    /** Creates the app, uploads, waits for the build to succeed; answers its image. */
    private static String built(String app, String stack, byte[] body, String contentType) {
        assertEquals(201, ALICE.postJson("/tenants/" + TENANT + "/apps",
                "{\"name\":\"" + app + "\",\"stack\":\"" + stack + "\"}").status());
        Answer upload = ALICE.post("/tenants/" + TENANT + "/apps/" + app + "/builds", BodyPublishers.ofByteArray(body),
                contentType);
        assertEquals(202, upload.status(), upload.toString());
        String build = "/tenants/" + TENANT + "/apps/" + app + "/builds/" + upload.json().path("id").asText();
        JsonNode done = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> ALICE.get(build).json(),
                        b -> List.of("succeeded", "failed").contains(b.path("status").asText()));
        assertEquals("succeeded", done.path("status").asText(), done.toString());
        return done.path("image").asText();
    }

    /** Tomcat compiles a JSP on its first request, which can outlast the router client's timeout. */
    private static Answer served(String app) {
        return await(app + " answers through the router").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> Router.get(app, TENANT, "/"), a -> a.status() == 200);
    }

    private static byte[] zip(Map<String, String> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }
}

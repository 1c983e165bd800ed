package io.cloudunit.build.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.response.Response;

/** The build-service API as alice calls it, and the places it writes to. */
public final class Api {
    public static final String BUILDS = "/api/v1/tenants/{t}/apps/{a}/builds";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Api() {
    }

    public static Response upload(String tenant, String app, byte[] body) {
        return given().auth().oauth2(Tokens.of("alice")).contentType("application/java-archive").body(body)
                .post(BUILDS, tenant, app);
    }

    public static Response upload(String tenant, String app, byte[] body, String contentType) {
        return given().auth().oauth2(Tokens.of("alice")).contentType(contentType).body(body)
                .post(BUILDS, tenant, app);
    }

    public static JsonNode build(String tenant, String app, String id) {
        return json(given().auth().oauth2(Tokens.of("alice")).get(BUILDS + "/{id}", tenant, app, id)
                .then().statusCode(200).extract().asString());
    }

    /** The build once it reached a final status. */
    public static JsonNode awaitFinished(String tenant, String app, String id) {
        return await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250))
                .until(() -> build(tenant, app, id),
                        b -> List.of("succeeded", "failed", "canceled").contains(b.path("status").asText()));
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path dataDir() {
        return Path.of(ConfigProvider.getConfig().getValue("cloudunit.build.data-dir", String.class))
                .toAbsolutePath().normalize();
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

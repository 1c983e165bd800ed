package io.cloudunit.build;

import static io.cloudunit.build.support.Api.BUILDS;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.cloudunit.build.support.Api;
import io.cloudunit.build.support.Db;
import io.cloudunit.build.support.Jars;
import io.cloudunit.build.support.Names;
import io.cloudunit.build.support.Stub;
import io.cloudunit.build.support.TenantServiceStub;
import io.cloudunit.build.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Bad uploads are refused with a problem that says what to fix, and leave nothing behind. */
@QuarkusTest
@WithTestResource(TenantServiceStub.class)
class UploadValidationTest {
    static final String TENANT = Names.unique("uv");
    static final String APP = "web";
    static final String HOW_TO = "build it as a runnable JAR, e.g. with the spring-boot or shade plugin";

    @BeforeAll
    static void apps() {
        Stub.app(TENANT, APP, "java", "alice");
        Stub.app(TENANT, "snake", "python", "alice");
    }

    @AfterEach
    void nothingWasCreated() throws IOException {
        assertThat("no build row", Db.count("select count(*) from build where tenant = ?", TENANT), equalTo(0L));
        assertThat("no outbox row", Db.count("select count(*) from outbox where tenant = ?", TENANT), equalTo(0L));
        assertThat("no upload left in incoming/", files("incoming"), equalTo(List.of()));
    }

    @Test
    void notAZip() {
        refused(Jars.notAZip(), 422).body("detail", equalTo("the upload is not a JAR (not a zip archive)"));
        assertNotStored(Jars.notAZip());
    }

    @Test
    void aZipWithoutManifest() {
        byte[] zip = Jars.zipWithoutManifest();
        refused(zip, 422).body("detail", equalTo("the JAR has no META-INF/MANIFEST.MF: " + HOW_TO));
        assertNotStored(zip);
    }

    @Test
    void aJarWithoutMainClass() {
        byte[] jar = Jars.withoutMainClass();
        refused(jar, 422).body("detail", equalTo("the JAR's manifest has no Main-Class: " + HOW_TO));
        assertNotStored(jar);
    }

    @Test
    void anEmptyBody() {
        refused(new byte[0], 400).body("detail", startsWith("the request body is empty"));
    }

    @Test
    void aStackThatCannotBeBuiltYet() {
        given().auth().oauth2(Tokens.of("alice")).contentType("application/java-archive").body(Jars.runnableHello())
                .post(BUILDS, TENANT, "snake")
                .then().statusCode(422).contentType("application/problem+json")
                .body("detail", equalTo("stack python is not buildable yet: buildable stacks are dockerfile, image, "
                        + "java, static, tomcat"));
    }

    @Test
    void anUnknownApp() {
        given().auth().oauth2(Tokens.of("alice")).contentType("application/java-archive").body(Jars.runnableHello())
                .post(BUILDS, TENANT, "nope")
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", startsWith("app not found"));
    }

    @Test
    void anotherTenantsApp() {
        given().auth().oauth2(Tokens.of("bob")).contentType("application/java-archive").body(Jars.runnableHello())
                .post(BUILDS, TENANT, APP)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void noToken() {
        given().contentType("application/java-archive").body(Jars.runnableHello()).post(BUILDS, TENANT, APP)
                .then().statusCode(401);
        given().get(BUILDS, TENANT, APP).then().statusCode(401);
        given().auth().oauth2("not.a.token").get(BUILDS, TENANT, APP).then().statusCode(401);
    }

    @Test
    void aContentTypeThatIsNotAnArtifact() {
        given().auth().oauth2(Tokens.of("alice")).contentType("text/plain").body("hello")
                .post(BUILDS, TENANT, APP)
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void aBodyOverTheLimit() throws Exception {
        int limitMb = ConfigProvider.getConfig().getValue("cloudunit.build.max-artifact-mb", Integer.class);
        byte[] big = new byte[(limitMb + 1) * 1024 * 1024];
        // Expect: 100-continue lets the service refuse on the Content-Length before a byte of the body is sent
        HttpResponse<String> response = http().send(request()
                .expectContinue(true).POST(HttpRequest.BodyPublishers.ofByteArray(big)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode(), equalTo(413));
    }

    /** The body goes to disk as it arrives: the file grows while the client is still sending. */
    @Test
    void theUploadIsStreamedToDisk() throws Exception {
        PipedOutputStream client = new PipedOutputStream();
        PipedInputStream body = new PipedInputStream(client, 64 * 1024);
        CompletableFuture<HttpResponse<String>> response = sendAsync(HttpRequest.BodyPublishers.ofInputStream(() -> body));
        byte[] chunk = new byte[256 * 1024];
        try (OutputStream out = client) {
            for (int i = 0; i < 12; i++) {
                out.write(chunk);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> incomingBytes() >= 2L * 1024 * 1024);
            assertThat("the server has not answered yet", response.isDone(), equalTo(false));
            for (int i = 0; i < 4; i++) {
                out.write(chunk);
            }
        }
        HttpResponse<String> answer = response.get();
        assertThat(answer.statusCode(), equalTo(422));
        assertThat(answer.headers().firstValue("Content-Type").orElse(""), startsWith("application/problem+json"));
        assertThat(Api.json(answer.body()).path("detail").asText(), equalTo("the upload is not a JAR (not a zip archive)"));
    }

    @Test
    void openApiAndReadinessAreServed() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths", hasKey("/api/v1/tenants/{tenant}/apps/{app}/builds"))
                .body("paths", hasKey("/api/v1/tenants/{tenant}/apps/{app}/builds/{id}/log"))
                .body("paths.'/api/v1/tenants/{tenant}/apps/{app}/builds'.post.requestBody.content", hasKey("application/x-tar"))
                .body("paths.'/api/v1/tenants/{tenant}/apps/{app}/builds'.post.requestBody.content", hasKey("application/json"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'docker' }.status", equalTo("UP"));
    }

    private static ValidatableResponse refused(byte[] body, int status) {
        return given().auth().oauth2(Tokens.of("alice")).contentType("application/java-archive").body(body)
                .post(BUILDS, TENANT, APP)
                .then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status));
    }

    private static void assertNotStored(byte[] body) {
        assertThat(Files.exists(Api.dataDir().resolve("artifacts").resolve(Api.sha256(body))), equalTo(false));
    }

    private static List<Path> files(String dir) throws IOException {
        Path path = Api.dataDir().resolve(dir);
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(path)) {
            return list.toList();
        }
    }

    private static long incomingBytes() throws IOException {
        long total = 0;
        for (Path file : files("incoming")) {
            total += Files.size(file);
        }
        return total;
    }

    private static CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest.BodyPublisher body) {
        return http().sendAsync(request().POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** HTTP/1.1: the JDK client would otherwise ask to upgrade to h2c, which the service accepts. */
    private static HttpClient http() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    private static HttpRequest.Builder request() {
        URI uri = URI.create(ConfigProvider.getConfig().getValue("test.url", String.class)
                + "/api/v1/tenants/" + TENANT + "/apps/" + APP + "/builds");
        return HttpRequest.newBuilder(uri)
                .header("Authorization", Tokens.bearer("alice"))
                .header("Content-Type", "application/octet-stream");
    }

}

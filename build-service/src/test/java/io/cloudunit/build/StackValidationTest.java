package io.cloudunit.build;

import static io.cloudunit.build.support.Api.BUILDS;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.cloudunit.build.support.Api;
import io.cloudunit.build.support.Db;
import io.cloudunit.build.support.DockerCli;
import io.cloudunit.build.support.Names;
import io.cloudunit.build.support.StackInputs;
import io.cloudunit.build.support.Stub;
import io.cloudunit.build.support.TenantServiceStub;
import io.cloudunit.build.support.Tokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Per stack, an upload that cannot be built is refused with 422 saying why, and nothing is stored or queued. */
@QuarkusTest
@WithTestResource(TenantServiceStub.class)
class StackValidationTest {
    static final String TENANT = Names.unique("sv");
    static final String OTHER = Names.unique("svo");
    static final String REFUSED = ": the upload was refused, nothing was stored";
    static final String NOT_ON_ENGINE = " is not an image on the build engine (nothing is pulled): use an image the "
            + "platform has, e.g. a base image, or one built for this tenant";
    static final String OTHERS_IMAGE = "cu-test-" + OTHER + "/secret:1";
    static final String TRIGGERS_IMAGE = "cu-test-" + TENANT + "/triggers:1";

    @BeforeAll
    static void apps() throws IOException {
        Stub.app(TENANT, "cat", "tomcat", "alice");
        Stub.app(TENANT, "site", "static", "alice");
        Stub.app(TENANT, "own", "dockerfile", "alice");
        Stub.app(TENANT, "ready", "image", "alice");
        Path dir = Files.createTempDirectory("others-image");
        Files.writeString(dir.resolve("Dockerfile"), "FROM cloudunit/static:1\n");
        DockerCli.build(dir, OTHERS_IMAGE, OTHER);
        Files.writeString(dir.resolve("Dockerfile"), "FROM cloudunit/static:1\nONBUILD COPY --from=" + OTHERS_IMAGE
                + " / /stolen/\n");
        DockerCli.build(dir, TRIGGERS_IMAGE, TENANT);
        Files.delete(dir.resolve("Dockerfile"));
        Files.delete(dir);
    }

    @AfterAll
    static void removeImages() {
        DockerCli.removeTenant(OTHER);
        DockerCli.removeTenant(TENANT);
    }

    @AfterEach
    void nothingWasCreated() throws IOException {
        assertThat("no build row", Db.count("select count(*) from build where tenant = ?", TENANT), equalTo(0L));
        assertThat("no outbox row", Db.count("select count(*) from outbox where tenant = ?", TENANT), equalTo(0L));
        try (Stream<Path> left = Files.list(Api.dataDir().resolve("incoming"))) {
            assertThat("no upload left in incoming/", left.toList(), equalTo(List.of()));
        }
    }

    @Test
    void aWarWithoutWebInf() {
        refused("cat", StackInputs.warWithoutWebInf(), "application/java-archive", "the WAR has no WEB-INF/: build it "
                + "as a web application archive (Maven packaging war) for Jakarta EE (Tomcat 10.1: jakarta.servlet, "
                + "not javax.servlet)");
    }

    @Test
    void aWarThatIsNotAZip() {
        refused("cat", "not a war".getBytes(), "application/java-archive", "the upload is not a WAR (not a zip archive)");
    }

    @Test
    void aSiteWithoutIndexHtml() {
        refused("site", StackInputs.siteWithoutIndex(), "application/zip", "the site has no index.html at the root of "
                + "the zip (nor in a single top-level folder): zip the folder that holds index.html, e.g. cd dist && "
                + "zip -r ../site.zip .");
    }

    @Test
    void aSiteThatEscapesItsFolder() {
        byte[] slip = StackInputs.zip(Map.of("index.html", "hi", "../../evil.html", "owned"));
        refused("site", slip, "application/zip",
                "archive entry ../../evil.html escapes the archive's root (.. in its path)" + REFUSED);
    }

    @Test
    void aContextWithoutDockerfile() {
        refused("own", StackInputs.contextWithoutDockerfile(), "application/x-tar", "the context has no Dockerfile at "
                + "its root: tar the folder that holds it, e.g. tar -cf context.tar -C myapp .");
    }

    @Test
    void aContextWithASymlink() {
        refused("own", StackInputs.contextWithSymlink(), "application/x-tar", "archive entry passwd is a symbolic link "
                + "(to /etc/passwd): links are refused in uploads, archive the files they point to instead "
                + "(tar --dereference)" + REFUSED);
    }

    @Test
    void aDockerfileFromAnImageNotOnTheEngine() {
        String missing = "cu-test-" + TENANT + "/nowhere:1";
        refused("own", StackInputs.context(missing), "application/x-tar", "the Dockerfile's image " + missing
                + NOT_ON_ENGINE);
    }

    @Test
    void aDockerfileFromAnotherTenantsImage() {
        refused("own", StackInputs.context(OTHERS_IMAGE), "application/x-tar", "the Dockerfile's image " + OTHERS_IMAGE
                + NOT_ON_ENGINE);
    }

    @Test
    void anUnknownImage() {
        String missing = "cu-test-" + TENANT + "/nowhere:1";
        refused("ready", StackInputs.imageBody(missing), "application/json", "the image " + missing + NOT_ON_ENGINE);
    }

    @Test
    void anotherTenantsImageIsRefusedLikeAMissingOne() {
        refused("ready", StackInputs.imageBody(OTHERS_IMAGE), "application/json",
                "the image " + OTHERS_IMAGE + NOT_ON_ENGINE);
    }

    @Test
    void anImageWithOnbuildTriggers() {
        refused("ready", StackInputs.imageBody(TRIGGERS_IMAGE), "application/json", "the image " + TRIGGERS_IMAGE
                + " has ONBUILD instructions, which builds here do not run: use an image without them");
        refused("own", StackInputs.context(TRIGGERS_IMAGE), "application/x-tar", "the Dockerfile's image "
                + TRIGGERS_IMAGE + " has ONBUILD instructions, which builds here do not run: use an image without them");
    }

    @Test
    void anImageBodyThatIsNotJson() {
        refused("ready", "cloudunit/static:1".getBytes(), "application/json", "the body is not JSON: send "
                + "{\"image\": \"<name:tag>\"} with Content-Type application/json");
    }

    @Test
    void anImageReferenceThatCouldSmuggleALine() {
        refused("ready", StackInputs.imageBody("cloudunit/static:1\\nRUN id"), "application/json",
                "the image \"cloudunit/static:1?RUN id\" is not an image reference (name[:tag] or name@sha256:…)");
    }

    private static void refused(String app, byte[] body, String contentType, String detail) {
        ValidatableResponse response = given().auth().oauth2(Tokens.of("alice")).contentType(contentType).body(body)
                .post(BUILDS, TENANT, app)
                .then().statusCode(422).contentType("application/problem+json");
        response.body("status", equalTo(422)).body("detail", equalTo(detail));
        assertThat("not stored", Files.exists(Api.dataDir().resolve("artifacts").resolve(Api.sha256(body))),
                equalTo(false));
    }
}

package io.cloudunit.build;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.cloudunit.build.support.Api;
import io.cloudunit.build.support.Db;
import io.cloudunit.build.support.DockerCli;
import io.cloudunit.build.support.Jars;
import io.cloudunit.build.support.Names;
import io.cloudunit.build.support.RawUpload;
import io.cloudunit.build.support.Stub;
import io.cloudunit.build.support.TenantServiceStub;
import io.cloudunit.build.support.TenantsTopic;
import io.cloudunit.platform.events.CloudEvent;
import io.cloudunit.platform.events.TenantEvent;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The artifact limits (ADR 0018), through the real service: a tenant's plan's {@code maxArtifactMb}, from a
 * quota.changed on the real topic, and the service's own {@code cloudunit.build.max-artifact-mb} above every plan.
 * Both answer 413 problem+json naming the limit, on a Content-Length before the body is read and on a streamed body
 * as soon as it passes the limit (over a plain socket, a body the client never finishes); nothing is stored and no
 * build is queued.
 */
@QuarkusTest
@WithTestResource(TenantServiceStub.class)
class UploadLimitsTest {
    static final String SMALL = Names.unique("ul");
    static final String DEFAULT = Names.unique("ud");
    static final String PLAN = "tiny";
    static final String PLAN_DETAIL = "the artifact is larger than 1 MiB, the largest tenant '" + SMALL
            + "' may upload on plan 'tiny' (maxArtifactMb): nothing was stored; make it smaller, or ask a platform "
            + "admin for a plan with a larger maxArtifactMb";
    static final int MIB = 1024 * 1024;
    static final Duration WAIT = Duration.ofSeconds(60);
    static TenantsTopic topic;

    @BeforeAll
    static void setUp() {
        Stub.app(SMALL, "web", "java", "alice");
        Stub.app(DEFAULT, "web", "java", "alice");
        topic = new TenantsTopic();
        CloudEvent changed = topic.produce(TenantsTopic.quota(SMALL, PLAN, 2, 1));
        await().atMost(WAIT).until(() -> TenantsTopic.processed(changed));
    }

    @AfterAll
    static void tearDown() {
        topic.close();
        DockerCli.removeTenant(SMALL);
        DockerCli.removeTenant(DEFAULT);
    }

    @AfterEach
    void nothingLeftInIncoming() throws IOException {
        await().atMost(WAIT).until(() -> files("incoming").isEmpty());
    }

    @Test
    void theProjectionHoldsThePlansLimits() {
        assertThat(Db.single("select plan || ' ' || max_concurrent_builds || ' ' || max_artifact_mb "
                + "from tenant_build_limits where tenant = ?", SMALL), equalTo("tiny 2 1"));
    }

    @Test
    void aContentLengthOverThePlansLimitIsRefusedBeforeTheBodyIsRead() {
        // 2 MiB announced, 16 KiB sent (what Quarkus REST waits for before it calls the resource): the answer comes
        RawUpload.Answer answer = RawUpload.withContentLength(SMALL, 2L * MIB, 16 * 1024);

        assertProblem(answer, PLAN_DETAIL);
        assertThat("no build", builds(SMALL), equalTo(0L));
    }

    @Test
    void aStreamedBodyIsRefusedAsSoonAsItPassesThePlansLimit() {
        // the body is never finished: the answer comes because the limit was passed, not because the body ended
        RawUpload.Answer answer = RawUpload.chunkedUnfinished(SMALL, Jars.runnableHello(), MIB + 256 * 1024);

        assertProblem(answer, PLAN_DETAIL);
        assertThat("no build", builds(SMALL), equalTo(0L));
    }

    @Test
    void anArtifactWithinThePlansLimitIsQueued() {
        Api.upload(SMALL, "web", Jars.runnableHello("within " + SMALL)).then().statusCode(202);
    }

    @Test
    void aStreamedBodyOverTheServicesLimitIsProblemJsonToo() {
        int serviceMb = ConfigProvider.getConfig().getValue("cloudunit.build.max-artifact-mb", Integer.class);
        RawUpload.Answer answer = RawUpload.chunkedUnfinished(DEFAULT, Jars.runnableHello(), (serviceMb + 1L) * MIB);

        assertProblem(answer, serviceDetail(serviceMb));
        assertThat(builds(DEFAULT), equalTo(0L));
    }

    @Test
    void aPlanThatAllowsNoBuildsRefusesUploads() {
        String none = Names.unique("un");
        Stub.app(none, "web", "java", "alice");
        CloudEvent changed = topic.produce(TenantsTopic.quota(none, "frozen", 0, 256));
        await().atMost(WAIT).until(() -> TenantsTopic.processed(changed));

        Api.upload(none, "web", Jars.runnableHello()).then().statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("tenant '" + none + "' may run no builds on plan 'frozen' "
                        + "(maxConcurrentBuilds 0): nothing was stored; ask a platform admin for a plan that allows "
                        + "builds"));
        assertThat(builds(none), equalTo(0L));
    }

    @Test
    void aTenantCreatedAgainUnderTheNameStartsOnTheDefaultPlan() {
        String reused = Names.unique("ur");
        CloudEvent changed = topic.produce(TenantsTopic.quota(reused, PLAN, 1, 1));
        await().atMost(WAIT).until(() -> TenantsTopic.processed(changed));
        assertThat(Db.count("select count(*) from tenant_build_limits where tenant = ?", reused), equalTo(1L));

        CloudEvent created = topic.produce(new TenantEvent.Created(reused, reused, "sub", "alice"));
        await().atMost(WAIT).until(() -> TenantsTopic.processed(created));

        assertThat(Db.count("select count(*) from tenant_build_limits where tenant = ?", reused), equalTo(0L));
    }

    private static String serviceDetail(int serviceMb) {
        return "the artifact is larger than " + serviceMb + " MiB, the largest this service accepts "
                + "(cloudunit.build.max-artifact-mb): nothing was stored; make it smaller, or ask the operator to "
                + "raise the limit";
    }

    private static void assertProblem(RawUpload.Answer answer, String detail) {
        assertThat(answer.toString(), answer.status(), equalTo(413));
        assertThat(answer.contentType(), startsWith("application/problem+json"));
        assertThat(answer.json().path("status").asInt(), equalTo(413));
        assertThat(answer.json().path("detail").asText(), equalTo(detail));
    }

    private static long builds(String tenant) {
        return Db.count("select count(*) from build where tenant = ?", tenant);
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
}

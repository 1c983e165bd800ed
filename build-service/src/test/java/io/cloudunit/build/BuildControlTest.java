package io.cloudunit.build;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.cloudunit.build.support.Api;
import io.cloudunit.build.support.Db;
import io.cloudunit.build.support.DockerCli;
import io.cloudunit.build.support.Jars;
import io.cloudunit.build.support.Names;
import io.cloudunit.build.support.SseClient;
import io.cloudunit.build.support.StackInputs;
import io.cloudunit.build.support.Stub;
import io.cloudunit.build.support.TenantServiceStub;
import io.cloudunit.build.support.Tokens;
import io.cloudunit.build.worker.BuildWorker;
import io.restassured.RestAssured;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Cancel (queued, running here, canceled through another instance) and the live log over SSE, against the real
 * engine: a canceled build leaves no container, no image and no step image behind.
 */
@QuarkusTest
@WithTestResource(TenantServiceStub.class)
class BuildControlTest {
    static final String TENANT = Names.unique("bc");
    static final String TAR = "application/x-tar";
    static final Pattern RUNNING_IN = Pattern.compile("^ ---> Running in ([0-9a-f]+)$");
    static final Pattern STEP_IMAGE = Pattern.compile("^ ---> ([0-9a-f]+)$");

    @Inject
    BuildWorker worker;

    @BeforeAll
    static void setUp() {
        Stub.app(TENANT, "ticks", "dockerfile", "alice");
        Stub.app(TENANT, "jar", "java", "alice");
    }

    @AfterEach
    void resumeTheWorker() {
        worker.resume();
    }

    @AfterAll
    static void tearDown() {
        Db.update("update build set status = 'CANCELED', reason = 'test over', finished_at = now() "
                + "where tenant = ? and status in ('QUEUED', 'RUNNING')", TENANT);
        DockerCli.removeTenant(TENANT);
    }

    @Test
    void aQueuedBuildIsCanceledAtOnceWithItsEvent() {
        worker.pause();
        String id = upload("jar", Jars.runnableHello(), "application/java-archive");

        var canceled = Api.json(cancel("jar", id).then().statusCode(200).extract().asString());

        assertThat(canceled.path("status").asText(), equalTo("canceled"));
        assertThat(canceled.path("reason").asText(), equalTo("canceled by alice"));
        assertThat(canceledEvents(id), equalTo(1L));
        worker.resume();
        assertThat("never started", Api.build(TENANT, "jar", id).path("startedAt").isNull(), equalTo(true));
    }

    @Test
    void aRunningBuildIsStoppedOnTheEngineAndLeavesNothing() {
        String id = upload("ticks", StackInputs.tickingContext(-1, 100), TAR);
        List<String> log = awaitLog(id, "tick 3");

        var canceled = Api.json(cancel("ticks", id).then().statusCode(200).extract().asString());

        assertThat(canceled.path("status").asText(), equalTo("canceled"));
        assertThat(canceled.path("reason").asText(), equalTo("canceled by alice"));
        assertThat(canceledEvents(id), equalTo(1L));
        assertThat(lastLine(id), equalTo("CANCELED: canceled by alice"));
        assertNothingLeft(id, log);
        cancel("ticks", id).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("already ended: canceled (canceled by alice)"));
    }

    /** Another instance's cancel only changes the database: the instance running the build notices and stops it. */
    @Test
    void aBuildCanceledThroughAnotherInstanceStopsWithinSeconds() {
        String id = upload("ticks", StackInputs.tickingContext(-1, 100), TAR);
        List<String> log = awaitLog(id, "tick 3");

        Db.update("update build set status = 'CANCELED', reason = 'canceled by bob', finished_at = now() where id = ?::uuid",
                id);

        await().atMost(Duration.ofSeconds(30)).until(() -> "CANCELED: canceled by bob".equals(lastLine(id)));
        assertNothingLeft(id, log);
    }

    @Test
    void anEndedBuildCannotBeCanceled() {
        String id = upload("jar", Jars.runnableHello("cancel after the end"), "application/java-archive");
        assertThat(Api.awaitFinished(TENANT, "jar", id).path("status").asText(), equalTo("succeeded"));

        cancel("jar", id).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("already ended: succeeded"));
        cancel("jar", "00000000-0000-0000-0000-000000000000").then().statusCode(404);
        assertThat(canceledEvents(id), equalTo(0L));
    }

    @Test
    void theLogStreamsLiveThenEndsWithTheStatusAndResumesAfterLastEventId() throws Exception {
        String id = upload("ticks", StackInputs.tickingContext(25, 150), TAR);
        List<SseClient.Message> messages;
        try (SseClient sse = SseClient.open(logUri(id), Tokens.bearer("alice"), null)) {
            assertThat(sse.status(), equalTo(200));
            assertThat(sse.contentType(), containsString("text/event-stream"));
            SseClient.Message message = sse.next(Duration.ofSeconds(60));
            while (message != null && !message.data().startsWith("tick")) {
                message = sse.next(Duration.ofSeconds(60));
            }
            assertThat("a tick line arrived", message != null, equalTo(true));
            assertThat("lines arrive while the build runs", Api.build(TENANT, "ticks", id).path("status").asText(),
                    equalTo("running"));
            messages = sse.until("end", Duration.ofMinutes(2));
        }
        assertThat(messages.get(messages.size() - 1).data(), equalTo("succeeded"));

        List<String> stored = storedLog(id);
        try (SseClient replay = SseClient.open(logUri(id), Tokens.bearer("alice"), null)) {
            List<SseClient.Message> all = replay.until("end", Duration.ofSeconds(30));
            assertThat("an ended build: every line, then end", all.stream().filter(m -> m.event().equals("line"))
                    .map(SseClient.Message::data).toList(), equalTo(stored));
            assertThat(all.stream().filter(m -> m.event().equals("line")).map(SseClient.Message::id).toList(),
                    equalTo(IntStream.rangeClosed(1, stored.size()).mapToObj(Integer::toString).toList()));
            assertThat(stored, hasItem("tick 25"));
        }
        try (SseClient resumed = SseClient.open(logUri(id), Tokens.bearer("alice"), "5")) {
            List<SseClient.Message> rest = resumed.until("end", Duration.ofSeconds(30));
            assertThat(rest.get(0).id(), equalTo("6"));
            assertThat(rest.get(0).data(), equalTo(stored.get(5)));
            assertThat(rest.size(), equalTo(stored.size() - 5 + 1));
        }
        String plain = given().auth().oauth2(Tokens.of("alice")).get(Api.BUILDS + "/{id}/log", TENANT, "ticks", id)
                .then().statusCode(200).contentType(containsString("text/plain")).extract().asString();
        assertThat(plain, equalTo(String.join("\n", stored) + "\n"));
    }

    @Test
    void theLogStreamOfAnUnknownBuildIsA404() throws Exception {
        try (SseClient sse = SseClient.open(logUri("00000000-0000-0000-0000-000000000000"), Tokens.bearer("alice"),
                null)) {
            assertThat(sse.status(), equalTo(404));
        }
        try (SseClient sse = SseClient.open(logUri("00000000-0000-0000-0000-000000000000"), Tokens.bearer("bob"),
                null)) {
            assertThat("not a member", sse.status(), equalTo(404));
        }
    }

    private static void assertNothingLeft(String id, List<String> log) {
        List<String> containers = matches(log, RUNNING_IN);
        List<String> stepImages = matches(log, STEP_IMAGE).subList(1, matches(log, STEP_IMAGE).size());
        assertThat("the RUN step ran in a container", containers, not(empty()));
        assertThat("the COPY step made an image", stepImages, not(empty()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(containers.stream().filter(c -> DockerCli.exists("container", c)).toList(), empty());
            assertThat(stepImages.stream().filter(i -> DockerCli.exists("image", i)).toList(), empty());
        });
        assertThat(DockerCli.run("images", "-aq", "--filter", "label=io.cloudunit.build=" + id), equalTo(""));
        assertThat(DockerCli.exists("image", "cloudunit/" + TENANT + "/ticks:b" + Api.build(TENANT, "ticks", id)
                .path("number").asText()), equalTo(false));
    }

    private static List<String> matches(List<String> log, Pattern pattern) {
        return log.stream().map(pattern::matcher).filter(Matcher::matches).map(m -> m.group(1)).toList();
    }

    private static String upload(String app, byte[] body, String contentType) {
        return Api.upload(TENANT, app, body, contentType).then().statusCode(202).extract().path("id");
    }

    private static io.restassured.response.Response cancel(String app, String id) {
        return given().auth().oauth2(Tokens.of("alice")).post(Api.BUILDS + "/{id}/cancel", TENANT, app, id);
    }

    private static List<String> awaitLog(String id, String line) {
        return await().atMost(Duration.ofMinutes(1)).until(() -> storedLog(id), lines -> lines.contains(line));
    }

    private static List<String> storedLog(String id) {
        return Db.column("select line from build_log where build_id = ?::uuid order by seq", id);
    }

    private static String lastLine(String id) {
        List<String> lines = storedLog(id);
        return lines.isEmpty() ? null : lines.get(lines.size() - 1);
    }

    private static long canceledEvents(String id) {
        return Db.count("select count(*) from outbox where type = 'io.cloudunit.build.canceled' and payload like ?",
                "%" + id + "%");
    }

    private static URI logUri(String id) {
        return URI.create("http://127.0.0.1:" + RestAssured.port + "/api/v1/tenants/" + TENANT + "/apps/ticks/builds/"
                + id + "/log");
    }
}

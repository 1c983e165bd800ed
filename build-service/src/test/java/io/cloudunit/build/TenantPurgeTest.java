package io.cloudunit.build;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.cloudunit.build.build.BuildService;
import io.cloudunit.build.support.Api;
import io.cloudunit.build.support.BuildsTopic;
import io.cloudunit.build.support.Db;
import io.cloudunit.build.support.DockerCli;
import io.cloudunit.build.support.Jars;
import io.cloudunit.build.support.Names;
import io.cloudunit.build.support.Stub;
import io.cloudunit.build.support.TenantServiceStub;
import io.cloudunit.build.worker.BuildWorker;
import io.cloudunit.platform.events.CloudEvent;
import io.cloudunit.platform.events.EventJson;
import io.cloudunit.platform.events.EventType;
import io.cloudunit.platform.events.KafkaCloudEvents;
import io.cloudunit.platform.events.PlatformEvent;
import io.cloudunit.platform.events.TenantEvent;
import io.cloudunit.platform.events.Topics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;

/**
 * tenant.deletion-requested against the real engine, database and Kafka: everything of the tenant goes (a
 * queued build, finished builds, their logs, images and the artifact only it used), nothing of another tenant,
 * and tenant.purged is the answer, once. A container still using one of the images makes the engine refuse a
 * step: the purge stays pending and completes on a later pass.
 */
@QuarkusTest
@TestProfile(TenantPurgeTest.WorkerWakesOnlyOnUploads.class)
@WithTestResource(TenantServiceStub.class)
class TenantPurgeTest {
    static final String TENANT = Names.unique("tp");
    static final String OTHER = Names.unique("to");
    static final Duration PURGE = Duration.ofSeconds(60);

    /**
     * The queue is polled only after an upload or a finished build (not every 250 ms), so a build queued through
     * the service stays queued; pending purges are retried every second.
     */
    public static class WorkerWakesOnlyOnUploads implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cloudunit.build.poll-interval", "1h", "cloudunit.build.purge-interval", "1s");
        }
    }

    static KafkaProducer<String, String> producer;

    @Inject
    BuildService builds;

    @Inject
    BuildWorker worker;

    @AfterEach
    void resumeTheWorker() {
        worker.resume();
    }

    @BeforeAll
    static void setUp() {
        Stub.app(TENANT, "web", "java", "alice");
        Stub.app(TENANT, "api", "java", "alice");
        Stub.app(OTHER, "web", "java", "alice");
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    @AfterAll
    static void tearDown() {
        producer.close();
        DockerCli.removeTenant(TENANT);
        DockerCli.removeTenant(OTHER);
    }

    @Test
    void aDeletionRequestRemovesEverythingOfTheTenantAndNothingOfAnother() throws Throwable {
        byte[] own = Jars.runnableHello("only " + TENANT);
        byte[] shared = Jars.runnableHello("shared by " + TENANT + " and " + OTHER);
        String web = succeeded(TENANT, "web", own);
        String api = succeeded(TENANT, "api", shared);
        String others = succeeded(OTHER, "web", shared);
        // Kept queued until the deletion is recorded; from then on the worker never claims the tenant's builds.
        worker.pause();
        String queued = VertxContextSupport.subscribeAndAwait(() -> builds.queue(TENANT, "web", "java",
                Api.sha256(own))).id().toString();
        assertThat(Db.single("select status from build where id = ?::uuid", queued), equalTo("QUEUED"));
        assertThat(tenantImages(TENANT), hasSize(2));
        assertThat(logLines(web), not(equalTo(0L)));
        Path ownArtifact = Api.dataDir().resolve("artifacts").resolve(Api.sha256(own));
        Path sharedArtifact = Api.dataDir().resolve("artifacts").resolve(Api.sha256(shared));
        assertThat(Files.exists(ownArtifact) && Files.exists(sharedArtifact), equalTo(true));
        // The engine will refuse to remove an image a container uses: the purge must wait, not skip it.
        String blocker = DockerCli.run("create", "--label", DockerCli.TEST_LABEL,
                "--label", "io.cloudunit.tenant=" + TENANT, "cloudunit/" + TENANT + "/web:b1");

        CloudEvent request = envelope(new TenantEvent.DeletionRequested(TENANT, "alice"));
        try (BuildsTopic tenants = new BuildsTopic("test." + Topics.TENANTS)) {
            produce(request);
            produce(request);

            await().atMost(PURGE).until(() -> Db.count("select count(*) from tenant_purge where tenant = ?",
                    TENANT) == 1);
            worker.resume();
            Api.upload(TENANT, "web", own).then().statusCode(409)
                    .contentType(startsWith("application/problem+json"))
                    .body("status", equalTo(409))
                    .body("detail", equalTo("tenant '" + TENANT + "' is being deleted"));

            await().atMost(PURGE).until(() -> Db.column("select last_error from tenant_purge where tenant = ?",
                    TENANT).get(0) != null);
            assertThat(Db.single("select last_error from tenant_purge where tenant = ?", TENANT),
                    containsString("cannot remove image cloudunit/" + TENANT + "/web:b1"));
            assertThat("pending", Db.column("select done_at from tenant_purge where tenant = ?", TENANT).get(0),
                    nullValue());
            assertThat(purgedInOutbox(TENANT), equalTo(0L));
            assertThat("the queued build was canceled first", Db.single("select status || ': ' || reason "
                    + "from build where id = ?::uuid", queued), equalTo("CANCELED: the tenant is being deleted"));
            assertThat(Db.count("select count(*) from outbox where type = 'io.cloudunit.build.canceled' "
                    + "and payload like ?", "%" + queued + "%"), equalTo(1L));

            DockerCli.run("rm", blocker);

            List<ConsumerRecord<String, String>> purged = await().atMost(PURGE).until(
                    () -> tenants.poll(TENANT).stream()
                            .filter(r -> "io.cloudunit.tenant.purged".equals(BuildsTopic.header(r, KafkaCloudEvents.TYPE)))
                            .toList(), found -> !found.isEmpty());
            assertThat(purged, hasSize(1));
            assertThat(BuildsTopic.header(purged.get(0), KafkaCloudEvents.SOURCE), equalTo("/services/build-service"));
            assertThat(EventJson.read(purged.get(0).value(), TenantEvent.Purged.class),
                    equalTo(new TenantEvent.Purged(TENANT, "build-service")));
        }

        assertThat("one effect for the event delivered twice", processed(request), equalTo(1L));
        assertThat(purgedInOutbox(TENANT), equalTo(1L));
        assertThat(Db.column("select done_at from tenant_purge where tenant = ?", TENANT).get(0), not(nullValue()));
        assertThat(Db.count("select count(*) from build where tenant = ?", TENANT), equalTo(0L));
        for (String id : List.of(web, api, queued)) {
            assertThat(logLines(id), equalTo(0L));
        }
        assertThat("the tenant's images are gone", tenantImages(TENANT), equalTo(List.of()));
        assertThat("its own artifact is gone", Files.exists(ownArtifact), equalTo(false));
        assertThat("the shared one stays: another tenant's build uses it", Files.exists(sharedArtifact),
                equalTo(true));

        assertThat(Api.build(OTHER, "web", others).path("status").asText(), equalTo("succeeded"));
        assertThat(DockerCli.run("image", "inspect", "--format", "{{.Id}}", "cloudunit/" + OTHER + "/web:b1"),
                not(emptyString()));
        assertThat(tenantImages(OTHER), hasSize(1));

        Api.upload(TENANT, "api", shared).then().statusCode(409)
                .body("detail", equalTo("tenant '" + TENANT + "' is being deleted"));
        assertThat(Db.count("select count(*) from build where tenant = ?", TENANT), equalTo(0L));
    }

    private static String succeeded(String tenant, String app, byte[] jar) {
        String id = Api.upload(tenant, app, jar).then().statusCode(202).extract().path("id");
        assertThat(Api.awaitFinished(tenant, app, id).path("status").asText(), equalTo("succeeded"));
        return id;
    }

    private static List<String> tenantImages(String tenant) {
        return DockerCli.run("images", "-q", "--filter", "label=io.cloudunit.tenant=" + tenant).lines().distinct()
                .toList();
    }

    private static long logLines(String buildId) {
        return Db.count("select count(*) from build_log where build_id = ?::uuid", buildId);
    }

    private static long purgedInOutbox(String tenant) {
        return Db.count("select count(*) from outbox where type = 'io.cloudunit.tenant.purged' and tenant = ?",
                tenant);
    }

    private static CloudEvent envelope(PlatformEvent event) {
        return new CloudEvent(UUID.randomUUID(), EventType.of(event).type(), "/services/tenant-service",
                event.subject(), event.tenant(), OffsetDateTime.now(), EventJson.write(event));
    }

    private static void produce(CloudEvent event) {
        try {
            producer.send(KafkaCloudEvents.toRecord("test." + event.topic(), event)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long processed(CloudEvent event) {
        return Db.count("select count(*) from inbox where consumer = 'build-service' and event_id = ?", event.id());
    }
}

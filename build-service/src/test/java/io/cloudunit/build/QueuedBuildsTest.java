package io.cloudunit.build;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.cloudunit.build.build.BuildService;
import io.cloudunit.build.build.BuildTransitions;
import io.cloudunit.build.support.Api;
import io.cloudunit.build.support.Db;
import io.cloudunit.build.support.Jars;
import io.cloudunit.build.support.Names;
import io.cloudunit.build.support.Stub;
import io.cloudunit.build.support.TenantServiceStub;
import io.cloudunit.platform.events.AppEvent;
import io.cloudunit.platform.events.CloudEvent;
import io.cloudunit.platform.events.EventJson;
import io.cloudunit.platform.events.EventType;
import io.cloudunit.platform.events.KafkaCloudEvents;
import io.cloudunit.platform.events.PlatformEvent;
import io.cloudunit.platform.events.TenantEvent;
import io.cloudunit.platform.events.Topics;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * What happens to builds that wait: canceled once when their app or tenant is deleted (inbox), and the
 * outbox row of a queued build exists exactly when the build does. No build slot, so nothing starts.
 */
@QuarkusTest
@TestProfile(NoBuildSlots.class)
@WithTestResource(TenantServiceStub.class)
class QueuedBuildsTest {
    static final String TENANT = Names.unique("qb");
    static final String OTHER_TENANT = Names.unique("qt");
    static final String SHA = "ab".repeat(32);

    static KafkaProducer<String, String> producer;

    @Inject
    BuildService builds;
    @Inject
    BuildTransitions transitions;

    @BeforeAll
    static void setUp() {
        for (String app : List.of("doomed", "kept")) {
            Stub.app(TENANT, app, "java", "alice");
        }
        for (String app : List.of("one", "two")) {
            Stub.app(OTHER_TENANT, app, "java", "alice");
        }
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    /** What is still queued would be built by the next test run, which has build slots: cancel it. */
    @AfterAll
    static void tearDown() {
        producer.close();
        Db.update("update build set status = 'CANCELED', reason = 'test over', finished_at = now() "
                + "where tenant in (?, ?) and status = 'QUEUED'", TENANT, OTHER_TENANT);
    }

    @Test
    void theSameAppDeletedEventTwiceCancelsItsQueuedBuildsOnce() throws Exception {
        String first = queue(TENANT, "doomed");
        String second = queue(TENANT, "doomed");
        String kept = queue(TENANT, "kept");
        assertThat(Api.build(TENANT, "doomed", first).path("status").asText(), equalTo("queued"));

        CloudEvent deleted = envelope(new AppEvent.Deleted(TENANT, "doomed"));
        produce(Topics.APPS, deleted);
        produce(Topics.APPS, deleted);
        // same key, so same partition, so processed after both copies: once it is in, both copies were handled
        CloudEvent marker = envelope(new AppEvent.Updated(TENANT, "doomed",
                new AppEvent.Spec("java", 256, 0.5, 1, "/")));
        produce(Topics.APPS, marker);
        await().atMost(Duration.ofSeconds(60)).until(() -> processed(marker) == 1);

        assertThat(processed(deleted), equalTo(1L));
        for (String id : List.of(first, second)) {
            var build = Api.build(TENANT, "doomed", id);
            assertThat(build.path("status").asText(), equalTo("canceled"));
            assertThat(build.path("reason").asText(), equalTo("the app was deleted"));
            assertThat("one build.canceled per build", canceledEvents(id), equalTo(1L));
        }
        assertThat("other apps keep their builds", Api.build(TENANT, "kept", kept).path("status").asText(),
                equalTo("queued"));
        assertThat(canceledEvents(kept), equalTo(0L));
    }

    @Test
    void aDeletedTenantLosesTheQueuedBuildsOfAllItsApps() {
        String one = queue(OTHER_TENANT, "one");
        String two = queue(OTHER_TENANT, "two");
        CloudEvent deleted = envelope(new TenantEvent.Deleted(OTHER_TENANT));
        produce(Topics.TENANTS, deleted);
        produce(Topics.TENANTS, deleted);

        await().atMost(Duration.ofSeconds(60)).until(() -> canceledEvents(one) == 1 && canceledEvents(two) == 1);
        assertThat(Api.build(OTHER_TENANT, "two", two).path("reason").asText(), equalTo("the tenant was deleted"));
        assertThat(processed(deleted), equalTo(1L));
    }

    @Test
    void aBuildAndItsEventCommitTogetherOrNotAtAll() throws Throwable {
        String app = "tx" + UUID.randomUUID().toString().substring(0, 8);
        IllegalStateException boom = assertThrows(IllegalStateException.class, () -> VertxContextSupport.subscribeAndAwait(
                () -> Panache.withTransaction(() -> builds.queue(TENANT, app, "java", SHA)
                        .chain(build -> Uni.createFrom().failure(new IllegalStateException("boom"))))));
        assertThat(boom.getMessage(), equalTo("boom"));
        assertThat("no build row", Db.count("select count(*) from build where tenant = ? and app = ?", TENANT, app),
                equalTo(0L));
        assertThat("no outbox row", Db.count("select count(*) from outbox where subject = ?", TENANT + "/" + app),
                equalTo(0L));

        var build = VertxContextSupport.subscribeAndAwait(() -> builds.queue(TENANT, app, "java", SHA));
        assertThat(Db.count("select count(*) from build where id = ?", build.id()), equalTo(1L));
        assertThat(Db.single("select type from outbox where subject = ?", TENANT + "/" + app),
                equalTo("io.cloudunit.build.queued"));
        assertThat(build.number(), equalTo(1L));
    }

    @Test
    void buildsLeftRunningByADeadInstanceFail() throws Throwable {
        String app = "ab" + UUID.randomUUID().toString().substring(0, 8);
        UUID id = UUID.randomUUID();
        Db.update("insert into build (id, tenant, app, number, stack, artifact_sha256, status, created_at, started_at) "
                + "values (?, ?, ?, 1, 'java', ?, 'RUNNING', now(), now())", id, TENANT, app, SHA);

        VertxContextSupport.subscribeAndAwait(transitions::failAbandoned);

        assertThat(Db.single("select status from build where id = ?", id), equalTo("FAILED"));
        assertThat(Db.single("select reason from build where id = ?", id), equalTo(BuildTransitions.RESTARTED));
        assertThat(Db.single("select type from outbox where payload like ?", "%" + id + "%"),
                equalTo("io.cloudunit.build.failed"));
    }

    private static String queue(String tenant, String app) {
        return Api.upload(tenant, app, Jars.runnableHello()).then().statusCode(202).extract().path("id");
    }

    private static CloudEvent envelope(PlatformEvent event) {
        return new CloudEvent(UUID.randomUUID(), EventType.of(event).type(), "/services/tenant-service",
                event.subject(), event.tenant(), OffsetDateTime.now(), EventJson.write(event));
    }

    private static void produce(String topic, CloudEvent event) {
        try {
            producer.send(KafkaCloudEvents.toRecord("test." + topic, event)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long processed(CloudEvent event) {
        return Db.count("select count(*) from inbox where consumer = 'build-service' and event_id = ?", event.id());
    }

    private static long canceledEvents(String buildId) {
        return Db.count("select count(*) from outbox where type = 'io.cloudunit.build.canceled' and payload like ?",
                "%" + buildId + "%");
    }
}

package io.cloudunit.deployer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.cloudunit.deployer.release.ReleaseService;
import io.cloudunit.deployer.runtime.Blocking;
import io.cloudunit.deployer.support.Db;
import io.cloudunit.deployer.support.Events;
import io.cloudunit.deployer.support.Names;
import io.cloudunit.deployer.support.TenantServiceStub;
import io.cloudunit.platform.events.BuildEvent;
import io.cloudunit.platform.events.CloudEvent;
import io.cloudunit.platform.events.KafkaCloudEvents;
import io.cloudunit.platform.events.Topics;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

/** The transactional outbox and the idempotent inbox of the deployer, against the real PostgreSQL and Kafka. */
@QuarkusTest
@WithTestResource(TenantServiceStub.class)
class OutboxAndInboxTest {
    static final String TENANT = Names.unique("t");
    static Events events;

    @Inject
    ReleaseService releases;

    @BeforeAll
    static void listen() {
        events = new Events(List.of(Events.topic(Topics.DEPLOYMENTS), Events.topic(Topics.BUILDS) + ".dlq"),
                List.of(TENANT, "Bad_Tenant"));
    }

    @AfterAll
    static void cleanUp() {
        events.close();
        // No app spec ever arrives for these apps: their deployments would stay PENDING forever.
        Db.forgetTenant(TENANT);
    }

    @Test
    void aReleaseAndItsEventsCommitTogetherOrNotAtAll() {
        BuildEvent.Succeeded doomed = build("atomic", 1);
        assertThatThrownBy(() -> Blocking.await(() -> Panache.withTransaction(() -> releases.releaseBuild(doomed)
                .chain(() -> Uni.createFrom().failure(new IllegalStateException("crash after the insert"))))))
                .hasMessageContaining("crash after the insert");
        assertThat(releaseCount("atomic")).isZero();
        assertThat(outboxCount("atomic")).isZero();
        assertThat(Db.count("select count(*) from deployer.deployment where tenant = ? and app = 'atomic'", TENANT))
                .isZero();

        BuildEvent.Succeeded build = build("atomic", 2);
        Blocking.await(() -> releases.releaseBuild(build));

        assertThat(releaseCount("atomic")).isEqualTo(1);
        assertThat(Db.string("select reason from deployer.release where tenant = ? and app = 'atomic'", TENANT))
                .isEqualTo("build b2");
        assertThat(outboxCount("atomic")).isEqualTo(2);
        assertThat(Db.string("select status from deployer.deployment where tenant = ? and app = 'atomic'", TENANT))
                .isEqualTo("PENDING");

        // The relay publishes both rows, in order, as binary-mode CloudEvents.
        String subject = TENANT + "/atomic";
        await().atMost(Duration.ofSeconds(20)).until(() -> events.about(subject).size() >= 2);
        List<Events.Seen> seen = events.about(subject);
        assertThat(seen).extracting(Events.Seen::shortType).containsExactly("release.created", "deployment.started");
        Events.Seen created = seen.get(0);
        assertThat(created.id()).isEqualTo(Db.string(
                "select id::text from deployer.outbox where subject = ? and type = 'io.cloudunit.release.created'",
                subject));
        assertThat(created.specVersion()).isEqualTo("1.0");
        assertThat(created.type()).isEqualTo("io.cloudunit.release.created");
        assertThat(created.source()).isEqualTo("/services/deployer-service");
        assertThat(created.subject()).isEqualTo(subject);
        assertThat(created.tenant()).isEqualTo(TENANT);
        assertThat(OffsetDateTime.parse(created.time())).isBefore(OffsetDateTime.now().plusSeconds(1));
        assertThat(created.data().get("version").asInt()).isEqualTo(1);
        assertThat(created.data().get("buildId").asText()).isEqualTo(build.buildId().toString());
        assertThat(created.data().get("image").asText()).isEqualTo(build.image());
        assertThat(created.data().get("reason").asText()).isEqualTo("build b2");
        await().atMost(Duration.ofSeconds(10)).until(() -> Db.count(
                "select count(*) from deployer.outbox where subject = ? and sent_at is null", subject) == 0);

        // Numbered per tenant without a gap: the rolled-back transaction gave its numbers back.
        assertThat(Long.parseLong(seen.get(1).sequence())).isEqualTo(Long.parseLong(created.sequence()) + 1);
        assertThat(Db.count("select count(*) from deployer.outbox where tenant = ?", TENANT))
                .isEqualTo(Db.count("select max(sequence) from deployer.outbox where tenant = ?", TENANT));
    }

    @Test
    void eventsEmittedAfterConsumingAnotherSourcesEventNameItsSequence() {
        CloudEvent build = CloudEvent.wrap(build("causal", 1), "/services/build-service").sequenced(41, Map.of());
        events.send(build);

        String subject = TENANT + "/causal";
        await().atMost(Duration.ofSeconds(30)).until(() -> events.about(subject, "release.created").size() == 1);
        assertThat(events.about(subject, "release.created").get(0).after())
                .isEqualTo("/services/build-service=41");
        assertThat(Db.count("select last_value from deployer.seen_sequence where tenant = ? and source = ?", TENANT,
                "/services/build-service")).isEqualTo(41);
    }

    @Test
    void theSameBuildEventDeliveredTwiceMakesOneRelease() {
        CloudEvent once = CloudEvent.wrap(build("twice", 7), "/services/build-service");
        events.send(once);
        events.send(once);
        // Same key, same partition: once this later event is processed, both copies were.
        CloudEvent marker = events.send(new BuildEvent.Failed(TENANT, "twice", UUID.randomUUID(), 8, "test marker"));
        await().atMost(Duration.ofSeconds(30)).until(() -> Db.count(
                "select count(*) from deployer.inbox where event_id = ?", UUID.fromString(marker.id().toString())) == 1);

        assertThat(releaseCount("twice")).isEqualTo(1);
        assertThat(Db.count("select count(*) from deployer.deployment where tenant = ? and app = 'twice'", TENANT))
                .isEqualTo(1);
        assertThat(Db.count("select count(*) from deployer.inbox where event_id = ?", once.id())).isEqualTo(1);
        assertThat(outboxCount("twice")).isEqualTo(2);
    }

    @Test
    void undecodableOrInvalidEventsGoToTheDeadLetterTopicAndChangeNothing() {
        CloudEvent valid = CloudEvent.wrap(build("broken", 1), "/services/build-service");
        ProducerRecord<String, String> record = KafkaCloudEvents.toRecord(Events.topic(Topics.BUILDS), valid);
        events.sendRaw(new ProducerRecord<>(record.topic(), null, record.key(), "{not json", record.headers()));
        CloudEvent badName = CloudEvent.wrap(new BuildEvent.Succeeded("Bad_Tenant", "broken", UUID.randomUUID(), 1,
                "cloudunit-test/none:1", "sha256:0", null), "/services/build-service");
        events.send(badName);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(events.about(TENANT + "/broken")).extracting(Events.Seen::topic)
                    .contains(Events.topic(Topics.BUILDS) + ".dlq");
            assertThat(events.about("Bad_Tenant/broken")).extracting(Events.Seen::topic)
                    .contains(Events.topic(Topics.BUILDS) + ".dlq");
        });
        assertThat(releaseCount("broken")).isZero();
        assertThat(Db.count("select count(*) from deployer.release where tenant = 'Bad_Tenant'")).isZero();
    }

    private BuildEvent.Succeeded build(String app, long number) {
        return new BuildEvent.Succeeded(TENANT, app, UUID.randomUUID(), number,
                "cloudunit/" + TENANT + "/" + app + ":b" + number, "sha256:" + UUID.randomUUID(), null);
    }

    private static long releaseCount(String app) {
        return Db.count("select count(*) from deployer.release where tenant = ? and app = ?", TENANT, app);
    }

    private static long outboxCount(String app) {
        return Db.count("select count(*) from deployer.outbox where subject = ?", TENANT + "/" + app);
    }
}

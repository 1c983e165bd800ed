package io.cloudunit.build;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.cloudunit.build.build.BuildService;
import io.cloudunit.build.support.Api;
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
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;

/**
 * tenant.suspended and tenant.reinstated from the real topic (ADR 14): while the tenant is suspended its uploads
 * answer 409 with the reason and nothing is stored, and its queued build is not started; once it is reinstated
 * that build runs, and uploads are accepted again. Another tenant's builds never wait.
 */
@QuarkusTest
@TestProfile(TenantPurgeTest.WorkerWakesOnlyOnUploads.class)
@WithTestResource(TenantServiceStub.class)
class TenantSuspensionTest {
    static final String TENANT = Names.unique("ts");
    static final String OTHER = Names.unique("tn");
    static final Duration WAIT = Duration.ofSeconds(60);
    static KafkaProducer<String, String> producer;

    @Inject
    BuildService builds;

    @Inject
    BuildWorker worker;

    @BeforeAll
    static void setUp() {
        Stub.app(TENANT, "web", "java", "alice");
        Stub.app(OTHER, "web", "java", "alice");
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    @AfterEach
    void resumeTheWorker() {
        worker.resume();
    }

    @AfterAll
    static void tearDown() {
        producer.close();
        DockerCli.removeTenant(TENANT);
        DockerCli.removeTenant(OTHER);
    }

    @Test
    void aSuspendedTenantsUploadsAreRefusedAndItsQueuedBuildWaitsForTheReinstatement() throws Throwable {
        byte[] jar = Jars.runnableHello("suspended " + TENANT);
        String artifact = storedArtifact(jar);
        worker.pause();
        String queued = VertxContextSupport.subscribeAndAwait(() -> builds.queue(TENANT, "web", "java", artifact))
                .id().toString();

        produce(new TenantEvent.Suspended(TENANT, "unpaid invoice"));
        await().atMost(WAIT).until(() -> Db.count("select count(*) from tenant_suspension where tenant = ?",
                TENANT) == 1);

        Api.upload(TENANT, "web", jar).then().statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("tenant '" + TENANT + "' is suspended (reason: unpaid invoice): its apps "
                        + "are stopped and nothing new is accepted until it is reinstated; contact a platform "
                        + "administrator"));
        assertThat("the refused upload left no build", Db.count("select count(*) from build where tenant = ?",
                TENANT), equalTo(1L));

        worker.resume();
        String other = Api.upload(OTHER, "web", Jars.runnableHello("not suspended " + OTHER)).then().statusCode(202)
                .extract().path("id");
        assertThat("another tenant builds meanwhile", Api.awaitFinished(OTHER, "web", other).path("status").asText(),
                equalTo("succeeded"));
        assertThat("the suspended tenant's build was not started", status(queued), equalTo("QUEUED"));

        produce(new TenantEvent.Reinstated(TENANT));
        assertThat("it runs once the tenant is reinstated", Api.awaitFinished(TENANT, "web", queued)
                .path("status").asText(), equalTo("succeeded"));
        assertThat(Db.count("select count(*) from tenant_suspension where tenant = ?", TENANT), equalTo(0L));
        Api.upload(TENANT, "web", jar).then().statusCode(202);
    }

    @Test
    void aTenantCreatedAgainUnderASuspendedTenantsNameIsNotSuspended() {
        String reused = Names.unique("tr");
        produce(new TenantEvent.Suspended(reused, "abuse"));
        await().atMost(WAIT).until(() -> Db.count("select count(*) from tenant_suspension where tenant = ?",
                reused) == 1);

        produce(new TenantEvent.Created(reused, reused, "sub", "alice"));

        await().atMost(WAIT).until(() -> Db.count("select count(*) from tenant_suspension where tenant = ?",
                reused) == 0);
    }

    /** The artifact a build queued without an upload refers to: uploaded once through another tenant. */
    private static String storedArtifact(byte[] jar) {
        String id = Api.upload(OTHER, "web", jar).then().statusCode(202).extract().path("id");
        assertThat(Api.awaitFinished(OTHER, "web", id).path("status").asText(), equalTo("succeeded"));
        return Api.sha256(jar);
    }

    private static String status(String buildId) {
        return Db.single("select status from build where id = ?::uuid", buildId);
    }

    private static void produce(PlatformEvent event) {
        CloudEvent envelope = new CloudEvent(UUID.randomUUID(), EventType.of(event).type(),
                "/services/tenant-service", event.subject(), event.tenant(), OffsetDateTime.now(),
                EventJson.write(event));
        try {
            producer.send(KafkaCloudEvents.toRecord("test." + envelope.topic(), envelope)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

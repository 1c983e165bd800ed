package io.cloudunit.tenant;

import static io.cloudunit.tenant.Fixtures.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.cloudunit.platform.events.CloudEvent;
import io.cloudunit.platform.events.InstanceEvent;
import io.cloudunit.platform.events.KafkaCloudEvents;
import io.cloudunit.tenant.usage.InstanceEventConsumer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Usage follows the real instances topic, and a redelivered event has one effect. */
@QuarkusTest
class InboxTest {
    private static final String TOPIC = "test.cloudunit.instances";
    private static final String DEPLOYER = "/services/deployer-service";

    @AfterAll
    static void cleanUp() {
        Fixtures.cleanUp();
    }

    @Test
    void theSameInstanceStartedTwiceCountsOnce() throws Exception {
        String tenant = Fixtures.tenantOf("alice");
        String app = Fixtures.name("a");
        as("alice").contentType(ContentType.JSON).body(Map.of("name", app, "stack", "java", "memoryMb", 256))
                .post("/api/v1/tenants/{t}/apps", tenant).then().statusCode(201);
        String instance = "cu-" + tenant + "-" + app + "-v1-1";
        String other = "cu-" + tenant + "-" + app + "-v1-2";

        CloudEvent started = CloudEvent.wrap(new InstanceEvent.Started(tenant, app, instance, 1, "172.18.0.2:8080",
                true), DEPLOYER);
        TestKafka.send(List.of(record(started), record(started)));
        awaitProcessed(started);
        // A later event of the same app (same key, same partition) is processed after both copies.
        CloudEvent unhealthy = CloudEvent.wrap(new InstanceEvent.Unhealthy(tenant, app, instance, 1, "timeout"),
                DEPLOYER);
        TestKafka.send(List.of(record(unhealthy)));
        awaitProcessed(unhealthy);

        assertUsage(tenant, 1, 256);
        assertEquals(1, TestDb.count("select count(*) from tenant.inbox where event_id = ?", started.id()));
        assertEquals(1, TestDb.count("select count(*) from tenant.instance_usage where tenant = ?", tenant));

        CloudEvent second = CloudEvent.wrap(new InstanceEvent.Started(tenant, app, other, 1,
                "172.18.0.3:8080", true), DEPLOYER);
        TestKafka.send(List.of(record(second)));
        awaitProcessed(second);
        assertUsage(tenant, 2, 512);

        CloudEvent stopped = CloudEvent.wrap(new InstanceEvent.Stopped(tenant, app, instance, 1), DEPLOYER);
        CloudEvent crashed = CloudEvent.wrap(new InstanceEvent.OomKilled(tenant, app, other,
                1), DEPLOYER);
        TestKafka.send(List.of(record(stopped), record(crashed), record(stopped)));
        awaitProcessed(crashed);
        assertUsage(tenant, 0, 0);
    }

    @Test
    void aRecordThatIsNotACloudEventGoesToTheDeadLetterTopic() throws Exception {
        long since = System.currentTimeMillis();
        String key = "garbage-" + UUID.randomUUID();
        TestKafka.send(List.of(new ProducerRecord<>(TOPIC, key, "{\"not\": \"a cloud event\"}")));
        var dead = TestKafka.awaitRecords(TOPIC + ".dlq", since, 1, record -> key.equals(record.key())).get(0);
        assertEquals(true, TestKafka.header(dead, "dead-letter-reason").orElse("").contains("ce_id"));
    }

    private static ProducerRecord<String, String> record(CloudEvent event) {
        return KafkaCloudEvents.toRecord(TOPIC, event);
    }

    private static void awaitProcessed(CloudEvent event) {
        await().atMost(Duration.ofSeconds(60)).until(() -> TestDb.count(
                "select count(*) from tenant.inbox where consumer = ? and event_id = ?",
                InstanceEventConsumer.CONSUMER, event.id()) == 1);
    }

    private static void assertUsage(String tenant, int instances, int memoryMb) {
        as("alice").get("/api/v1/tenants/{t}/quota", tenant).then().statusCode(200)
                .body("usage.instances", org.hamcrest.Matchers.equalTo(instances))
                .body("usage.memoryMb", org.hamcrest.Matchers.equalTo(memoryMb))
                .body("usage.apps", org.hamcrest.Matchers.equalTo(1));
    }
}

package io.cloudunit.tenant;

import static io.cloudunit.tenant.Fixtures.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.cloudunit.platform.events.KafkaCloudEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Each change and its events commit together, and the relay brings the events to the real topics. */
@QuarkusTest
class OutboxTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterAll
    static void cleanUp() {
        Fixtures.cleanUp();
    }

    @Test
    void creatingATenantAndAnAppWritesTheirEventsAndTheRelayPublishesThem() throws Exception {
        long since = System.currentTimeMillis();
        String tenant = Fixtures.tenantOf("alice");
        String app = Fixtures.name("a");
        as("alice").contentType(ContentType.JSON).body(Map.of("name", app, "stack", "java", "memoryMb", 256))
                .post("/api/v1/tenants/{t}/apps", tenant).then().statusCode(201);

        // In this service's own schema, beside the rows they announce.
        assertEquals(1, TestDb.count("select count(*) from tenant.tenants where name = ?", tenant));
        List<Object[]> rows = TestDb.rows("select type, subject, event_key, topic, id::text from tenant.outbox "
                + "where tenant = ? order by seq", tenant);
        assertEquals(List.of("io.cloudunit.tenant.created", "io.cloudunit.member.added", "io.cloudunit.app.created"),
                rows.stream().map(row -> row[0]).toList());
        assertEquals(List.of(tenant, tenant, tenant + "/" + app), rows.stream().map(row -> row[1]).toList());
        assertEquals(List.of("cloudunit.tenants", "cloudunit.tenants", "cloudunit.apps"),
                rows.stream().map(row -> row[3]).toList());

        List<ConsumerRecord<String, String>> tenantRecords = TestKafka.awaitRecords("test.cloudunit.tenants", since,
                2, record -> tenant.equals(record.key()));
        ConsumerRecord<String, String> created = tenantRecords.get(0);
        assertEquals("io.cloudunit.tenant.created", header(created, KafkaCloudEvents.TYPE));
        assertEquals(rows.get(0)[4], header(created, KafkaCloudEvents.ID));
        assertEquals("1.0", header(created, KafkaCloudEvents.SPEC_VERSION));
        assertEquals("/services/tenant-service", header(created, KafkaCloudEvents.SOURCE));
        assertEquals(tenant, header(created, KafkaCloudEvents.SUBJECT));
        assertEquals(tenant, header(created, KafkaCloudEvents.TENANT));
        assertEquals("application/json", header(created, KafkaCloudEvents.CONTENT_TYPE));
        assertTrue(header(created, KafkaCloudEvents.TIME).matches("\\d{4}-\\d\\d-\\d\\dT.*"));
        JsonNode createdBody = JSON.readTree(created.value());
        assertEquals(tenant, createdBody.get("tenant").asText());
        assertEquals(Tokens.subjectOf("alice"), createdBody.get("ownerId").asText());
        assertEquals("alice", createdBody.get("ownerName").asText());

        ConsumerRecord<String, String> added = tenantRecords.get(1);
        assertEquals("io.cloudunit.member.added", header(added, KafkaCloudEvents.TYPE));
        assertEquals("owner", JSON.readTree(added.value()).get("role").asText());

        ConsumerRecord<String, String> appCreated = TestKafka.awaitRecords("test.cloudunit.apps", since, 1,
                record -> (tenant + "/" + app).equals(record.key())).get(0);
        assertEquals("io.cloudunit.app.created", header(appCreated, KafkaCloudEvents.TYPE));
        assertEquals(tenant + "/" + app, header(appCreated, KafkaCloudEvents.SUBJECT));
        assertEquals(tenant, header(appCreated, KafkaCloudEvents.TENANT));
        JsonNode spec = JSON.readTree(appCreated.value()).get("spec");
        assertEquals("java", spec.get("stack").asText());
        assertEquals(256, spec.get("memoryMb").asInt());
        assertEquals(1, spec.get("replicas").asInt());

        assertEquals(0, TestDb.count("select count(*) from tenant.outbox where tenant = ? and sent_at is null",
                tenant), "the relay marks what it published");
    }

    @Test
    void aTransactionRefusedByTheDatabaseLeavesNoEvent() {
        String tenant = Fixtures.tenantOf("alice");
        String app = Fixtures.appOf("alice", tenant);

        // The service writes app.created before the row; the unique key refuses the row, both roll back.
        as("alice").contentType(ContentType.JSON).body(Map.of("name", app, "stack", "java"))
                .post("/api/v1/tenants/{t}/apps", tenant).then().statusCode(409);
        as("bob").contentType(ContentType.JSON).body(Map.of("name", tenant))
                .post("/api/v1/tenants").then().statusCode(409);

        assertEquals(1, TestDb.count("select count(*) from tenant.outbox where subject = ? and type = ?",
                tenant + "/" + app, "io.cloudunit.app.created"));
        assertEquals(1, TestDb.count("select count(*) from tenant.outbox where subject = ? and type = ?",
                tenant, "io.cloudunit.tenant.created"));
        assertEquals(1, TestDb.count("select count(*) from tenant.outbox where subject = ? and type = ?",
                tenant, "io.cloudunit.member.added"));
        assertEquals(1, TestDb.count("select count(*) from tenant.apps where tenant = ?", tenant));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return TestKafka.header(record, name).orElseThrow(() -> new AssertionError("no header " + name));
    }
}

package io.cloudunit.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class EventCatalogTest {

    @Test
    void everyRecordOfEverySealedAggregateIsInTheCatalog() {
        Set<Class<?>> records = Arrays.stream(PlatformEvent.class.getPermittedSubclasses())
                .flatMap(aggregate -> Stream.of(aggregate.getPermittedSubclasses()))
                .collect(Collectors.toSet());
        Set<Class<?>> cataloged = Arrays.stream(EventType.values()).map(EventType::payloadClass)
                .collect(Collectors.toSet());
        assertEquals(records, cataloged);
        assertEquals(EventType.values().length, records.size());
    }

    @Test
    void typesFollowTheNamingRule() {
        for (EventType type : EventType.values()) {
            assertEquals(true, type.type().matches("io\\.cloudunit\\.[a-z]+\\.[a-z-]+"), type.type());
        }
    }

    @Test
    void anEventSurvivesTheKafkaBindingUnchanged() {
        var succeeded = new BuildEvent.Succeeded("acme", "hello", UUID.randomUUID(), 3, "cloudunit/acme/hello:b3",
                "sha256:abc", "sha256:def");
        CloudEvent envelope = CloudEvent.wrap(succeeded, "/services/build-service");

        var producerRecord = KafkaCloudEvents.toRecord(envelope.topic(), envelope);
        var consumed = new ConsumerRecord<>(producerRecord.topic(), 0, 0L, producerRecord.key(),
                producerRecord.value());
        producerRecord.headers().forEach(h -> consumed.headers().add(h));
        CloudEvent back = KafkaCloudEvents.fromRecord(consumed);

        assertEquals(Topics.BUILDS, producerRecord.topic());
        assertEquals("acme/hello", producerRecord.key());
        assertEquals("io.cloudunit.build.succeeded", back.type());
        assertEquals(envelope.id(), back.id());
        assertEquals(succeeded, back.event().orElseThrow());
    }

    @Test
    void tenantEventsAreKeyedByTenantAndAppEventsByApp() {
        assertEquals("acme", new TenantEvent.Created("acme", "Acme", "sub", "alice").subject());
        assertEquals("acme/hello", new ConfigEvent.Changed("acme", "hello", List.of("A")).subject());
    }

    @Test
    void aRecordWithoutCloudEventHeadersIsRefusedWithTheReason() {
        var bare = new ConsumerRecord<String, String>(Topics.APPS, 0, 0L, "k", "{}");
        var error = assertThrows(IllegalArgumentException.class, () -> KafkaCloudEvents.fromRecord(bare));
        assertNotNull(error.getMessage());
    }

    @Test
    void visitorsDispatchEachRecordToItsOwnMethod() {
        AppEvent.Visitor<String> names = new AppEvent.Visitor<>() {
            public String created(AppEvent.Created e) { return "created"; }
            public String updated(AppEvent.Updated e) { return "updated"; }
            public String scaled(AppEvent.Scaled e) { return "scaled"; }
            public String deleted(AppEvent.Deleted e) { return "deleted"; }
        };
        assertEquals("deleted", new AppEvent.Deleted("acme", "hello").accept(names));
    }
}

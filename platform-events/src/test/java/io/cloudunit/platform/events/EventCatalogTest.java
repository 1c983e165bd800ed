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
    void theActorOfAConfigChangeOrAScaleTravelsAndOlderEventsWithoutItStillRead() {
        var changed = new ConfigEvent.Changed("acme", "hello", List.of("A"), "alice");
        assertEquals(changed, EventJson.read(EventJson.write(changed), ConfigEvent.Changed.class));
        assertEquals(new ConfigEvent.Changed("acme", "hello", List.of("A"), null),
                EventJson.read("{\"tenant\":\"acme\",\"app\":\"hello\",\"names\":[\"A\"]}",
                        ConfigEvent.Changed.class));
        var scaled = new AppEvent.Scaled("acme", "hello", new AppEvent.Spec("java", 256, 0.5, 2, null), "bob");
        assertEquals(scaled, EventJson.read(EventJson.write(scaled), AppEvent.Scaled.class));
    }

    @Test
    void tenantEventsAreKeyedByTenantAndAppEventsByApp() {
        assertEquals("acme", new TenantEvent.Created("acme", "Acme", "sub", "alice").subject());
        assertEquals("acme/hello", new ConfigEvent.Changed("acme", "hello", List.of("A")).subject());
        assertEquals("acme", new TenantEvent.DeletionRequested("acme", "alice").subject());
        assertEquals("acme", new TenantEvent.Purged("acme", "build-service").subject());
    }

    @Test
    void theTenantDeletionSagaEventsAreOnTheTenantsTopic() {
        assertEquals("io.cloudunit.tenant.deletion-requested",
                EventType.of(new TenantEvent.DeletionRequested("acme", "alice")).type());
        assertEquals("io.cloudunit.tenant.purged", EventType.of(new TenantEvent.Purged("acme", "x")).type());
        assertEquals(Topics.TENANTS, EventType.TENANT_DELETION_REQUESTED.topic());
        assertEquals(Topics.TENANTS, EventType.TENANT_PURGED.topic());

        var purged = new TenantEvent.Purged("acme", "deployer-service");
        CloudEvent envelope = CloudEvent.wrap(purged, "/services/deployer-service");
        var producerRecord = KafkaCloudEvents.toRecord(envelope.topic(), envelope);
        var consumed = new ConsumerRecord<>(producerRecord.topic(), 0, 0L, producerRecord.key(),
                producerRecord.value());
        producerRecord.headers().forEach(h -> consumed.headers().add(h));
        assertEquals("acme", producerRecord.key());
        assertEquals(purged, KafkaCloudEvents.fromRecord(consumed).event().orElseThrow());
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

        TenantEvent.Visitor<String> tenants = new TenantEvent.Visitor<>() {
            public String created(TenantEvent.Created e) { return "created"; }
            public String updated(TenantEvent.Updated e) { return "updated"; }
            public String suspended(TenantEvent.Suspended e) { return "suspended"; }
            public String reinstated(TenantEvent.Reinstated e) { return "reinstated"; }
            public String deleted(TenantEvent.Deleted e) { return "deleted"; }
            public String deletionRequested(TenantEvent.DeletionRequested e) { return "deletion-requested"; }
            public String purged(TenantEvent.Purged e) { return "purged"; }
        };
        assertEquals("deletion-requested", new TenantEvent.DeletionRequested("acme", "alice").accept(tenants));
        assertEquals("purged", new TenantEvent.Purged("acme", "build-service").accept(tenants));
        assertEquals("reinstated", new TenantEvent.Reinstated("acme").accept(tenants));
    }

    @Test
    void aSuspensionIsLiftedByTenantReinstatedOnTheTenantsTopic() {
        assertEquals("io.cloudunit.tenant.suspended", EventType.of(new TenantEvent.Suspended("acme", "unpaid")).type());
        assertEquals("io.cloudunit.tenant.reinstated", EventType.of(new TenantEvent.Reinstated("acme")).type());
        assertEquals(Topics.TENANTS, EventType.TENANT_REINSTATED.topic());
        assertEquals("acme", new TenantEvent.Reinstated("acme").subject());
    }
}

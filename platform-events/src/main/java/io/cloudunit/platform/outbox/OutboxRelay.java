package io.cloudunit.platform.outbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import io.cloudunit.platform.events.CloudEvent;
import io.cloudunit.platform.events.KafkaCloudEvents;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Publishes committed outbox rows to Kafka in their commit order and marks them sent once the broker
 * acknowledged them. Rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so a second instance of a
 * service never publishes the same row concurrently; a crash between publish and mark re-publishes,
 * which the consumers' inbox absorbs (at-least-once delivery, exactly-once effect).
 */
@ApplicationScoped
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final String CLAIM = """
            select id, topic, type, source, subject, tenant, occurred_at, payload from outbox
            where sent_at is null order by seq limit :limit for update skip locked""";
    private static final String MARK_SENT = "update outbox set sent_at = now() where id = :id";

    private final OutboxConfig config;
    private volatile KafkaProducer<String, String> producer;

    public OutboxRelay(OutboxConfig config) {
        this.config = config;
    }

    @Scheduled(every = "${cloudunit.outbox.poll-interval:0.1s}", delay = 1,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> relay() {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(this::claim)
                .chain(events -> publishAll(events).replaceWith(events))
                .chain(this::markSent))
                .onFailure().invoke(e -> LOG.warnf("outbox relay pass failed, will retry: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<List<CloudEvent>> claim(Mutiny.Session session) {
        return session.createNativeQuery(CLAIM, Object[].class)
                .setParameter("limit", config.batchSize())
                .getResultList()
                .map(rows -> rows.stream().map(OutboxRelay::toEvent).toList());
    }

    private Uni<Void> publishAll(List<CloudEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Context context = Vertx.currentContext();
        // Sent one after another: with idempotence on, the broker keeps them in order per key anyway,
        // and a failure stops the batch before anything later is marked sent.
        return Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(this::send)
                .collect().last()
                .emitOn(command -> context.runOnContext(ignored -> command.run()))
                .replaceWithVoid();
    }

    private Uni<Void> send(CloudEvent event) {
        return Uni.createFrom().emitter(emitter -> producer().send(
                KafkaCloudEvents.toRecord(config.topicPrefix().orElse("") + event.topic(), event),
                (metadata, error) -> {
                    if (error != null) {
                        emitter.fail(error);
                    } else {
                        emitter.complete(null);
                    }
                }));
    }

    private Uni<Void> markSent(List<CloudEvent> events) {
        return Panache.getSession().chain(session -> Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(event -> session.createNativeQuery(MARK_SENT)
                        .setParameter("id", event.id()).executeUpdate())
                .collect().last()
                .replaceWithVoid());
    }

    private static CloudEvent toEvent(Object[] row) {
        return new CloudEvent((UUID) row[0], (String) row[2], (String) row[3], (String) row[4], (String) row[5],
                toOffsetDateTime(row[6]), (String) row[7]);
    }

    private static OffsetDateTime toOffsetDateTime(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt;
        }
        if (value instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof java.time.LocalDateTime ldt) {
            return ldt.atOffset(ZoneOffset.UTC);
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }

    private KafkaProducer<String, String> producer() {
        if (producer == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = new KafkaProducer<>(Map.of(
                            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                            ProducerConfig.ACKS_CONFIG, "all",
                            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                            ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay",
                            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
                }
            }
        }
        return producer;
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}

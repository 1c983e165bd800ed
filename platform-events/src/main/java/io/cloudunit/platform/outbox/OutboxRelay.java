package io.cloudunit.platform.outbox;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import io.cloudunit.platform.events.CloudEvent;
import io.cloudunit.platform.events.KafkaCloudEvents;
import io.cloudunit.platform.events.Sequences;
import io.cloudunit.platform.vertx.FreshContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
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
            select id, topic, type, source, subject, tenant, occurred_at, payload, sequence, after_sequences
            from outbox
            where sent_at is null order by seq limit :limit for update skip locked""";
    private static final String MARK_SENT = "update outbox set sent_at = now() where id in (:ids)";

    private final OutboxConfig config;
    private final Vertx vertx;
    private final CommitSignal commits;
    private final AtomicBoolean passRunning = new AtomicBoolean();
    private final AtomicBoolean passAgain = new AtomicBoolean();
    private volatile KafkaProducer<String, String> producer;
    private volatile long timerId = -1;

    public OutboxRelay(OutboxConfig config, Vertx vertx, CommitSignal commits) {
        this.config = config;
        this.commits = commits;
        this.vertx = vertx;
    }

    // A pass right after each commit that published, and a Vert.x timer for whatever a lost signal left
    // (not @Scheduled: the scheduler cannot fire more often than once a second).
    void start(@Observes StartupEvent started) {
        commits.onCommit(this::startPass);
        timerId = vertx.setPeriodic(config.pollInterval().toMillis(), id -> startPass());
    }

    /** One pass at a time; a signal arriving during a pass runs another one right after it. */
    private void startPass() {
        if (!passRunning.compareAndSet(false, true)) {
            passAgain.set(true);
            return;
        }
        passAgain.set(false);
        FreshContext.run(vertx, () -> relay().subscribe().with(done -> passEnded(), failure -> passEnded()));
    }

    private void passEnded() {
        passRunning.set(false);
        if (passAgain.get()) {
            startPass();
        }
    }

    /** One pass: claim, publish, mark sent, in one transaction. Failures are logged; the next pass retries. */
    Uni<Void> relay() {
        return Panache.withTransaction(() -> claim()
                .chain(events -> publish(events).replaceWith(events))
                .chain(this::markSent))
                .onFailure().invoke(e -> LOG.warnf("outbox relay pass failed, will retry: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<List<CloudEvent>> claim() {
        return Panache.getSession().chain(session -> session.createNativeQuery(CLAIM, Object[].class)
                .setParameter("limit", config.batchSize())
                .getResultList())
                .map(rows -> rows.stream().map(OutboxRelay::toEvent).toList());
    }

    private Uni<Void> publish(List<CloudEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // The producer may block (metadata of a topic it has not sent to yet): never on the event loop,
        // and never from its own callback thread, which is the one that fetches the metadata.
        Context context = Vertx.currentContext();
        return Uni.createFrom().item(() -> sendAndAwaitAcks(events))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .emitOn(command -> context.runOnContext(ignored -> command.run()))
                .replaceWithVoid();
    }

    /** Sends in claim order (idempotent producer: per-partition order holds) and waits for every ack. */
    private Void sendAndAwaitAcks(List<CloudEvent> events) {
        String prefix = config.topicPrefix().orElse("");
        List<Future<RecordMetadata>> acks = events.stream()
                .map(event -> producer().send(KafkaCloudEvents.toRecord(prefix + event.topic(), event)))
                .toList();
        long timeout = config.ackTimeout().toMillis();
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(timeout, TimeUnit.MILLISECONDS);
            }
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused an event: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge within " + timeout + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Uni<Void> markSent(List<CloudEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.getSession().chain(session -> session.createNativeQuery(MARK_SENT)
                .setParameter("ids", events.stream().map(CloudEvent::id).toList())
                .executeUpdate())
                .replaceWithVoid();
    }

    private static CloudEvent toEvent(Object[] row) {
        return new CloudEvent((UUID) row[0], (String) row[2], (String) row[3], (String) row[4], (String) row[5],
                toOffsetDateTime(row[6]), (String) row[7], row[8] == null ? null : ((Number) row[8]).longValue(),
                Sequences.parse((String) row[9]));
    }

    private static OffsetDateTime toOffsetDateTime(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt;
        }
        if (value instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof LocalDateTime ldt) {
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
                            // A pass sends its whole batch at once, then waits for the acks: lingering would
                            // only delay every event hop (the client's default is 5 ms).
                            ProducerConfig.LINGER_MS_CONFIG, 0,
                            ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay",
                            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
                }
            }
        }
        return producer;
    }

    // Before the datasource pool closes, so no pass starts against a closed pool.
    void stop(@Observes ShutdownEvent stopping) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    @PreDestroy
    void close() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}

package io.cloudunit.platform.outbox;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;

import io.cloudunit.platform.events.CloudEvent;
import io.cloudunit.platform.events.PlatformEvent;
import io.cloudunit.platform.events.Sequences;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Writes events into the service's {@code outbox} table in the caller's transaction, so that an event
 * exists if and only if the change that caused it was committed. {@link OutboxRelay} publishes them.
 * Each event is numbered within its tenant (CloudEvents {@code sequence}) and names the events of other
 * sources it follows ({@code after}), so that a subscriber can put a tenant's events from every topic back
 * in causal order.
 */
@ApplicationScoped
public class Outbox {
    private static final String NEXT_SEQUENCE = """
            insert into outbox_sequence (tenant, last_value) values (:tenant, 1)
            on conflict (tenant) do update set last_value = outbox_sequence.last_value + 1
            returning last_value""";
    private static final String SEEN = "select source, last_value from seen_sequence where tenant = :tenant";
    private static final String LAST = "select last_value from outbox_sequence where tenant = :tenant";
    private static final String INSERT = """
            insert into outbox (id, topic, event_key, type, source, subject, tenant, occurred_at, payload,
                                sequence, after_sequences)
            values (:id, :topic, :key, :type, :source, :subject, :tenant, :time, :payload, :sequence, :after)""";

    // Delivered by PostgreSQL on commit only, once per transaction however many events it published.
    private static final String NOTIFY = "select count(*) from pg_notify(:channel, '')";

    private final String source;
    private final String channel;

    public Outbox(@ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.source = "/services/" + serviceName;
        this.channel = CommitSignal.channel(serviceName);
    }

    public Uni<CloudEvent> publish(PlatformEvent event) {
        CloudEvent unnumbered = CloudEvent.wrap(event, source);
        return Panache.currentTransaction()
                .onItem().ifNull().failWith(() -> new IllegalStateException(
                        "Outbox.publish must run inside the transaction of the change it announces"))
                .chain(tx -> Panache.getSession())
                .chain(session -> numbered(session, unnumbered)
                        .call(envelope -> insert(session, envelope))
                        .call(() -> session.createNativeQuery(NOTIFY, Long.class)
                                .setParameter("channel", channel)
                                .getSingleResult()));
    }

    public String source() {
        return source;
    }

    /**
     * How far this service's events of the tenant go, in the form of the {@code after} extension, for an answer
     * another service acts on ({@link io.cloudunit.platform.events.Sequences#HTTP_HEADER}); empty when it
     * emitted none. Must run inside a session.
     */
    public Uni<Map<String, Long>> emittedSoFar(String tenant) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(LAST, Long.class)
                        .setParameter("tenant", tenant)
                        .getResultList())
                .map(last -> last.isEmpty() ? Map.of() : Map.of(source, last.get(0)));
    }

    // The counter row stays locked until commit: two transactions of one tenant take their numbers, and
    // write their rows, one after the other.
    private static Uni<CloudEvent> numbered(Mutiny.Session session, CloudEvent event) {
        return session.createNativeQuery(NEXT_SEQUENCE, Long.class)
                .setParameter("tenant", event.tenant())
                .getSingleResult()
                .chain(sequence -> seen(session, event.tenant()).map(after -> event.sequenced(sequence, after)));
    }

    private static Uni<Map<String, Long>> seen(Mutiny.Session session, String tenant) {
        return session.createNativeQuery(SEEN, Object[].class)
                .setParameter("tenant", tenant)
                .getResultList()
                .map(Outbox::toMap);
    }

    private static Map<String, Long> toMap(List<Object[]> rows) {
        Map<String, Long> after = new TreeMap<>();
        for (Object[] row : rows) {
            after.put((String) row[0], ((Number) row[1]).longValue());
        }
        return after;
    }

    private static Uni<Integer> insert(Mutiny.Session session, CloudEvent envelope) {
        return session.createNativeQuery(INSERT)
                .setParameter("id", envelope.id())
                .setParameter("topic", envelope.topic())
                .setParameter("key", envelope.subject())
                .setParameter("type", envelope.type())
                .setParameter("source", envelope.source())
                .setParameter("subject", envelope.subject())
                .setParameter("tenant", envelope.tenant())
                .setParameter("time", envelope.time())
                .setParameter("payload", envelope.data())
                .setParameter("sequence", envelope.sequence())
                .setParameter("after", Sequences.format(envelope.after()))
                .executeUpdate();
    }
}

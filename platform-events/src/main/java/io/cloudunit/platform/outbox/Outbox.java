package io.cloudunit.platform.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.cloudunit.platform.events.CloudEvent;
import io.cloudunit.platform.events.PlatformEvent;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Writes events into the service's {@code outbox} table in the caller's transaction, so that an event
 * exists if and only if the change that caused it was committed. {@link OutboxRelay} publishes them.
 */
@ApplicationScoped
public class Outbox {
    private static final String INSERT = """
            insert into outbox (id, topic, event_key, type, source, subject, tenant, occurred_at, payload)
            values (:id, :topic, :key, :type, :source, :subject, :tenant, :time, :payload)""";

    private final String source;

    public Outbox(@ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.source = "/services/" + serviceName;
    }

    public Uni<CloudEvent> publish(PlatformEvent event) {
        CloudEvent envelope = CloudEvent.wrap(event, source);
        return Panache.currentTransaction()
                .onItem().ifNull().failWith(() -> new IllegalStateException(
                        "Outbox.publish must run inside the transaction of the change it announces"))
                .chain(tx -> Panache.getSession())
                .chain(session -> session.createNativeQuery(INSERT)
                        .setParameter("id", envelope.id())
                        .setParameter("topic", envelope.topic())
                        .setParameter("key", envelope.subject())
                        .setParameter("type", envelope.type())
                        .setParameter("source", envelope.source())
                        .setParameter("subject", envelope.subject())
                        .setParameter("tenant", envelope.tenant())
                        .setParameter("time", envelope.time())
                        .setParameter("payload", envelope.data())
                        .executeUpdate())
                .replaceWith(envelope);
    }

    public String source() {
        return source;
    }
}

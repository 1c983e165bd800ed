package io.cloudunit.platform.outbox;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * How far this service has seen other sources' events of each tenant: the {@code after} of every event it emits
 * next ({@link Outbox}). Learnt from consumed events ({@link Inbox}) and from answers of other services that
 * say how far their events go ({@link io.cloudunit.platform.events.Sequences#HTTP_HEADER}). Must run inside the
 * transaction of the change that depends on what was seen.
 */
@ApplicationScoped
public class SeenSequences {
    private static final String RECORD = """
            insert into seen_sequence (tenant, source, last_value) values (:tenant, :source, :sequence)
            on conflict (tenant, source)
            do update set last_value = greatest(seen_sequence.last_value, excluded.last_value)""";

    private final String ownSource;

    public SeenSequences(Outbox outbox) {
        this.ownSource = outbox.source();
    }

    public Uni<Void> record(String tenant, Map<String, Long> seen) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<String, Long> source : seen.entrySet()) {
            if (!ownSource.equals(source.getKey())) {
                chain = chain.chain(() -> record(tenant, source.getKey(), source.getValue()));
            }
        }
        return chain;
    }

    private static Uni<Void> record(String tenant, String source, long sequence) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(RECORD)
                        .setParameter("tenant", tenant)
                        .setParameter("source", source)
                        .setParameter("sequence", sequence)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
